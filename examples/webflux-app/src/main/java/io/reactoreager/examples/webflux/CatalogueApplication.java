package io.reactoreager.examples.webflux;

import io.reactoreager.metrics.EagerMetrics;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A product catalogue on Spring WebFlux whose controller and functional route use the eager
 * operators inside ordinary WebFlux code: handlers return {@code Mono}, eager steps are applied
 * with {@code Mono.transform}, and WebFlux subscribes as usual.
 *
 * <p>Run it with {@code ./mvnw -pl examples/webflux-app -am spring-boot:run}, then
 * {@code curl -H 'X-User: alice' localhost:8080/products/p1/quote}.
 */
@SpringBootApplication
public class CatalogueApplication {

	public static void main(String[] args) {
		SpringApplication.run(CatalogueApplication.class, args);
	}

	/**
	 * The eager operators' meters ({@code reactor.eager.*}): Boot binds every {@code MeterBinder}
	 * bean to its registry, so Actuator's Prometheus endpoint shows them.
	 */
	@Bean
	EagerMetrics eagerMetrics() {
		return new EagerMetrics();
	}
}
