package io.reactoreager.testing;

import reactor.core.publisher.Mono;

/** The three outcomes a Mono can have; the error is always an {@link IllegalStateException} with {@link #ERROR_MESSAGE}. */
public enum Outcome {
	VALUE, EMPTY, ERROR;

	/** The value a {@link #VALUE} input emits. */
	public static final int VALUE_EMITTED = 4;

	/** The message of the error an {@link #ERROR} input fails with. */
	public static final String ERROR_MESSAGE = "boom";

	/** The stock Reactor Mono of this outcome. */
	public Mono<Integer> stock() {
		return switch (this) {
			case VALUE -> Mono.just(VALUE_EMITTED);
			case EMPTY -> Mono.empty();
			case ERROR -> Mono.error(new IllegalStateException(ERROR_MESSAGE));
		};
	}
}
