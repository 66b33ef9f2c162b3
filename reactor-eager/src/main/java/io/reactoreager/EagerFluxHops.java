package io.reactoreager;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The Flux forms of {@link Eager#publishOn}, {@link Eager#subscribeOn} and {@link Eager#timeout},
 * each a {@code Function<Flux<T>, Flux<T>>} for {@link Flux#transform}. A <b>resolved</b> Flux is
 * a Reactor {@link Fuseable.ScalarCallable} one ({@code Flux.just(x)}, {@code Flux.empty()},
 * {@code Flux.error(e)}): under {@code timeout}, or under {@code publishOn}/{@code subscribeOn}
 * with the opt-in {@link HopPolicy#INLINE_WHEN_RESOLVED}, it is returned as it is, so its signals
 * arrive on the subscribing thread with no task scheduled and no timer armed. Every other Flux,
 * the default {@link HopPolicy#ALWAYS_HOP} for the hops, the switch off, or a spent fairness
 * budget on a loop thread give the stock operator. See docs/semantics.md, "Hops and timers".
 */
public final class EagerFluxHops {

	private EagerFluxHops() {
	}

	/**
	 * Eager {@link Flux#publishOn(Scheduler)}: every signal arrives on a worker of
	 * {@code scheduler}, as stock; under the opt-in {@link HopPolicy#INLINE_WHEN_RESOLVED} a
	 * resolved Flux is delivered inline on the subscribing thread instead.
	 *
	 * @param scheduler the scheduler, not null
	 * @param <T> the value type
	 * @return the operator for {@code Flux.transform}
	 */
	public static <T> Function<Flux<T>, Flux<T>> publishOn(Scheduler scheduler) {
		Objects.requireNonNull(scheduler, "scheduler");
		return f -> inline(f, EagerOperator.PUBLISH_ON) ? f : f.publishOn(scheduler);
	}

	/**
	 * Eager {@link Flux#subscribeOn(Scheduler)}: the subscription is made from a worker of
	 * {@code scheduler}, as stock; under the opt-in {@link HopPolicy#INLINE_WHEN_RESOLVED} a
	 * resolved Flux is delivered inline on the subscribing thread instead.
	 *
	 * @param scheduler the scheduler, not null
	 * @param <T> the value type
	 * @return the operator for {@code Flux.transform}
	 */
	public static <T> Function<Flux<T>, Flux<T>> subscribeOn(Scheduler scheduler) {
		Objects.requireNonNull(scheduler, "scheduler");
		return f -> inline(f, EagerOperator.SUBSCRIBE_ON) ? f : f.subscribeOn(scheduler);
	}

	/**
	 * Eager {@link Flux#timeout(Duration, Scheduler)}: no timer for a resolved Flux; otherwise a
	 * per-item timeout on {@code timer} ({@link Schedulers#parallel()}, resolved at apply time,
	 * when {@code timer} is null), the {@link java.util.concurrent.TimeoutException} arriving on
	 * the timer's thread.
	 *
	 * @param timeout the timeout, not null
	 * @param timer the scheduler of the timer, or {@code null} for {@code Schedulers.parallel()}
	 * @param <T> the value type
	 * @return the operator for {@code Flux.transform}
	 */
	public static <T> Function<Flux<T>, Flux<T>> timeout(Duration timeout, @reactor.util.annotation.Nullable Scheduler timer) {
		Objects.requireNonNull(timeout, "timeout");
		return f -> inline(f, EagerOperator.TIMEOUT) ? f : f.timeout(timeout, timer != null ? timer : Schedulers.parallel());
	}

	private static boolean inline(Flux<?> source, EagerOperator op) {
		Objects.requireNonNull(source, "source");
		if (!EagerPolicy.on() || !EagerHop.inlinesResolved(op == EagerOperator.TIMEOUT) || !PublisherOutcome.isResolved(source)) {
			return false;
		}
		if (Trampoline.current().spendOrYield(op) != null) {
			return false;
		}
		Trampoline.count(op, EagerStats.Kind.INLINE);
		return true;
	}
}
