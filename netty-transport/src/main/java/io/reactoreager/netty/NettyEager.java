package io.reactoreager.netty;

import io.netty.channel.ChannelFuture;
import io.reactoreager.Eager;
import io.reactoreager.EagerOperator;
import io.reactoreager.EagerSink;
import io.reactoreager.EagerStats;
import io.reactoreager.spi.EagerCounters;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import reactor.core.publisher.Mono;

/**
 * Bridges Netty's {@link Future} and {@link ChannelFuture} to eager {@link Mono}s.
 *
 * <p>A future that is already done becomes a <em>resolved</em> Mono ({@code Mono.just},
 * {@code Mono.empty} or {@code Mono.error}, Reactor's {@code ScalarCallable}s), so eager
 * operators fuse it inline with no subscription at all. A future that is still in flight becomes a
 * <em>pending</em> Mono ({@link Eager#isPending} is true): one listener on the future completes it,
 * so eager operators and subscribers resume from the future's own notification, that is on the
 * future's {@link io.netty.util.concurrent.EventExecutor} (inline when the future completes on
 * that event loop, as Netty's {@code DefaultPromise} does). A subscriber that arrives after
 * completion gets the outcome replayed inline, on its own thread.
 *
 * <p>Signals: success with a value → {@code onNext} then {@code onComplete}; success with
 * {@code null} (every {@code ChannelFuture}) → {@code onComplete}; failure → {@code onError(cause)};
 * cancelled → {@code onError(CancellationException)}. When every observer of a pending Mono has
 * cancelled before the future is done, the future itself is cancelled
 * ({@code future.cancel(false)}): abandoning the Mono abandons the I/O behind it.
 *
 * <p>Each call is counted in {@link EagerStats} as {@link EagerOperator#NETTY_FUTURE}:
 * {@code INLINE} for a done future, {@code SUSPENDED} for one in flight.
 *
 * <p>This class never blocks and never calls {@code Future#sync()} or {@code await()}.
 */
public final class NettyEager {

	private NettyEager() {}

	/**
	 * A Mono for a Netty future: resolved when the future is done now, pending otherwise.
	 *
	 * @param future the future; not null
	 * @param <T> the value type
	 * @return a resolved Mono for a done future, else a pending Mono completed by the future
	 */
	public static <T> Mono<T> from(Future<T> future) {
		Objects.requireNonNull(future, "future");
		if (future.isDone()) {
			EagerCounters.record(EagerOperator.NETTY_FUTURE, EagerStats.Kind.INLINE);
			return resolved(future);
		}
		EagerCounters.record(EagerOperator.NETTY_FUTURE, EagerStats.Kind.SUSPENDED);
		return pending(future);
	}

	/**
	 * A {@code Mono<Void>} for a channel operation (write, connect, close): resolved when it is
	 * done now, pending otherwise; it completes empty on success.
	 *
	 * @param future the channel future; not null
	 * @return a resolved or pending Mono that completes empty or fails with the cause
	 */
	public static Mono<Void> from(ChannelFuture future) {
		Objects.requireNonNull(future, "future");
		if (future.isDone()) {
			EagerCounters.record(EagerOperator.NETTY_FUTURE, EagerStats.Kind.INLINE);
			return resolved(future);
		}
		EagerCounters.record(EagerOperator.NETTY_FUTURE, EagerStats.Kind.SUSPENDED);
		return pending(future);
	}

	/**
	 * The pending Mono of a future in flight: an {@link EagerSink} completed by one listener on
	 * the future (so it resumes on the future's executor, inline when the future completes on
	 * it), whose cancel action cancels the future once every observer has cancelled.
	 */
	static <T> Mono<T> pending(Future<T> future) {
		FutureBridge<T> bridge = new FutureBridge<>(future);
		future.addListener(bridge);
		return bridge.sink.asMono();
	}

	/** Completes the sink from the future, and cancels the future when the sink is abandoned. */
	private static final class FutureBridge<T> implements Runnable, GenericFutureListener<Future<T>> {
		final Future<T> future;
		final EagerSink<T> sink;
		/** Set when every observer cancelled: the future's own cancellation is then no news. */
		volatile boolean abandoned;

		FutureBridge(Future<T> future) {
			this.future = future;
			this.sink = Eager.sink(this);
		}

		@Override
		public void run() {
			abandoned = true;
			future.cancel(false);
		}

		@Override
		public void operationComplete(Future<T> f) {
			if (f instanceof ChannelFuture cf) {
				// resumed on the channel's loop: make the loop known to the fairness budget
				NettyEagerPolicy.remember(cf.channel().eventLoop());
			}
			if (f.isSuccess()) {
				T value = f.getNow();
				if (value == null) {
					sink.tryEmitEmpty();
				} else {
					sink.tryEmitValue(value);
				}
			} else if (f.isCancelled()) {
				if (!abandoned) {
					sink.tryEmitError(cancelled());
				}
			} else {
				sink.tryEmitError(f.cause());
			}
		}
	}

	/** The resolved Mono of a done future (a Reactor {@code ScalarCallable}). */
	static <T> Mono<T> resolved(Future<? extends T> done) {
		if (done.isSuccess()) {
			T value = done.getNow();
			return value == null ? Mono.empty() : Mono.just(value);
		}
		if (done.isCancelled()) {
			return Mono.error(cancelled());
		}
		return Mono.error(done.cause());
	}

	static CancellationException cancelled() {
		return new CancellationException("the Netty future was cancelled");
	}
}
