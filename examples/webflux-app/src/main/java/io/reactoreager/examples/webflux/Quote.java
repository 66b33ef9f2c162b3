package io.reactoreager.examples.webflux;

/**
 * A price quoted to one user: the user comes from the request's Reactor {@code Context}
 * (put there by {@link UserContextFilter}), never from a thread-local or a parameter.
 *
 * @param product the product
 * @param user the user the quote is for
 * @param priceCents the price for that user
 */
public record Quote(Product product, String user, long priceCents) {
}
