package io.reactoreager.examples.webflux;

import java.util.Objects;

/**
 * A catalogue entry.
 *
 * @param id the product id
 * @param name the display name
 * @param priceCents the list price in cents
 */
public record Product(String id, String name, long priceCents) {

	public Product {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		if (priceCents < 0) {
			throw new IllegalArgumentException("priceCents must be >= 0, was " + priceCents);
		}
	}
}
