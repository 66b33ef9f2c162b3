package io.reactoreager;

import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;

/**
 * {@code flatMapSequential} with inner fusion: a prefetching ordered merge. Up to
 * {@code maxConcurrency} inners are in flight; their values are emitted in source order, the head
 * inner first. The ordered list of inners holds, per source element,
 * <ul>
 * <li>for a <b>resolved</b> inner, its value itself (or a marker when empty): no subscriber, no
 * per-inner queue; when nothing is ahead of it and downstream has demand it is emitted inline and
 * the list is not even allocated;</li>
 * <li>for a <b>pending</b> inner, its one continuation ({@link FluxEagerPendingInner}, one value slot);</li>
 * <li>for a <b>lazy</b> inner, a subscriber with its own prefetch queue ({@link FluxEagerLazyInner}), as
 * stock {@code flatMapSequential} subscribes it.</li>
 * </ul>
 * The source is asked for {@code maxConcurrency} elements, then for one more each time the head
 * inner is finished, as stock does. Errors fail fast (stock's {@code IMMEDIATE} mode): the first
 * error cancels the source and every inner, discards what is buffered, and is delivered at once.
 *
 * <p>It must never emit out of source order, emit more than requested, or drop a value without
 * passing it to {@link Operators#onDiscard}.
 *
 * <p>This class is the assembly-time operator only: a source known to hold at most one resolved
 * element is fused away ({@link FluxScalarSource}), as stock does; otherwise the downstream
 * subscriber is handed to a new {@link FluxEagerFlatMapSequentialMain}, which does all the merging. It must
 * never hold per-subscription state.
 */
final class FluxEagerFlatMapSequential<T, R> extends Flux<R> implements Scannable {

	final Flux<? extends T> source;
	final Function<? super T, ? extends Publisher<? extends R>> mapper;
	final int maxConcurrency;
	final int prefetch;

	FluxEagerFlatMapSequential(Flux<? extends T> source, Function<? super T, ? extends Publisher<? extends R>> mapper, int maxConcurrency, int prefetch) {
		this.source = source;
		this.mapper = mapper;
		this.maxConcurrency = maxConcurrency;
		this.prefetch = prefetch;
	}

	@Override
	public void subscribe(CoreSubscriber<? super R> actual) {
		if (FluxScalarSource.trySubscribe(source, actual, mapper, EagerOperator.FLUX_FLAT_MAP_SEQUENTIAL, false)) {
			return;
		}
		source.subscribe(new FluxEagerFlatMapSequentialMain<>(actual, mapper, maxConcurrency, prefetch));
	}

	@Override
	public int getPrefetch() {
		return prefetch;
	}

	@Override
	@Nullable
	public Object scanUnsafe(Attr key) {
		if (key == Attr.PARENT) return source;
		if (key == Attr.PREFETCH) return prefetch;
		if (key == Attr.RUN_STYLE) return Attr.RunStyle.SYNC;
		return null;
	}
}
