package io.reactoreager.netty;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A minimal router in the style of WebFlux's {@code RouterFunctions.route()}:
 *
 * <pre>{@code
 * Function<EagerHttpRequest, Mono<EagerHttpResponse>> handler = EagerRoutes.route()
 *     .GET("/users/{id}", request -> users.find(request.pathVariable("id")).map(EagerHttpResponse::ok))
 *     .POST("/users", request -> users.create(request.bodyAsString()))
 *     .build();
 * }</pre>
 *
 * <p>Routes are tried in order; the first whose method and path pattern match handles the
 * request, with the pattern's {@code {name}} segments available as path variables. No match →
 * {@code Mono.empty()} (resolved), which the server answers with its empty response (404).
 * Matching runs inline and allocates only for the captured variables.
 */
public final class EagerRoutes {

	private final List<Route> routes = new ArrayList<>();

	private EagerRoutes() {}

	/** @return an empty route list */
	public static EagerRoutes route() {
		return new EagerRoutes();
	}

	/**
	 * @param pattern a path pattern such as {@code /users/{id}}; not null
	 * @param handler the handler; not null
	 * @return this
	 */
	public EagerRoutes GET(String pattern, Function<EagerHttpRequest, Mono<EagerHttpResponse>> handler) {
		return add(HttpMethod.GET, pattern, handler);
	}

	/**
	 * @param pattern a path pattern; not null
	 * @param handler the handler; not null
	 * @return this
	 */
	public EagerRoutes POST(String pattern, Function<EagerHttpRequest, Mono<EagerHttpResponse>> handler) {
		return add(HttpMethod.POST, pattern, handler);
	}

	/**
	 * @param pattern a path pattern; not null
	 * @param handler the handler; not null
	 * @return this
	 */
	public EagerRoutes PUT(String pattern, Function<EagerHttpRequest, Mono<EagerHttpResponse>> handler) {
		return add(HttpMethod.PUT, pattern, handler);
	}

	/**
	 * @param pattern a path pattern; not null
	 * @param handler the handler; not null
	 * @return this
	 */
	public EagerRoutes DELETE(String pattern, Function<EagerHttpRequest, Mono<EagerHttpResponse>> handler) {
		return add(HttpMethod.DELETE, pattern, handler);
	}

	/**
	 * @param method the method; not null
	 * @param pattern a path pattern starting with {@code /}; not null
	 * @param handler the handler; not null
	 * @return this
	 */
	public EagerRoutes add(HttpMethod method, String pattern,
						   Function<EagerHttpRequest, Mono<EagerHttpResponse>> handler) {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(pattern, "pattern");
		Objects.requireNonNull(handler, "handler");
		if (!pattern.startsWith("/")) {
			throw new IllegalArgumentException("pattern must start with '/', was " + pattern);
		}
		routes.add(new Route(method, split(pattern), handler));
		return this;
	}

	/** @return the handler function (a snapshot of the routes added so far) */
	public Function<EagerHttpRequest, Mono<EagerHttpResponse>> build() {
		Route[] table = routes.toArray(new Route[0]);
		return request -> {
			String[] path = split(request.path());
			for (Route route : table) {
				if (route.method.equals(request.method())) {
					Map<String, String> variables = route.match(path);
					if (variables != null) {
						request.pathVariables(variables);
						return route.handler.apply(request);
					}
				}
			}
			return Mono.empty();
		};
	}

	private static String[] split(String path) {
		String trimmed = path.startsWith("/") ? path.substring(1) : path;
		if (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
	}

	private record Route(HttpMethod method, String[] segments,
						 Function<EagerHttpRequest, Mono<EagerHttpResponse>> handler) {
		Map<String, String> match(String[] path) {
			if (path.length != segments.length) {
				return null;
			}
			Map<String, String> variables = Map.of();
			for (int i = 0; i < segments.length; i++) {
				String segment = segments[i];
				if (segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}")) {
					if (variables.isEmpty()) {
						variables = new HashMap<>();
					}
					variables.put(segment.substring(1, segment.length() - 1), path[i]);
				} else if (!segment.equals(path[i])) {
					return null;
				}
			}
			return variables.isEmpty() ? variables : Map.copyOf(variables);
		}
	}
}
