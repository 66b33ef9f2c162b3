package io.reactoreager.examples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A product catalogue on Spring WebFlux whose controller and functional route use the eager
 * operators inside ordinary WebFlux code: handlers return {@code Mono}, eager steps are applied
 * with {@code Mono.transform}, and WebFlux subscribes as usual.
 *
 * <p>Run it with {@code ./mvnw -pl examples/webflux-app -am spring-boot:run}, then
 * {@code curl -H 'X-User: alice' localhost:8080/products/p1/quote}.
 *
 * <p>Nothing here wires reactor-eager: with {@code reactor-eager-micrometer} on the class path,
 * Spring Boot applies its auto-configuration, which reads the switch from
 * {@code reactor.eager.enabled} and binds the {@code reactor.eager.*} meters to the application's
 * registry (Actuator's {@code /actuator/prometheus} shows them).
 */
@SpringBootApplication
public class CatalogueApplication {

	public static void main(String[] args) {
		SpringApplication.run(CatalogueApplication.class, args);
	}
}
