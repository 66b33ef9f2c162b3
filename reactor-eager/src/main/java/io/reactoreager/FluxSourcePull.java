package io.reactoreager;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Fuseable;
import reactor.core.publisher.Operators;

/**
 * Stands in for the upstream {@link Subscription} of an eager Flux operator whose source is
 * SYNC-fuseable ({@code Flux.range}, {@code Flux.fromIterable}, {@code Flux.just(a, b)}, and
 * fuseable {@code map}/{@code filter} over them): a {@code request(n)} pulls up to {@code n}
 * elements with {@link Fuseable.QueueSubscription#poll()} and hands each to the operator's
 * {@code onNext}, on the requesting thread, exactly when the unfused source would have emitted
 * them. The source's end is signalled as soon as {@link Fuseable.QueueSubscription#isEmpty()}
 * says so (as the stock array/range/iterable sources do, without waiting for more demand).
 *
 * <p>Requests are serialized by a missed-request counter, so reentrant requests (the operator
 * replenishing from inside {@code onNext}) extend the running loop instead of recursing. It must
 * never poll after cancellation, after the end, or from two threads at once.
 */
final class FluxSourcePull<T> implements Subscription {

	@SuppressWarnings("rawtypes")
	private static final AtomicLongFieldUpdater<FluxSourcePull> REQUESTED =
			AtomicLongFieldUpdater.newUpdater(FluxSourcePull.class, "requested");

	final Fuseable.QueueSubscription<T> qs;
	final CoreSubscriber<? super T> target;

	volatile long requested;
	volatile boolean cancelled;
	boolean done;

	private FluxSourcePull(Fuseable.QueueSubscription<T> qs, CoreSubscriber<? super T> target) {
		this.qs = qs;
		this.target = target;
	}

	/**
	 * Returns a pulling stand-in when {@code s} accepts SYNC fusion, else {@code s} itself.
	 * Must be called from {@code onSubscribe}, before anything is requested.
	 */
	@SuppressWarnings("unchecked")
	static <T> Subscription fuse(Subscription s, CoreSubscriber<? super T> target) {
		if (s instanceof Fuseable.QueueSubscription<?> q && q.requestFusion(Fuseable.SYNC) == Fuseable.SYNC) {
			return new FluxSourcePull<>((Fuseable.QueueSubscription<T>) q, target);
		}
		return s;
	}

	/** The first request for a concurrency or prefetch: unbounded stays unbounded. */
	static long unboundedOrPrefetch(int prefetch) {
		return prefetch == Integer.MAX_VALUE ? Long.MAX_VALUE : prefetch;
	}

	/** The replenishment threshold for a prefetch: 75% of it, as Reactor's operators use. */
	static int unboundedOrLimit(int prefetch) {
		return prefetch == Integer.MAX_VALUE ? Integer.MAX_VALUE : prefetch - (prefetch >> 2);
	}

	@Override
	public void request(long n) {
		if (n <= 0 || Operators.addCap(REQUESTED, this, n) != 0) {
			return;
		}
		long emitted = 0;
		long r = n;
		for (;;) {
			while (emitted != r) {
				if (cancelled || done) {
					return;
				}
				T v;
				boolean end;
				try {
					v = qs.poll();
					end = v == null || qs.isEmpty();
				}
				catch (Throwable e) {
					Exceptions.throwIfFatal(e);
					fail(e);
					return;
				}
				if (v != null) {
					target.onNext(v);
					emitted++;
				}
				if (end) {
					if (!cancelled && !done) {
						done = true;
						target.onComplete();
					}
					return;
				}
			}
			if (cancelled || done) {
				return;
			}
			r = requested;
			if (r == emitted) {
				r = REQUESTED.addAndGet(this, -emitted);
				if (r == 0) {
					return;
				}
				emitted = 0;
			}
		}
	}

	private void fail(Throwable e) {
		done = true;
		qs.cancel();
		if (!cancelled) {
			target.onError(Operators.onOperatorError(e, target.currentContext()));
		}
	}

	@Override
	public void cancel() {
		if (!cancelled) {
			cancelled = true;
			qs.cancel();
		}
	}
}
