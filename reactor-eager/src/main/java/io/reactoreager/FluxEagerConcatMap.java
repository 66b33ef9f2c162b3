package io.reactoreager;

import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.util.annotation.Nullable;

/**
 * {@code concatMap} with inner fusion, in the shape of stock {@code concatMap}'s no-prefetch form:
 * the source is asked for one element at a time, only once downstream has requested, and the
 * next element only when the current inner has completed. The current inner is
 * <ul>
 * <li><b>resolved</b>: its value is emitted inline if there is demand, else held in one field
 * until there is; no subscriber, no queue;</li>
 * <li><b>pending</b>: this operator itself is registered as the pending's one continuation (no
 * allocation per inner);</li>
 * <li><b>lazy</b>: subscribed with a {@link LazyInner} that passes downstream demand through.</li>
 * </ul>
 * Errors fail fast (stock's {@code IMMEDIATE} mode): a source error cancels the current inner, an
 * inner or function error cancels the source, and the error is delivered at once.
 *
 * <p>Demand is tracked by a small serialized arbiter (missed-request/missed-produced counters
 * applied under a work-in-progress counter), as stock's multi-subscription arbiter does. It must
 * never run two inners at once, emit more than requested, or drop a value without discarding it.
 *
 * <p>This class is the assembly-time operator only: a source known to hold at most one resolved
 * element is fused away ({@link FluxScalarSource}); otherwise the downstream subscriber is handed
 * to a new {@link FluxEagerConcatMapMain}. It must never hold per-subscription state.
 */
final class FluxEagerConcatMap<T, R> extends Flux<R> implements Scannable {

	final Flux<? extends T> source;
	final Function<? super T, ? extends Publisher<? extends R>> mapper;

	FluxEagerConcatMap(Flux<? extends T> source, Function<? super T, ? extends Publisher<? extends R>> mapper) {
		this.source = source;
		this.mapper = mapper;
	}

	@Override
	public void subscribe(CoreSubscriber<? super R> actual) {
		if (FluxScalarSource.trySubscribe(source, actual, mapper, EagerOperator.FLUX_CONCAT_MAP, true)) {
			return;
		}
		source.subscribe(new FluxEagerConcatMapMain<>(actual, mapper));
	}

	@Override
	public int getPrefetch() {
		return 0;
	}

	@Override
	@Nullable
	public Object scanUnsafe(Attr key) {
		if (key == Attr.PARENT) return source;
		if (key == Attr.PREFETCH) return 0;
		if (key == Attr.RUN_STYLE) return Attr.RunStyle.SYNC;
		return null;
	}
}
