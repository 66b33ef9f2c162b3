package io.reactoreager.testing;

/**
 * How an input Mono is made: the three classifications of docs/semantics.md, pending and lazy in two
 * forms each.
 */
public enum InputKind {
	/** {@code Mono.just/empty/error}: outcome known at assembly. */
	RESOLVED,
	/** An {@code Eager.sink} completed later from {@code Schedulers.parallel()}. */
	PENDING_SINK,
	/** {@code Eager.start} of a lazy Mono that completes later, from {@code Schedulers.parallel()}. */
	PENDING_START,
	/** {@code Mono.fromCallable}: lazy, runs on every subscription. */
	LAZY_CALLABLE,
	/** {@code Mono.deferContextual}: lazy, records the Context it is subscribed with. */
	LAZY_CONTEXTUAL;

	public boolean isPending() {
		return this == PENDING_SINK || this == PENDING_START;
	}

	public boolean isLazy() {
		return this == LAZY_CALLABLE || this == LAZY_CONTEXTUAL;
	}
}
