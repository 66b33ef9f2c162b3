package io.reactoreager.examples.webmvc;

/**
 * An entity kept by the listing, enriched with its price.
 *
 * @param id the entity id
 * @param name the display name
 * @param priceCents the price in cents
 */
public record EntityView(int id, String name, long priceCents) {
}
