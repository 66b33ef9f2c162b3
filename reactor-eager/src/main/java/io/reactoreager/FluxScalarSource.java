package io.reactoreager;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * The scalar-source shortcut stock {@code flatMap}, {@code concatMap} and {@code flatMapSequential}
 * take when their source is a {@link Callable} ({@code Flux.just(x)}, {@code Flux.error(e)},
 * {@code Flux.empty()}; {@code FluxFlatMap.trySubscribeScalarMap}): the function is applied at
 * subscription and its inner is handed the downstream subscriber directly, with no operator
 * subscriber in between. A resolved inner's value becomes a scalar subscription; a pending inner
 * is subscribed (its one continuation; one that already failed delivers its error as its
 * subscription would); a lazy inner is subscribed as stock does. Errors of the source, the
 * function and a {@code Callable} inner are reported as stock reports them there: through
 * {@code onNextError} (onErrorContinue honoured) for flatMap and concatMap, through
 * {@code onOperatorError} for flatMapSequential. It must never apply the function more than once
 * per subscription.
 */
final class FluxScalarSource {

	private FluxScalarSource() {
	}

	/**
	 * Returns false, doing nothing, when {@code source} is not a Callable.
	 *
	 * @param errorContinueExpected stock's flag of the same name: whether errors go through
	 * {@code onNextError} (flatMap, concatMap) rather than {@code onOperatorError} (flatMapSequential)
	 */
	@SuppressWarnings("unchecked")
	static <T, R> boolean trySubscribe(Publisher<? extends T> source, CoreSubscriber<? super R> actual,
			Function<? super T, ? extends Publisher<? extends R>> mapper, EagerOperator operator, boolean errorContinueExpected) {
		if (!(source instanceof Callable<?> callable)) {
			return false;
		}
		Context ctx = actual.currentContext();
		T t;
		try {
			t = (T) callable.call();
		}
		catch (Throwable e) {
			fail(actual, report(null, e, ctx, errorContinueExpected));
			return true;
		}
		if (t == null) {
			Operators.complete(actual);
			return true;
		}
		Publisher<? extends R> p;
		try {
			p = Objects.requireNonNull(mapper.apply(t), "The mapper returned a null Publisher");
		}
		catch (Throwable e) {
			fail(actual, report(t, e, ctx, errorContinueExpected));
			return true;
		}
		PublisherOutcome.Kind kind = PublisherOutcome.kind(p, true);
		switch (kind) {
			case PENDING:
				Trampoline.count(operator, EagerStats.Kind.SUSPENDED);
				((MonoPending<R>) p).subscribe(actual);
				return true;
			case LAZY:
				Trampoline.count(operator, EagerStats.Kind.LAZY_SUBSCRIPTION);
				((Publisher<R>) Operators.toFluxOrMono(p)).subscribe(actual);
				return true;
			default:
				// resolved, or a Callable that stock's shortcut calls in place too
				Trampoline.count(operator, kind == PublisherOutcome.Kind.RESOLVED ? EagerStats.Kind.INLINE : EagerStats.Kind.LAZY_SUBSCRIPTION);
		}
		if (p instanceof MonoPending<?> done && done.error != null) {
			// stock subscribes it (it is no Callable): its error arrives as it is, no hook
			done.observed();
			Operators.error(actual, done.error);
			return true;
		}
		R v;
		try {
			v = (R) PublisherOutcome.call(p);
		}
		catch (Throwable e) {
			fail(actual, report(t, e, ctx, errorContinueExpected));
			return true;
		}
		if (v != null) {
			actual.onSubscribe(Operators.scalarSubscription(actual, v));
		}
		else {
			Operators.complete(actual);
		}
		return true;
	}

	@Nullable
	private static Throwable report(@Nullable Object t, Throwable e, Context ctx, boolean errorContinueExpected) {
		return errorContinueExpected ? Operators.onNextError(t, e, ctx) : Operators.onOperatorError(e, ctx);
	}

	private static void fail(CoreSubscriber<?> actual, @Nullable Throwable e) {
		if (e != null) {
			Operators.error(actual, e);
		}
		else {
			// recovered by onErrorContinue: no value will come
			Operators.complete(actual);
		}
	}
}
