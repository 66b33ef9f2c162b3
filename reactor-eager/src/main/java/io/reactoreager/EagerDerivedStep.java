package io.reactoreager;

import reactor.core.publisher.Mono;

/**
 * A step that post-processes the Mono a user function returned inside another step (the verdict
 * of {@code filterWhen}, the combination of {@code zipWhen}, the release of {@code delayUntil}).
 * It is only ever applied with {@link #applyEager}: the outer step already consulted the switch,
 * so it has no stock twin of its own. It holds the outer value, so one is allocated only when the
 * function's Mono is pending or lazy.
 */
abstract class EagerDerivedStep<A, R> extends EagerStep<A, R> {

	private final EagerOperator operator;

	EagerDerivedStep(EagerOperator operator) {
		this.operator = operator;
	}

	@Override
	final EagerOperator operator() {
		return operator;
	}

	/** No stock twin: the source (a function's Mono holding a fatal error) is subscribed as a lazy one. */
	@Override
	final Mono<R> onFatalSource(Mono<A> source) {
		return MonoLazyChain.append(source, this);
	}

	@Override
	final Mono<R> stock(Mono<A> source) {
		throw new IllegalStateException("a derived step is applied by its eager outer step only");
	}
}
