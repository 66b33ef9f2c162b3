package io.reactoreager;

import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * {@code flatMap}: the function's Mono becomes the outcome, itself resolved, pending or lazy;
 * empty and error pass through. The function runs under the inline depth bound
 * ({@link EagerReentrantStep}).
 */
final class EagerFlatMap<T, R> extends EagerReentrantStep<T, R> {

	final Function<? super T, ? extends Mono<? extends R>> mapper;

	EagerFlatMap(Function<? super T, ? extends Mono<? extends R>> mapper) {
		this.mapper = mapper;
	}

	@Override
	EagerOperator operator() {
		return EagerOperator.FLAT_MAP;
	}

	@Override
	Mono<R> stock(Mono<T> source) {
		return source.flatMap(mapper);
	}

	@Override
	Mono<R> onValue(T value, Context context) {
		return call(mapper, value, context);
	}

	/**
	 * The step on a resolved value, for a caller that holds the function but no step object (the
	 * fluent chain): the function is passed, not read back from a field, so the JIT can inline it
	 * at the caller and a capturing lambda need not be allocated. Past the inline depth bound a
	 * step object is built and deferred as {@link #applyOutcome} would.
	 */
	static <T, R> Mono<R> applyToValue(Function<? super T, ? extends Mono<? extends R>> mapper, T value) {
		Trampoline t = enter();
		if (t == null) {
			return new EagerFlatMap<T, R>(mapper).applyOutcome(value, null, Context.empty());
		}
		try {
			return call(mapper, value, Context.empty());
		}
		finally {
			t.exit();
		}
	}

	@SuppressWarnings("unchecked")
	private static <T, R> Mono<R> call(Function<? super T, ? extends Mono<? extends R>> mapper, T value, Context context) {
		Mono<? extends R> r;
		try {
			r = mapper.apply(value);
			if (r == null) {
				// raised where stock raises it: Hooks.onOperatorError sees it as a thrown exception
				throw new NullPointerException("The mapper returned a null Mono");
			}
		}
		catch (Throwable e) {
			return fail(e, value, context);
		}
		if (PublisherOutcome.isScalar(r) && PublisherOutcome.peek(r) instanceof MonoResolved.Failure f) {
			// stock reads a scalar inner with call() and reports its error as the mapper's
			return fail(f.error, value, context);
		}
		return (Mono<R>) r;
	}
}
