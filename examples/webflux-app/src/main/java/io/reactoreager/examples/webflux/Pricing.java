package io.reactoreager.examples.webflux;

import org.springframework.stereotype.Component;

/** Prices a product for a user: users whose name starts with {@code vip-} get 10% off. */
@Component
public final class Pricing {

	/**
	 * @param product the product
	 * @param user the user
	 * @return the quote
	 */
	public Quote quote(Product product, CurrentUser user) {
		long price = user.name().startsWith("vip-") ? product.priceCents() * 9 / 10 : product.priceCents();
		return new Quote(product, user.name(), price);
	}
}
