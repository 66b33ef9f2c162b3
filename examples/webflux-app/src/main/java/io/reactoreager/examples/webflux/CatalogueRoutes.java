package io.reactoreager.examples.webflux;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.reactoreager.Eager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The same lookup as a functional route ({@code GET /fn/products/{id}}): the handler builds its
 * {@code ServerResponse} with eager steps, so on a cache hit the response object exists before
 * WebFlux subscribes.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogueRoutes {

	@Bean
	RouterFunction<ServerResponse> productRoutes(ProductCatalogue catalogue) {
		return route(GET("/fn/products/{id}"), request -> product(catalogue, request));
	}

	static Mono<ServerResponse> product(ProductCatalogue catalogue, ServerRequest request) {
		String id = request.pathVariable("id");
		return catalogue.find(id)
				.transform(Eager.flatMap(p -> ServerResponse.ok().bodyValue(p)))
				.transform(Eager.switchIfEmpty(ServerResponse.notFound().build()));
	}
}
