package io.reactoreager.testing;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * A Mono that breaks its contract on purpose, for late-signal tests: it emits 1 and 2, optionally
 * completes, then fails with {@code IllegalStateException("late")}; everything after the 1 is a
 * late signal.
 */
public final class MisbehavingMono {

	private MisbehavingMono() {
	}

	/**
	 * @param completeBeforeError whether it completes between the second value and the error
	 * @return the misbehaving Mono
	 */
	public static Mono<Integer> twoValuesThenError(boolean completeBeforeError) {
		return new Mono<>() {
			@Override
			public void subscribe(CoreSubscriber<? super Integer> s) {
				s.onSubscribe(Operators.emptySubscription());
				s.onNext(1);
				s.onNext(2);
				if (completeBeforeError) {
					s.onComplete();
				}
				s.onError(new IllegalStateException("late"));
			}
		};
	}
}
