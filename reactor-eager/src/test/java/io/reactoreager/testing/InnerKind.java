package io.reactoreager.testing;

import java.util.List;

import io.reactoreager.Eager;
import io.reactoreager.EagerSink;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The kinds of inner Publisher a Flux operator's function may return, each built the same way
 * for the eager and the stock run. Element {@code i}'s values are {@code i * 10 (+ 1, + 2)}, so
 * every value says which inner produced it.
 */
public enum InnerKind {
	/** {@code Mono.just}: resolved. */
	RESOLVED_VALUE,
	/** {@code Mono.empty}: resolved. */
	RESOLVED_EMPTY,
	/** {@code Mono.error}: resolved. */
	RESOLVED_ERROR,
	/** {@code Eager.call}: our own resolved type. */
	EAGER_RESOLVED,
	/** {@code Flux.just(x)}: a resolved Flux (ScalarCallable). */
	RESOLVED_FLUX,
	/** A pending value that already finished when the function returns it: resolved. */
	DONE_PENDING,
	/** A pending value completed later, from another thread, with a value. */
	PENDING_VALUE,
	/** A pending value completed later, from another thread, empty. */
	PENDING_EMPTY,
	/** A pending value completed later, from another thread, with an error. */
	PENDING_ERROR,
	/** {@code Mono.just(x).map(..)}: lazy, synchronous. */
	LAZY_MONO,
	/** {@code Flux.range(x, 3)}: lazy, three values, SYNC-fuseable. */
	LAZY_FLUX,
	/** {@code Flux.range(x, 3).hide()}: lazy, three values, not fuseable. */
	LAZY_FLUX_HIDDEN,
	/** {@code Mono.fromCallable}: lazy Callable (stock flatMap calls it in place). */
	LAZY_CALLABLE,
	/** The function itself throws. */
	MAPPER_THROWS;

	public boolean isPending() {
		return this == PENDING_VALUE || this == PENDING_EMPTY || this == PENDING_ERROR;
	}

	/** Builds element {@code i}'s inner; {@code sinks.get(i)} is the sink of a pending kind. */
	public Publisher<Integer> build(int i, List<EagerSink<Integer>> sinks) {
		int v = i * 10;
		switch (this) {
			case RESOLVED_VALUE:
				return Mono.just(v);
			case RESOLVED_EMPTY:
				return Mono.empty();
			case RESOLVED_ERROR:
				return Mono.error(new IllegalStateException("inner " + i));
			case EAGER_RESOLVED:
				return Eager.fromCallable(() -> v);
			case RESOLVED_FLUX:
				return Flux.just(v);
			case DONE_PENDING: {
				EagerSink<Integer> s = Eager.sink(() -> { });
				s.tryEmitValue(v);
				return s.asMono();
			}
			case PENDING_VALUE:
			case PENDING_EMPTY:
			case PENDING_ERROR:
				return sinks.get(i).asMono();
			case LAZY_MONO:
				return Mono.just(v).map(x -> x + 1);
			case LAZY_FLUX:
				return Flux.range(v, 3);
			case LAZY_FLUX_HIDDEN:
				return Flux.range(v, 3).hide();
			case LAZY_CALLABLE:
				return Mono.fromCallable(() -> v + 2);
			case MAPPER_THROWS:
				throw new IllegalArgumentException("mapper " + i);
			default:
				throw new AssertionError(this);
		}
	}

	/** Completes element {@code i}'s pending sink as this kind says. */
	public void complete(int i, EagerSink<Integer> sink) {
		switch (this) {
			case PENDING_VALUE:
				sink.tryEmitValue(i * 10 + 5);
				break;
			case PENDING_EMPTY:
				sink.tryEmitEmpty();
				break;
			case PENDING_ERROR:
				sink.tryEmitError(new IllegalStateException("pending " + i));
				break;
			default:
				break;
		}
	}
}
