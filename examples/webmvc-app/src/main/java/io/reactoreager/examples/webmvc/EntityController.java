package io.reactoreager.examples.webmvc;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The WebFlux example's listing ({@code /entities/stock}, {@code /entities/eager}) as a loop: the
 * same {@code n} entities, the same four checks (two cache reads, two request attributes; with
 * {@code remote=true} one status check in twenty is a remote call, waited for in turn), the same
 * price enrichment, the same JSON.
 */
@RestController
public final class EntityController {

	private final EntityStore store;

	public EntityController(EntityStore store) {
		this.store = store;
	}

	/** The listing, imperatively. */
	@GetMapping("/entities/imperative")
	public List<EntityView> list(@RequestParam(defaultValue = "20") int n,
			@RequestParam(defaultValue = "false") boolean remote,
			@RequestHeader(name = "X-Tenant", defaultValue = "acme") String tenant,
			@RequestHeader(name = "X-Region", defaultValue = "eu") String region,
			@RequestHeader(name = "X-Role", defaultValue = "user") String role) {
		if (n < 1 || n > EntityStore.MAX_ENTITIES) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "n must be between 1 and " + EntityStore.MAX_ENTITIES + ", was " + n);
		}
		boolean admin = "admin".equals(role);
		List<EntityView> kept = new ArrayList<>();
		for (int id = 0; id < n; id++) {
			Entity e = store.entity(id);
			boolean keep = store.mayRead(tenant, id)
					&& store.isActive(id, remote)
					&& ("global".equals(e.region()) || e.region().equals(region))
					&& (admin || !e.restricted());
			if (keep) {
				kept.add(new EntityView(id, e.name(), store.priceCents(id)));
			}
		}
		return kept;
	}
}
