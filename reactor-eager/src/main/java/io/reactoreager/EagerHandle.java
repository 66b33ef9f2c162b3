package io.reactoreager;

import java.util.function.BiConsumer;

import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * {@code handle}: the handler may emit at most one value through a {@link SynchronousSink}, an
 * error, or nothing (empty); empty and error inputs pass through, as with stock {@code handle}.
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
			return fail(e);
		}
		if (sink.error != null) {
			return MonoResolved.ofError(sink.error);
		}
		return sink.value == null ? MonoResolved.ofEmpty() : MonoResolved.ofValue(sink.value);
	}

	/** Records what the handler emitted; enforces at most one value and one terminal. */
	static final class Sink<R> implements SynchronousSink<R> {

		final Context context;
		R value;
		Throwable error;
		boolean done;

		Sink(Context context) {
			this.context = context;
		}

		@Override
		public void complete() {
			done = true;
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
			if (done) {
				// stock FluxHandle's message, so that the error signal is the same
				throw new IllegalStateException("Cannot error after a complete or error");
			}
			done = true;
			error = e;
		}

		@Override
		public void next(R o) {
			if (value != null) {
				throw new IllegalStateException("Cannot emit more than one data");
			}
			if (done) {
				throw new IllegalStateException("Cannot emit after a complete or error");
			}
			value = java.util.Objects.requireNonNull(o, "o");
		}
	}
}
