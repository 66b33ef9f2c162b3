package io.reactoreager;

import java.util.Objects;
import java.util.function.BiConsumer;

import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * {@code handle}: the handler may emit at most one value through a {@link SynchronousSink}, an
 * error, or nothing (empty); empty and error inputs pass through, as with stock {@code handle}.
 * The sink enforces stock's rules (one value, one terminal, no signal after a terminal: an
 * {@link IllegalStateException} thrown into the handler), and a thrown exception or an error
 * the handler signals fails as with stock ({@link EagerStep#failOnNext}: {@code onErrorContinue}
 * drops it, {@code Hooks.onOperatorError} sees it).
 *
 * <p>One difference remains: a handler that emits a value and then signals an error makes stock
 * deliver {@code onNext} and then {@code onError}; an eager outcome is one value, empty or one
 * error, so the eager step delivers the error alone.
 */
final class EagerHandle<T, R> extends EagerStep<T, R> {

	final BiConsumer<? super T, SynchronousSink<R>> handler;

	EagerHandle(BiConsumer<? super T, SynchronousSink<R>> handler) {
		this.handler = handler;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.HANDLE;
	}

	@Override
	Mono<R> stock(Mono<T> source) {
		return source.handle(handler);
	}

	@Override
	Mono<R> onValue(T value, Context context) {
		Sink<R> sink = new Sink<>(context);
		try {
			handler.accept(value, sink);
		}
		catch (Throwable e) {
			return failOnNext(e, value, context);
		}
		R v = sink.value;
		if (sink.error != null) {
			Mono<R> failed = failOnNext(sink.error, value, context);
			// onErrorContinue dropped the error: stock has already delivered the value, if any
			return v != null && failed == MonoResolved.EMPTY ? MonoResolved.ofValue(v) : failed;
		}
		return v == null ? MonoResolved.ofEmpty() : MonoResolved.ofValue(v);
	}

	/** Records what the handler emitted; enforces stock's rules (at most one value, one terminal). */
	static final class Sink<R> implements SynchronousSink<R> {

		final Context context;
		@Nullable
		R value;
		@Nullable
		Throwable error;
		/** A terminal was signalled ({@code complete} or {@code error}). */
		boolean stop;

		Sink(Context context) {
			this.context = context;
		}

		// the messages are stock FluxHandle's, so that the error signals are the same

		@Override
		public void complete() {
			if (stop) {
				throw new IllegalStateException("Cannot complete after a complete or error");
			}
			stop = true;
		}

		@Override
		@Deprecated
		public Context currentContext() {
			return context;
		}

		@Override
		public ContextView contextView() {
			return context;
		}

		@Override
		public void error(Throwable e) {
			if (stop) {
				throw new IllegalStateException("Cannot error after a complete or error");
			}
			error = Objects.requireNonNull(e, "error");
			stop = true;
		}

		@Override
		public void next(R o) {
			if (value != null) {
				throw new IllegalStateException("Cannot emit more than one data");
			}
			if (stop) {
				throw new IllegalStateException("Cannot emit after a complete or error");
			}
			value = Objects.requireNonNull(o, "data");
		}
	}
}
