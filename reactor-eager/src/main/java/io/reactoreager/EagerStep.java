package io.reactoreager;

import java.util.Objects;
import java.util.function.Function;

import org.reactivestreams.Subscription;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * One eager Mono operator, usable with {@link Mono#transform}. It looks at its input
 * ({@link PublisherOutcome} decides which kind it is) and does the cheapest correct thing:
 * <ul>
 *   <li><b>resolved</b> input: applies the step at once, on the calling thread, and returns the
 *       result, with no subscriber and no subscription;</li>
 *   <li><b>pending</b> input: returns a pending that is itself the one continuation registered
 *       on the input;</li>
 *   <li><b>lazy</b> input: appends the step to a {@link MonoLazyChain}, which stays lazy and runs
 *       every step of the chain in one subscriber at subscription.</li>
 * </ul>
 * With the switch off it builds its stock twin ({@link #stock}).
 *
 * <p>Subclasses implement {@link #onValue}, {@link #onEmpty}, {@link #onError}: each returns
 * the Mono of the step's outcome (resolved, or for {@code flatMap}-like steps whatever the user
 * function returned), or {@code null} to pass the input through unchanged. They never subscribe
 * and never block.
 *
 * <p>How to add a Mono operator: one class, {@code EagerFoo extends EagerStep} (or
 * {@link EagerReentrantStep} if its user function returns a Mono: the inline depth bound is then
 * kept for it), with {@link #operator()} (a new {@link EagerOperator} constant), {@link #stock}
 * (the stock operator, for the switch), and the outcome methods; a failing user function reports
 * through {@link #failOnNext}, {@link #fail}, {@link #failFallback} or {@link #failPlain}, as
 * its stock twin reports it; a value it drops goes through {@code Operators.onDiscard} with the
 * given Context. Then a factory in {@link Eager} and a method in {@link EagerChain}. Tests: an
 * {@code OperatorCase} (the matrix runs it over every input kind beside its stock twin), a step
 * of the differential property, and a null-argument row of {@code EagerBadInputTest}.
 */
abstract class EagerStep<T, R> implements Function<Mono<T>, Mono<R>> {

	/**
	 * The operator this step is, for counting and for the pending it returns. A constant per
	 * class rather than a field: a step object then holds only the user's function (16 bytes
	 * instead of 24 for {@code map}), and the counter slot of the inline path folds to a constant.
	 */
	abstract EagerOperator operator();

	@Override
	public final Mono<R> apply(Mono<T> source) {
		// the hot path is kept small so that the JIT inlines it into the caller
		int mode;
		if (source instanceof MonoResolved<T> r && ((mode = EagerPolicy.mode()) & EagerPolicy.ON) != 0) {
			if ((mode & EagerPolicy.COUNT) != 0) {
				Trampoline.countInline(operator());
			}
			Mono<R> out = applyOutcome(r.value(), r.error(), Context.empty());
			return out != null ? out : (Mono<R>) source;
		}
		return applyOther(source);
	}

	private Mono<R> applyOther(Mono<T> source) {
		Objects.requireNonNull(source, "source");
		int mode = EagerPolicy.mode(); // one read of the settings per step
		if ((mode & EagerPolicy.ON) == 0) {
			return stock(source);
		}
		return applyEager(source, (mode & EagerPolicy.COUNT) != 0);
	}

	/**
	 * Applies this step to any Mono without consulting the switch: the package-private way to
	 * "map" a Mono result inside another step (resolved: at once, no subscriber; pending: one
	 * continuation; lazy: appended to a lazy chain). Used by steps whose user function returns a
	 * Mono that the step must post-process ({@code filterWhen}, {@code zipWhen}, {@code delayUntil}).
	 */
	final Mono<R> applyEager(Mono<T> source) {
		return applyEager(source, EagerPolicy.counting());
	}

	@SuppressWarnings("unchecked")
	private Mono<R> applyEager(Mono<T> source, boolean count) {
		Object o = PublisherOutcome.peek(source);
		if (o == PublisherOutcome.NOT_RESOLVED) {
			MonoPending<?> p = PublisherOutcome.pending(source);
			if (p != null) {
				return suspend((MonoPending<T>) p);
			}
			// a ScalarCallable that is not resolved holds a fatal error (Mono.error(linkageError)):
			// the stock operator throws or signals it where stock does, at subscription
			return PublisherOutcome.isScalar(source) ? onFatalSource(source) : MonoLazyChain.append(source, this);
		}
		Object v = PublisherOutcome.value(o);
		Throwable e = PublisherOutcome.error(o);
		if (count) {
			Trampoline.countInline(operator());
		}
		MonoPending<?> failed;
		if (e != null && (failed = PublisherOutcome.eagerPending(source)) != null) {
			return MonoPending.afterFailure((EagerStep<Object, R>) this, failed);
		}
		Mono<R> r = applyOutcome(v, e, Context.empty());
		return r != null ? r : (Mono<R>) source;
	}

	/** The stock Reactor operator this step replaces, used when the switch is off. */
	abstract Mono<R> stock(Mono<T> source);

	/**
	 * This step on a source holding a fatal error ({@link Exceptions#isFatal}), which
	 * classifying must not throw: by default the stock operator, so that the error is thrown or
	 * signalled exactly where stock throws or signals it.
	 */
	Mono<R> onFatalSource(Mono<T> source) {
		return stock(source);
	}

	/**
	 * Applies the step to an outcome triple; {@code null} means "the input, unchanged".
	 *
	 * @param context where discarded values go (empty on the resolved path: no subscriber exists)
	 */
	@Nullable
	final Mono<R> applyOutcome(@Nullable Object v, @Nullable Throwable e, Context context) {
		if (this instanceof EagerReentrantStep<T, R> s && s.callsFunction(v, e)) {
			return s.applyBounded(v, e, context);
		}
		return dispatch(v, e, context);
	}

	/** Calls {@link #onError}, {@link #onEmpty} or {@link #onValue} for the outcome. */
	@Nullable
	@SuppressWarnings("unchecked")
	final Mono<R> dispatch(@Nullable Object v, @Nullable Throwable e, Context context) {
		if (e != null) {
			return onError(e, context);
		}
		if (v == null) {
			return onEmpty(context);
		}
		return onValue((T) v, context);
	}

	@Nullable
	abstract Mono<R> onValue(T value, Context context);

	@Nullable
	Mono<R> onEmpty(Context context) {
		return null;
	}

	@Nullable
	Mono<R> onError(Throwable error, Context context) {
		return null;
	}

	@SuppressWarnings("unchecked")
	private Mono<R> suspend(MonoPending<T> p) {
		Trampoline.count(operator(), EagerStats.Kind.SUSPENDED);
		MonoPending<R> next = new MonoPending<>(operator(), (EagerStep<Object, R>) this, p.context);
		next.setUpstream(p);
		if (!p.addWaiter(next)) {
			next.resume(p.value, p.error);
		}
		return next;
	}

	/**
	 * The outcome of a user function that failed on a value, as stock {@code map}, {@code filter},
	 * {@code handle} and {@code doOnNext} give it ({@link Operators#onNextError}): with an
	 * {@code onErrorContinue} strategy in {@code context} (or {@code Hooks.onNextError}) that
	 * accepts the error, the value is dropped and the step completes empty; otherwise the error
	 * goes through {@code Hooks.onOperatorError}. Fatal JVM errors are rethrown.
	 *
	 * @param error what the function threw (or the error it signalled)
	 * @param value the value the function was applied to
	 * @param context the subscriber's Context (empty on the resolved path: no subscriber exists)
	 */
	static <R> Mono<R> failOnNext(Throwable error, Object value, Context context) {
		Throwable t = Operators.onNextError(value, error, context, Operators.emptySubscription());
		return t == null ? MonoResolved.ofEmpty() : MonoResolved.ofError(t);
	}

	/**
	 * The resolved error of a user function that threw, through {@code Hooks.onOperatorError}
	 * ({@link Operators#onOperatorError(Subscription, Throwable, Object, Context)}), as stock
	 * {@code flatMap}, {@code doOnError} and {@code fromCallable} report it. Fatal JVM errors are
	 * rethrown.
	 *
	 * @param error what the function threw
	 * @param data the value or error the function was applied to, or {@code null}
	 * @param context the subscriber's Context (empty on the resolved path)
	 */
	static <R> Mono<R> fail(Throwable error, @Nullable Object data, Context context) {
		return MonoResolved.ofError(Operators.onOperatorError(null, error, data, context));
	}

	/**
	 * The resolved error of a fallback that threw on {@code error} ({@code onErrorResume},
	 * {@code onErrorMap}): through {@code Hooks.onOperatorError}, then with {@code error} added as
	 * suppressed, as stock {@code onErrorResume} reports it.
	 */
	static <R> Mono<R> failFallback(Throwable thrown, Throwable error, Context context) {
		return MonoResolved.ofError(Exceptions.addSuppressed(Operators.onOperatorError(thrown, context), error));
	}

	/**
	 * The resolved error of a function whose stock twin signals what it threw as it is, with no
	 * hook ({@code filterWhen}, {@code delayUntil}). Fatal JVM errors are rethrown.
	 */
	static <R> Mono<R> failPlain(Throwable error) {
		Exceptions.throwIfFatal(error);
		return MonoResolved.ofError(error);
	}
}
