package io.reactoreager.examples.webflux;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts a {@link CurrentUser} (from the {@code X-User} header, {@code anonymous} without one)
 * into the Reactor {@code Context} of the whole exchange with {@code contextWrite}, as Spring
 * Security's {@code ReactorContextWebFilter} does with the security context.
 */
@Component
public final class UserContextFilter implements WebFilter {

	/** The request header naming the user. */
	public static final String USER_HEADER = "X-User";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String name = exchange.getRequest().getHeaders().getFirst(USER_HEADER);
		CurrentUser user = new CurrentUser(name == null || name.isBlank() ? "anonymous" : name);
		return chain.filter(exchange).contextWrite(ctx -> ctx.put(CurrentUser.KEY, user));
	}
}
