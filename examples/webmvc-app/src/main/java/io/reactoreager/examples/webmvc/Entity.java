package io.reactoreager.examples.webmvc;

/**
 * A catalogue entity (the same data as the WebFlux example's).
 *
 * @param id the id
 * @param name the display name
 * @param region the region it is sold in, or {@code global}
 * @param restricted whether only the {@code admin} role may see it
 */
public record Entity(int id, String name, String region, boolean restricted) {
}
