package io.reactoreager.examples.netty;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A catalogue entry, with the small JSON form the backend and the service exchange (hand-written:
 * the example keeps its dependencies to Netty, Reactor and Micrometer).
 *
 * @param id the product id
 * @param name the display name (no quotes or backslashes)
 * @param priceCents the list price in cents
 */
public record Product(String id, String name, long priceCents) {

	private static final Pattern JSON = Pattern.compile(
			"\\{\"id\":\"([^\"]*)\",\"name\":\"([^\"]*)\",\"priceCents\":(\\d+)}");

	public Product {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		if (priceCents < 0) {
			throw new IllegalArgumentException("priceCents must be >= 0, was " + priceCents);
		}
	}

	/** @return {@code {"id":"p1","name":"...","priceCents":1250}} */
	public String toJson() {
		return "{\"id\":\"" + Json.escape(id) + "\",\"name\":\"" + Json.escape(name) + "\",\"priceCents\":" + priceCents + "}";
	}

	/**
	 * Parses the form {@link #toJson()} writes.
	 *
	 * @param json the text, not null
	 * @return the product, or empty when the text is not in that form
	 */
	public static Optional<Product> fromJson(String json) {
		Matcher m = JSON.matcher(json.strip());
		return m.matches() ? Optional.of(new Product(m.group(1), m.group(2), Long.parseLong(m.group(3)))) : Optional.empty();
	}
}
