package io.reactoreager.examples.webflux;

/**
 * What the listing endpoints return for each entity kept: the entity enriched with its price.
 *
 * @param id the entity id
 * @param name the display name
 * @param priceCents the price in cents
 */
public record EntityView(int id, String name, long priceCents) {

	static EntityView of(Entity entity, long priceCents) {
		return new EntityView(entity.id(), entity.name(), priceCents);
	}
}
