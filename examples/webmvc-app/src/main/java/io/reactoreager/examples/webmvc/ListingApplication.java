package io.reactoreager.examples.webmvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The listing of the WebFlux example written the imperative way, for Spring MVC on virtual
 * threads: the baseline many teams pick instead of a reactive stack. Run it on JDK 21 or later
 * ({@code java -jar target/reactor-eager-example-webmvc-0.1.0-SNAPSHOT.jar}), then
 * {@code curl 'localhost:8080/entities/imperative?n=20'}.
 */
@SpringBootApplication
public class ListingApplication {

	public static void main(String[] args) {
		SpringApplication.run(ListingApplication.class, args);
	}
}
