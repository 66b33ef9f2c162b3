package io.reactoreager;

/**
 * The error every eager Publisher signals for a non-positive {@code request(n)} (Reactive
 * Streams §3.9: a Publisher must signal it; stock Reactor only logs it). One message for all of
 * them, so a subscriber (and a test) sees the same text from every operator.
 */
final class BadRequest {

	private BadRequest() {
	}

	/** The §3.9 error for a request of {@code n}. */
	static IllegalArgumentException of(long n) {
		return new IllegalArgumentException("§3.9 violated: positive request amount required but it was " + n);
	}
}
