package io.reactoreager.examples.webflux;

import java.util.Objects;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The security-style value a {@link UserContextFilter} puts into each request's Reactor
 * {@code Context}, the way Spring Security keeps its {@code SecurityContext}.
 *
 * @param name the user name
 */
public record CurrentUser(String name) {

	/** The Context key. */
	public static final Class<CurrentUser> KEY = CurrentUser.class;

	public CurrentUser {
		Objects.requireNonNull(name, "name");
	}

	/**
	 * A <em>lazy</em> Mono of the subscriber's user: it reads the Context when subscribed, so it
	 * sees whatever the subscriber (WebFlux, through the filter) put there; empty without one.
	 *
	 * @return the current user, read at subscription
	 */
	public static Mono<CurrentUser> current() {
		return Mono.deferContextual(ctx -> Mono.justOrEmpty(from(ctx)));
	}

	static CurrentUser from(ContextView ctx) {
		return ctx.getOrDefault(KEY, null);
	}
}
