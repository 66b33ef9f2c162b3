package io.reactoreager;

import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;

/**
 * {@code flatMap} with inner fusion: each source element is mapped to a Publisher and
 * <ul>
 * <li>a <b>resolved</b> inner is emitted inline (or, without downstream demand, put on one shared
 * queue of resolved values allocated on first need) and never occupies an inner slot;</li>
 * <li>a <b>pending</b> inner gets one continuation ({@link FluxEagerPendingInner}) that holds its single
 * value;</li>
 * <li>a <b>lazy</b> inner is subscribed as stock {@code flatMap} does ({@link FluxEagerLazyInner}, with
 * {@code prefetch} and queue fusion).</li>
 * </ul>
 * Merging, demand, replenishment of the source ({@code concurrency}, then 75% of it at a time),
 * error mode (fail fast: the first error cancels the source and every inner) and the order in
 * which buffers are drained (resolved values first, then inners round-robin) follow stock
 * {@code Flux.flatMap}, so that given the same inputs the downstream sees the same signals.
 *
 * <p>It must never emit concurrently, never emit more than requested, and never drop a value
 * without passing it to {@link Operators#onDiscard}.
 *
 * <p>This class is the assembly-time operator only: a source known to hold at most one resolved
 * element is fused away ({@link FluxScalarSource}); otherwise the downstream subscriber is handed
 * to a new {@link FluxEagerFlatMapMain}, which does all the merging. It must never hold
 * per-subscription state.
 */
final class FluxEagerFlatMap<T, R> extends Flux<R> implements Scannable {

	final Flux<? extends T> source;
	final Function<? super T, ? extends Publisher<? extends R>> mapper;
	final int maxConcurrency;
	final int prefetch;

	FluxEagerFlatMap(Flux<? extends T> source, Function<? super T, ? extends Publisher<? extends R>> mapper, int maxConcurrency, int prefetch) {
		this.source = source;
		this.mapper = mapper;
		this.maxConcurrency = maxConcurrency;
		this.prefetch = prefetch;
	}

	@Override
	public void subscribe(CoreSubscriber<? super R> actual) {
		if (FluxScalarSource.trySubscribe(source, actual, mapper, EagerOperator.FLUX_FLAT_MAP, true)) {
			return;
		}
		source.subscribe(new FluxEagerFlatMapMain<>(actual, mapper, maxConcurrency, prefetch));
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
