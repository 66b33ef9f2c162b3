package io.reactoreager;

import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * {@code delayUntil}: relays the value once the trigger Publisher completes, ignoring (and
 * discarding) the trigger's values. A resolved trigger is used at once (the input is returned
 * unchanged), a pending one is awaited with one continuation, a lazy one is subscribed and every
 * value it emits is discarded until it completes. A trigger error fails (discarding the value);
 * empty and error inputs pass through. The trigger provider runs under the inline depth bound
 * ({@link EagerReentrantStep}).
 */
final class EagerDelayUntil<T> extends EagerReentrantStep<T, T> {

	final Function<? super T, ? extends Publisher<?>> triggerProvider;

	EagerDelayUntil(Function<? super T, ? extends Publisher<?>> triggerProvider) {
		this.triggerProvider = triggerProvider;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.DELAY_UNTIL;
	}

	@Override
	Mono<T> stock(Mono<T> source) {
		return source.delayUntil(triggerProvider);
	}

	@Override
	@SuppressWarnings("unchecked")
	Mono<T> onValue(T value, Context context) {
		Publisher<?> trigger;
		try {
			trigger = triggerProvider.apply(value);
		}
		catch (Throwable e) {
			return failPlain(e);
		}
		if (trigger == null) {
			return MonoResolved.ofError(new NullPointerException("mapper returned null value"));
		}
		Object o = PublisherOutcome.peek(trigger);
		if (o == PublisherOutcome.NOT_RESOLVED) {
			Mono<Object> m = PublisherOutcome.pending(trigger) != null ? (Mono<Object>) trigger : Mono.ignoreElements((Publisher<Object>) trigger);
			return new Release<>(value).applyEager(m);
		}
		if (o instanceof MonoResolved.Failure f) {
			Operators.onDiscard(value, context);
			return MonoResolved.ofError(f.error);
		}
		if (o != null) {
			Operators.onDiscard(o, context);
		}
		return null;
	}

	/** Relays the held value once the pending or lazy trigger has completed. */
	static final class Release<T> extends EagerDerivedStep<Object, T> {

		final T value;

		Release(T value) {
			super(EagerOperator.DELAY_UNTIL);
			this.value = value;
		}

		@Override
		Mono<T> onValue(Object triggerValue, Context context) {
			Operators.onDiscard(triggerValue, context);
			return MonoResolved.ofValue(value);
		}

		@Override
		Mono<T> onEmpty(Context context) {
			return MonoResolved.ofValue(value);
		}

		@Override
		Mono<T> onError(Throwable error, Context context) {
			Operators.onDiscard(value, context);
			return MonoResolved.ofError(error);
		}
	}
}
