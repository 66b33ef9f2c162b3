package io.reactoreager;

import java.time.Duration;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.annotation.Nullable;

/**
 * {@link Eager#publishOn}, {@link Eager#subscribeOn} and {@link Eager#timeout}: the operators
 * whose stock form always hops threads or arms a timer. A <b>resolved</b> input under
 * {@code timeout}, or under {@code publishOn}/{@code subscribeOn} with the opt-in
 * {@link HopPolicy#INLINE_WHEN_RESOLVED}, is returned as it is: its signals reach the subscriber
 * inline, on the subscribing thread, and no task is scheduled and no timer armed. Every other
 * case (a pending or lazy input, the default {@link HopPolicy#ALWAYS_HOP} for the hops, the
 * switch off, or the thread's fairness budget spent) builds the stock operator.
 *
 * <p>It must never schedule anything itself: the stock operator does, or nothing does.
 */
final class EagerHop<T> implements Function<Mono<T>, Mono<T>> {

	enum Kind {PUBLISH_ON, SUBSCRIBE_ON, TIMEOUT}

	final Kind kind;
	@Nullable
	final Scheduler scheduler;
	@Nullable
	final Duration timeout;
	@Nullable
	final Mono<? extends T> fallback;

	EagerHop(Kind kind, @Nullable Scheduler scheduler, @Nullable Duration timeout, @Nullable Mono<? extends T> fallback) {
		this.kind = kind;
		this.scheduler = scheduler;
		this.timeout = timeout;
		this.fallback = fallback;
	}

	EagerOperator operator() {
		switch (kind) {
			case PUBLISH_ON:
				return EagerOperator.PUBLISH_ON;
			case SUBSCRIBE_ON:
				return EagerOperator.SUBSCRIBE_ON;
			default:
				return EagerOperator.TIMEOUT;
		}
	}

	@Override
	public Mono<T> apply(Mono<T> source) {
		java.util.Objects.requireNonNull(source, "source");
		if (EagerPolicy.on() && inlinesResolved(kind == Kind.TIMEOUT) && PublisherOutcome.isResolved(source)) {
			EagerOperator op = operator();
			if (Trampoline.current().spendOrYield(op) == null) {
				Trampoline.count(op, EagerStats.Kind.INLINE);
				PublisherOutcome.observe(source);
				return source;
			}
			// budget spent on a thread with a loop (counted as a yield): hop as stock does
		}
		return stock(source);
	}

	/**
	 * Whether a resolved input is delivered inline: always under {@code timeout} (a value that
	 * exists cannot time out), only by the opt-in policy under a hop.
	 */
	static boolean inlinesResolved(boolean timeout) {
		return timeout || EagerPolicy.hopPolicy == HopPolicy.INLINE_WHEN_RESOLVED;
	}

	Mono<T> stock(Mono<T> source) {
		switch (kind) {
			case PUBLISH_ON:
				return source.publishOn(scheduler);
			case SUBSCRIBE_ON:
				return source.subscribeOn(scheduler);
			default: {
				// resolved at apply time, so that StepVerifier.withVirtualTime sees its own parallel()
				Scheduler timer = scheduler != null ? scheduler : Schedulers.parallel();
				return fallback == null ? source.timeout(timeout, timer) : source.timeout(timeout, fallback, timer);
			}
		}
	}
}
