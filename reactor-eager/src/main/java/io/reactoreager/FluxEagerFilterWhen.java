package io.reactoreager;

import java.util.Objects;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * Eager {@code Flux.filterWhen(predicate, bufferSize)}: applies the predicate to each value as it
 * arrives, and emits the values whose test Publisher's first value is {@code true}, in order and
 * deciding one value at a time. A <b>resolved</b> test ({@code Mono.just}, a finished eager value)
 * is read at once, with no inner subscriber: when nothing is buffered ahead of its value and
 * downstream has demand, the value is emitted or discarded on the spot, without entering the
 * buffer; otherwise the verdict is kept in the value's slot (one bit); a
 * <b>pending</b> test is already running, so it gets one small continuation per slot at once and
 * the pending tests of buffered values overlap; a <b>lazy</b> test is not subscribed ahead: it is
 * subscribed only when its value's turn comes, with the subscriber's Context, as stock does (a
 * non-Mono predicate is cancelled after its first value).
 *
 * <p>Signals follow stock {@code FluxFilterWhen}: at most {@code bufferSize} values are requested
 * ahead from upstream and replenished by three quarters of it as values are consumed; values
 * whose test is {@code false} or empty are discarded; a predicate error (thrown, returned as a
 * null, or signalled) is taken at its value's turn: it discards the value, is kept, and is
 * delivered once upstream has completed and the buffer has drained (an upstream error replaces
 * it); cancelling cancels upstream, the lazy test in flight and every outstanding pending test (a
 * pending whose last observer this was cancels its work), discards the buffered values and
 * reports the errors of buffered tests that were never reached to {@link Operators#onErrorDropped}.
 * The one difference from stock: the predicate runs for a value before the tests of earlier
 * values have finished (and before downstream asked for it).
 *
 * <p>It must never subscribe to a resolved test, never subscribe a lazy test before its value's
 * turn, and never signal after a terminal signal or cancellation.
 */
final class FluxEagerFilterWhen<T> extends Flux<T> implements Scannable {

	final Flux<? extends T> source;
	final Function<? super T, ? extends Publisher<Boolean>> predicate;
	final int bufferSize;

	FluxEagerFilterWhen(Flux<? extends T> source, Function<? super T, ? extends Publisher<Boolean>> predicate, int bufferSize) {
		this.source = source;
		this.predicate = predicate;
		this.bufferSize = bufferSize;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		Objects.requireNonNull(actual, "actual");
		source.subscribe(new FluxEagerFilterWhenMain<T>(actual, predicate, bufferSize));
	}

	@Override
	@Nullable
	public Object scanUnsafe(Attr key) {
		if (key == Attr.PARENT) {
			return source;
		}
		if (key == Attr.PREFETCH) {
			return bufferSize;
		}
		if (key == Attr.RUN_STYLE) {
			return Attr.RunStyle.SYNC;
		}
		return null;
	}

	@Override
	public String toString() {
		return "EagerFlux.filterWhen(" + bufferSize + ")";
	}
}
