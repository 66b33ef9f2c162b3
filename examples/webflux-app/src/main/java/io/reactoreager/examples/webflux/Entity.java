package io.reactoreager.examples.webflux;

import java.util.Objects;

/**
 * A catalogue entity of the listing endpoints ({@link EntityController}).
 *
 * @param id the id
 * @param name the display name
 * @param region the region it is sold in, or {@code global}
 * @param restricted whether only the {@code admin} role may see it
 */
public record Entity(int id, String name, String region, boolean restricted) {

	public Entity {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(region, "region");
	}
}
