package io.reactoreager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.Fuseable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Scheduler;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuple3;
import reactor.util.function.Tuple4;
import reactor.util.function.Tuple5;
import reactor.util.function.Tuple6;
import reactor.util.function.Tuple7;
import reactor.util.function.Tuple8;
import reactor.util.function.Tuples;

/**
 * Eager Mono operators and entry points. Each operator is a {@code Function<Mono<T>, Mono<R>>}
 * for {@link Mono#transform}, so it drops into any pipeline:
 *
 * <pre>{@code
 * Mono<Price> price = Mono.just(id)
 *     .transform(Eager.flatMap(cache::lookup))   // a hit is resolved: runs now, no subscriber
 *     .transform(Eager.map(Price::withTax))
 *     .transform(Eager.defaultIfEmpty(Price.NONE));
 * }</pre>
 *
 * <p>What an operator does depends on its input (docs/semantics.md): on a <b>resolved</b> input
 * ({@code Mono.just/empty/error}, a finished eager value) it runs <b>inline</b>, at once, on the
 * calling thread, and allocates only its result; on a <b>pending</b> input ({@link #start}, a
 * sink, a Netty future in flight) it registers one continuation and returns a pending; on a
 * <b>lazy</b> input (any other Mono) it stays lazy, sees the subscriber's {@code Context}, and
 * at subscription runs all consecutive eager steps in one subscriber. The signals are those of
 * the stock operator; only <em>when</em> a function on a resolved input runs differs (once, at
 * assembly). With the <b>switch</b> off ({@link EagerPolicy#setEnabled(boolean)}) every method
 * builds its stock twin.
 *
 * <p>Null arguments are rejected at assembly with a {@link NullPointerException} naming the
 * parameter; a function returning null and an exception thrown by a user function become error
 * signals, fatal JVM errors are rethrown ({@link Exceptions#throwIfFatal}).
 */
public final class Eager {

	private Eager() {
	}

	// ------------------------------------------------------------------ operators

	/**
	 * Starts a fluent chain of eager operators on a Mono (the same operators as the static
	 * methods below, written as method calls): {@code Eager.of(mono).map(f).filter(p).toMono()}.
	 *
	 * @param mono the input, not null
	 * @param <T> the value type
	 * @return the chain
	 */
	public static <T> EagerChain<T> of(Mono<T> mono) {
		return new EagerChain<>(Objects.requireNonNull(mono, "mono"));
	}


	/**
	 * Eager {@link Mono#map}: transforms the value.
	 *
	 * @param mapper the function, not null; returning null is an error signal
	 * @param <T> the input type
	 * @param <R> the output type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T, R> Function<Mono<T>, Mono<R>> map(Function<? super T, ? extends R> mapper) {
		return new EagerMap<>(Objects.requireNonNull(mapper, "mapper"));
	}

	/**
	 * Eager {@link Mono#flatMap}: the Mono the function returns becomes the outcome; if it is
	 * resolved it is used at once, pending it is awaited with one continuation, lazy it is
	 * subscribed (with the subscriber's Context).
	 *
	 * @param mapper the function, not null; returning null is an error signal
	 * @param <T> the input type
	 * @param <R> the output type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T, R> Function<Mono<T>, Mono<R>> flatMap(Function<? super T, ? extends Mono<? extends R>> mapper) {
		return new EagerFlatMap<>(Objects.requireNonNull(mapper, "mapper"));
	}

	/**
	 * Eager {@link Mono#filter}: keeps the value when the predicate holds, else completes empty.
	 *
	 * @param predicate the test, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> filter(Predicate<? super T> predicate) {
		return new EagerFilter<>(Objects.requireNonNull(predicate, "predicate"));
	}

	/**
	 * Eager {@link Mono#handle}: the handler emits at most one value, an error, or nothing.
	 *
	 * @param handler the handler, not null
	 * @param <T> the input type
	 * @param <R> the output type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T, R> Function<Mono<T>, Mono<R>> handle(BiConsumer<? super T, SynchronousSink<R>> handler) {
		return new EagerHandle<>(Objects.requireNonNull(handler, "handler"));
	}

	/**
	 * Eager {@link Mono#doOnNext}: a side effect with the value.
	 *
	 * @param onNext the side effect, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> doOnNext(Consumer<? super T> onNext) {
		return new EagerDoOnNext<>(Objects.requireNonNull(onNext, "onNext"));
	}

	/**
	 * Eager {@link Mono#doOnSuccess}: a side effect with the value, or with {@code null} when the
	 * Mono completes empty; an error passes through without it. A side effect that throws fails
	 * the Mono through {@code Hooks.onOperatorError}, as stock. On a resolved input it runs at
	 * once; on a pending one when the value arrives; on a lazy one at each subscription. With the
	 * switch off: {@link Mono#doOnSuccess}.
	 *
	 * @param onSuccess the side effect, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> doOnSuccess(Consumer<? super T> onSuccess) {
		return new EagerDoOnSuccess<>(Objects.requireNonNull(onSuccess, "onSuccess"));
	}

	/**
	 * Eager {@link Mono#doOnError(Consumer)}: a side effect with the error.
	 *
	 * @param onError the side effect, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> doOnError(Consumer<? super Throwable> onError) {
		return new EagerDoOnError<>(Objects.requireNonNull(onError, "onError"));
	}

	/**
	 * Eager {@link Mono#onErrorResume(Function)}: on error, the fallback's Mono becomes the outcome.
	 *
	 * @param fallback the fallback, not null; returning null is an error signal
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> onErrorResume(Function<? super Throwable, ? extends Mono<? extends T>> fallback) {
		return new EagerOnErrorResume<>(Objects.requireNonNull(fallback, "fallback"));
	}

	/**
	 * Eager {@link Mono#onErrorReturn(Object)}: on error, completes with the fallback value.
	 *
	 * @param fallbackValue the value, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> onErrorReturn(T fallbackValue) {
		return new EagerOnErrorReturn<>(Objects.requireNonNull(fallbackValue, "fallbackValue"));
	}

	/**
	 * Eager {@link Mono#onErrorMap(Function)}: replaces the error.
	 *
	 * @param mapper the error mapper, not null; returning null is an error signal
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> onErrorMap(Function<? super Throwable, ? extends Throwable> mapper) {
		return new EagerOnErrorMap<>(Objects.requireNonNull(mapper, "mapper"));
	}

	/**
	 * Eager {@link Mono#switchIfEmpty}: when empty, the alternative becomes the outcome.
	 *
	 * @param alternate the alternative, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> switchIfEmpty(Mono<? extends T> alternate) {
		return new EagerSwitchIfEmpty<>(Objects.requireNonNull(alternate, "alternate"));
	}

	/**
	 * Eager {@link Mono#defaultIfEmpty}: when empty, completes with the default value.
	 *
	 * @param defaultValue the value, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> defaultIfEmpty(T defaultValue) {
		return new EagerDefaultIfEmpty<>(Objects.requireNonNull(defaultValue, "defaultValue"));
	}

	/**
	 * Eager {@link Mono#then()}: ignores the value, keeps completion and error.
	 *
	 * @param <T> the input type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<Void>> then() {
		return new EagerThen<>(null);
	}

	/**
	 * Eager {@link Mono#then(Mono)}: on success, the next Mono becomes the outcome.
	 *
	 * @param next the next Mono, not null
	 * @param <T> the input type
	 * @param <V> the next value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T, V> Function<Mono<T>, Mono<V>> then(Mono<V> next) {
		return new EagerThen<>(Objects.requireNonNull(next, "next"));
	}

	/**
	 * Eager {@link Mono#thenReturn}: on success, completes with the given value.
	 *
	 * @param value the value, not null
	 * @param <T> the input type
	 * @param <V> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T, V> Function<Mono<T>, Mono<V>> thenReturn(V value) {
		return new EagerThenReturn<>(Objects.requireNonNull(value, "value"));
	}

	// ------------------------------------------------------------------ hops and timers

	/**
	 * Eager {@link Mono#publishOn(Scheduler)}: {@code onNext}, {@code onComplete} and
	 * {@code onError} arrive on a worker of {@code scheduler}, as stock, whatever the input, so
	 * that work after it (often blocking work) leaves the caller's thread. Under the opt-in
	 * {@link HopPolicy#INLINE_WHEN_RESOLVED} ({@link EagerPolicy#setHopPolicy}) a <b>resolved</b>
	 * input is returned as it is instead: its signals reach the subscriber on the subscribing
	 * thread, with no task scheduled (unless the thread's fairness budget is spent). See
	 * docs/semantics.md, "Hops and timers".
	 *
	 * @param scheduler the scheduler, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> publishOn(Scheduler scheduler) {
		return new EagerHop<>(EagerHop.Kind.PUBLISH_ON, Objects.requireNonNull(scheduler, "scheduler"), null, null);
	}

	/**
	 * Eager {@link Mono#subscribeOn(Scheduler)}: the subscription is made from a worker of
	 * {@code scheduler}, and the signals arrive on the thread that produces them (that worker
	 * for synchronous work), as stock, whatever the input. Under the opt-in
	 * {@link HopPolicy#INLINE_WHEN_RESOLVED} a <b>resolved</b> input, which has no subscription
	 * side effect to move, is returned as it is instead: its signals arrive on the subscribing
	 * thread with no task scheduled (unless the thread's fairness budget is spent).
	 *
	 * @param scheduler the scheduler, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> subscribeOn(Scheduler scheduler) {
		return new EagerHop<>(EagerHop.Kind.SUBSCRIBE_ON, Objects.requireNonNull(scheduler, "scheduler"), null, null);
	}

	/**
	 * Eager {@link Mono#timeout(Duration)} on {@link reactor.core.scheduler.Schedulers#parallel()}.
	 * A <b>resolved</b> input cannot time out: it is returned as it is, its signals arrive on the
	 * subscribing thread (where stock delivers them too), and no timer is armed, whatever the
	 * {@link HopPolicy}. Otherwise the stock operator: the outcome arrives on the producing thread, or a
	 * {@link java.util.concurrent.TimeoutException} on the timer's thread.
	 *
	 * @param timeout the timeout, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> timeout(Duration timeout) {
		return new EagerHop<>(EagerHop.Kind.TIMEOUT, null, Objects.requireNonNull(timeout, "timeout"), null);
	}

	/**
	 * Eager {@link Mono#timeout(Duration, Mono)}: like {@link #timeout(Duration)}, switching to
	 * {@code fallback} (subscribed on the timer's thread) when the timeout fires.
	 *
	 * @param timeout the timeout, not null
	 * @param fallback the fallback, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> timeout(Duration timeout, Mono<? extends T> fallback) {
		return new EagerHop<>(EagerHop.Kind.TIMEOUT, null, Objects.requireNonNull(timeout, "timeout"),
				Objects.requireNonNull(fallback, "fallback"));
	}

	/**
	 * Eager {@link Mono#timeout(Duration, Scheduler)}: like {@link #timeout(Duration)} with the
	 * timer on {@code timer} (a {@code VirtualTimeScheduler} in tests).
	 *
	 * @param timeout the timeout, not null
	 * @param timer the scheduler of the timer, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> timeout(Duration timeout, Scheduler timer) {
		return new EagerHop<>(EagerHop.Kind.TIMEOUT, Objects.requireNonNull(timer, "timer"), Objects.requireNonNull(timeout, "timeout"), null);
	}

	/**
	 * Eager {@link Mono#timeout(Duration, Mono, Scheduler)}.
	 *
	 * @param timeout the timeout, not null
	 * @param fallback the fallback, not null
	 * @param timer the scheduler of the timer, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> timeout(Duration timeout, Mono<? extends T> fallback, Scheduler timer) {
		return new EagerHop<>(EagerHop.Kind.TIMEOUT, Objects.requireNonNull(timer, "timer"), Objects.requireNonNull(timeout, "timeout"),
				Objects.requireNonNull(fallback, "fallback"));
	}

	// ------------------------------------------------------------------ task groups

	/**
	 * A task group (structured concurrency, like asyncio's {@code TaskGroup} or a Trio nursery):
	 * a <b>lazy</b> Mono that, at each subscription (like {@code Mono.defer}), runs {@code body}
	 * once on the subscribing thread with a fresh {@link TaskGroup}, whose
	 * {@link TaskGroup#fork} starts children eagerly with the subscriber's Context.
	 * <ul>
	 *   <li>{@code onNext}/{@code onComplete}: the body's Mono's outcome, delivered once the body's
	 *       Mono and every child have finished;</li>
	 *   <li>{@code onError}: the first failure (of a child or of the body) with every later one
	 *       added as {@linkplain Throwable#addSuppressed suppressed}; the first failure closes the
	 *       group, cancels every pending child and the body, and the error is delivered once they
	 *       have all finished. Cancellations the group caused are not failures;</li>
	 *   <li>{@code cancel}: closes the group and cancels every pending child and the body; no
	 *       signal follows, and later child errors go to {@code Hooks.onErrorDropped}.</li>
	 * </ul>
	 * No child outlives the group; {@code fork} on a closed group throws
	 * {@link IllegalStateException}. A child resolved at fork costs no continuation and no entry.
	 * The body's exceptions are failures of the group. See docs/task-groups.md.
	 *
	 * @param body builds the group's result from its TaskGroup, not null; returning null is an error
	 * @param <R> the result type
	 * @return a lazy Mono of the body's outcome
	 */
	public static <R> Mono<R> group(Function<? super TaskGroup, ? extends Mono<? extends R>> body) {
		return new EagerGroup<>(Objects.requireNonNull(body, "body"));
	}

	/**
	 * Eager {@link Mono#filterWhen}: tests the value with an asynchronous predicate. The value is
	 * emitted if the first value of the predicate's Publisher is {@code true}; if it is
	 * {@code false} or the Publisher is empty, the result completes empty and the value is
	 * discarded; if the Publisher fails (or the predicate throws or returns null), the result
	 * fails with that error and the value is discarded. A <b>resolved</b> predicate result
	 * ({@code Mono.just(true)}, {@code Mono.empty()}, a finished eager value) is used at once, with
	 * no inner subscription; a <b>pending</b> one is awaited with one continuation (cancelling the
	 * result cancels it); a <b>lazy</b> one is subscribed with the subscriber's Context (a
	 * non-Mono Publisher is cancelled after its first value). Empty and error inputs pass through.
	 * With the switch off: {@code mono.filterWhen(predicate)}.
	 *
	 * @param predicate the asynchronous test, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> filterWhen(Function<? super T, ? extends Publisher<Boolean>> predicate) {
		return new EagerFilterWhen<>(Objects.requireNonNull(predicate, "predicate"));
	}

	/**
	 * Eager {@link Mono#zipWhen(Function)}: pairs the value with the value of the Mono the
	 * generator returns for it. See {@link #zipWhen(Function, BiFunction)}.
	 *
	 * @param rightGenerator the function giving the right-hand Mono, not null; returning null is
	 *                       an error signal
	 * @param <T> the input type
	 * @param <U> the right-hand value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T, U> Function<Mono<T>, Mono<Tuple2<T, U>>> zipWhen(Function<? super T, ? extends Mono<? extends U>> rightGenerator) {
		return new EagerZipWhen<T, U, Tuple2<T, U>>(Objects.requireNonNull(rightGenerator, "rightGenerator"), Tuples::of);
	}

	/**
	 * Eager {@link Mono#zipWhen(Function, BiFunction)}: combines the value with the value of the
	 * Mono the generator returns for it. The right-hand Mono is used at once if <b>resolved</b>,
	 * awaited with one continuation if <b>pending</b> (cancelling the result cancels it), and
	 * subscribed with the subscriber's Context if <b>lazy</b>. An empty right-hand side completes
	 * the result empty; its error (or the generator's, or a null combination) fails it. Empty and
	 * error inputs pass through. With the switch off: {@code mono.zipWhen(rightGenerator, combinator)}.
	 *
	 * @param rightGenerator the function giving the right-hand Mono, not null; returning null is
	 *                       an error signal
	 * @param combinator combines the two values, not null; returning null is an error signal
	 * @param <T> the input type
	 * @param <U> the right-hand value type
	 * @param <R> the output type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T, U, R> Function<Mono<T>, Mono<R>> zipWhen(Function<? super T, ? extends Mono<? extends U>> rightGenerator,
			BiFunction<? super T, ? super U, ? extends R> combinator) {
		return new EagerZipWhen<>(Objects.requireNonNull(rightGenerator, "rightGenerator"),
				Objects.requireNonNull(combinator, "combinator"));
	}

	/**
	 * Eager {@link Mono#delayUntil}: relays the value once the trigger Publisher the provider
	 * returns for it has completed; the trigger's values are ignored (discarded). A
	 * <b>resolved</b> trigger ({@code Mono.just(x)}, {@code Mono.empty()}, a finished eager value)
	 * relays the value at once; a <b>pending</b> one is awaited with one continuation (cancelling
	 * the result cancels it); a <b>lazy</b> one is subscribed with the subscriber's Context and
	 * waited for until it completes. A trigger error (or the provider's, or a null trigger) fails
	 * the result; a trigger error discards the value. Empty and error inputs pass through. With
	 * the switch off: {@code mono.delayUntil(triggerProvider)}.
	 *
	 * @param triggerProvider the function giving the trigger, not null
	 * @param <T> the value type
	 * @return the operator for {@code Mono.transform}
	 */
	public static <T> Function<Mono<T>, Mono<T>> delayUntil(Function<? super T, ? extends Publisher<?>> triggerProvider) {
		return new EagerDelayUntil<>(Objects.requireNonNull(triggerProvider, "triggerProvider"));
	}

	// ------------------------------------------------------------------ entry points

	/**
	 * Starts a Mono now (like {@code asyncio.create_task} with the eager task factory) with an
	 * empty Context. See {@link #start(Mono, ContextView)}.
	 *
	 * @param mono the work, not null
	 * @param <T> the value type
	 * @return a resolved or pending Mono
	 */
	public static <T> Mono<T> start(Mono<T> mono) {
		return start(mono, Context.empty());
	}

	/**
	 * Starts a Mono now, on the calling thread, with the given Context: the one hot start. A
	 * resolved or pending input is returned as is; a lazy one is subscribed once, and the result
	 * is a pending Mono that replays its outcome to every subscriber and cancels the work when
	 * its last observer cancels before completion. If the work finishes synchronously the result
	 * is already resolved. An error nobody observes is reported to {@code Hooks.onErrorDropped}.
	 * Starting lazy work spends one unit of the thread's fairness budget; when it is spent the
	 * subscription is made from a task on the thread's loop instead (the result is then pending).
	 * With the switch off: {@code Mono.fromFuture(mono.contextWrite(context).toFuture())}.
	 *
	 * @param mono the work, not null
	 * @param context the Context the work sees, not null
	 * @param <T> the value type
	 * @return a resolved or pending Mono
	 */
	public static <T> Mono<T> start(Mono<T> mono, ContextView context) {
		Objects.requireNonNull(mono, "mono");
		Objects.requireNonNull(context, "context");
		if (!EagerPolicy.on()) {
			return Mono.fromFuture(mono.contextWrite(context).toFuture());
		}
		switch (PublisherOutcome.kind(mono)) {
			case RESOLVED:
				Trampoline.count(EagerOperator.START, EagerStats.Kind.INLINE);
				return mono;
			case PENDING:
				return mono; // started already
			default:
				return MonoPending.startLazy(EagerOperator.START, mono, Context.of(context));
		}
	}

	/**
	 * The eager {@link Mono#fromCompletionStage(CompletionStage)}: resolved if the stage is a
	 * completed {@link CompletableFuture} (read now, no callback), else pending with one
	 * callback; cancelling the Mono before completion cancels the stage if it is a
	 * {@link Future}, as stock does. A {@link CompletionException} is unwrapped. With the switch
	 * off: {@link Mono#fromCompletionStage(CompletionStage)}.
	 *
	 * @param stage the stage, not null
	 * @param <T> the value type
	 * @return a resolved or pending Mono
	 */
	public static <T> Mono<T> fromCompletionStage(CompletionStage<? extends T> stage) {
		Objects.requireNonNull(stage, "stage");
		if (!EagerPolicy.on()) {
			return Mono.fromCompletionStage(stage);
		}
		return fromStage(stage, false);
	}

	/**
	 * The eager {@link Mono#fromFuture(CompletableFuture)}: resolved if the future is done (read
	 * now, no callback), else pending with one callback; cancelling the Mono before completion
	 * cancels the future. A {@link CompletionException} is unwrapped. With the switch off:
	 * {@link Mono#fromFuture(CompletableFuture)}.
	 *
	 * @param future the future, not null
	 * @param <T> the value type
	 * @return a resolved or pending Mono
	 */
	public static <T> Mono<T> fromFuture(CompletableFuture<? extends T> future) {
		return fromFuture(future, false);
	}

	/**
	 * The eager {@link Mono#fromFuture(CompletableFuture, boolean)}: as
	 * {@link #fromFuture(CompletableFuture)}, and with {@code suppressCancel} cancelling the Mono
	 * leaves the future running. With the switch off:
	 * {@link Mono#fromFuture(CompletableFuture, boolean)}.
	 *
	 * @param future the future, not null
	 * @param suppressCancel {@code true} to leave the future running when the Mono is cancelled
	 * @param <T> the value type
	 * @return a resolved or pending Mono
	 */
	public static <T> Mono<T> fromFuture(CompletableFuture<? extends T> future, boolean suppressCancel) {
		Objects.requireNonNull(future, "future");
		if (!EagerPolicy.on()) {
			return Mono.fromFuture(future, suppressCancel);
		}
		return fromStage(future, suppressCancel);
	}

	private static <T> Mono<T> fromStage(CompletionStage<? extends T> stage, boolean suppressCancel) {
		if (stage instanceof CompletableFuture<? extends T> f && f.isDone()) {
			Trampoline.count(EagerOperator.FROM_FUTURE, EagerStats.Kind.INLINE);
			try {
				return MonoResolved.of(f.join(), null);
			}
			catch (CompletionException e) {
				return MonoResolved.ofError(e.getCause() != null ? e.getCause() : e);
			}
			catch (CancellationException e) {
				return MonoResolved.ofError(e);
			}
		}
		Trampoline.count(EagerOperator.FROM_FUTURE, EagerStats.Kind.SUSPENDED);
		MonoPending<T> p = new MonoPending<>(EagerOperator.FROM_FUTURE, null, EagerThreadLocals.capture(Context.empty()));
		if (!suppressCancel && stage instanceof Future<?> future) {
			p.setUpstream((Runnable) () -> future.cancel(true));
		}
		stage.whenComplete((v, e) -> {
			if (e instanceof CompletionException && e.getCause() != null) {
				e = e.getCause();
			}
			p.completeFromStage(v, e);
		});
		return p;
	}

	/**
	 * A <b>resolved</b> Mono of {@code value}: the eager {@link Mono#just(Object)}. Like it, a
	 * {@link Fuseable.ScalarCallable}, which every eager operator reads at once and stock operators
	 * fuse as they fuse {@code Mono.just}. Unlike it, built without the assembly hook
	 * ({@code Hooks.onEachOperator}, {@code Hooks.onOperatorDebug()} tracing do not see it, as they
	 * do not see the resolved results of the eager operators), and {@code Boolean.TRUE} and
	 * {@code Boolean.FALSE} are two shared instances: an async predicate's resolved verdict
	 * ({@code Eager.just(user.isActive())}) allocates nothing. With the switch off (read when
	 * called): {@code Mono.just(value)}.
	 *
	 * @param value the value, not null
	 * @param <T> the value type
	 * @return a resolved Mono
	 */
	@SuppressWarnings("unchecked")
	public static <T> Mono<T> just(T value) {
		Objects.requireNonNull(value, "value");
		if (!EagerPolicy.on()) {
			return Mono.just(value);
		}
		if (value instanceof Boolean b) {
			return (Mono<T>) (b ? MonoResolved.TRUE : MonoResolved.FALSE);
		}
		return MonoResolved.ofValue(value);
	}

	/**
	 * The eager {@link Mono#fromCallable(Callable)}: runs the Callable <b>now</b>, on the calling
	 * thread (where stock runs it at each subscription): a value gives a resolved value,
	 * {@code null} a resolved empty, an exception a resolved error, through
	 * {@code Hooks.onOperatorError} as stock reports it (fatal JVM errors are rethrown). With the
	 * switch off: {@link Mono#fromCallable(Callable)} (lazy).
	 *
	 * @param callable the work, not null
	 * @param <T> the value type
	 * @return a resolved Mono
	 */
	public static <T> Mono<T> fromCallable(Callable<? extends T> callable) {
		Objects.requireNonNull(callable, "callable");
		if (!EagerPolicy.on()) {
			return Mono.fromCallable(callable);
		}
		Trampoline.count(EagerOperator.FROM_CALLABLE, EagerStats.Kind.INLINE);
		T v;
		try {
			v = callable.call();
		}
		catch (Throwable e) {
			// as Mono.fromCallable reports it: through Hooks.onOperatorError
			return EagerStep.fail(e, null, Context.empty());
		}
		return v == null ? MonoResolved.ofEmpty() : MonoResolved.ofValue(v);
	}

	/**
	 * A pending value completed from outside (a Netty future listener, a callback API).
	 *
	 * @param onCancel run once if every observer cancels before an outcome is emitted (cancel
	 *                 the underlying operation there), not null
	 * @param <T> the value type
	 * @return the sink; its {@link EagerSink#asMono()} is pending until an outcome is emitted
	 */
	public static <T> EagerSink<T> sink(Runnable onCancel) {
		Objects.requireNonNull(onCancel, "onCancel");
		MonoPending<T> p = new MonoPending<>(EagerOperator.SINK, null, EagerThreadLocals.capture(Context.empty()));
		p.setUpstream(onCancel);
		return p;
	}

	/**
	 * Whether a Publisher's outcome is known now: {@code Mono.just/empty/error} (any Reactor
	 * {@link Fuseable.ScalarCallable}), a resolved eager Mono, or a pending one that finished.
	 *
	 * @param publisher the publisher, not null
	 * @return {@code true} if resolved
	 */
	public static boolean isResolved(Publisher<?> publisher) {
		Objects.requireNonNull(publisher, "publisher");
		return PublisherOutcome.isResolved(publisher);
	}

	/**
	 * Whether a Publisher is a pending eager value: started, not finished.
	 *
	 * @param publisher the publisher, not null
	 * @return {@code true} if pending
	 */
	public static boolean isPending(Publisher<?> publisher) {
		Objects.requireNonNull(publisher, "publisher");
		return PublisherOutcome.pending(publisher) != null;
	}

	/**
	 * Calls back with a Mono's outcome: inline now if resolved, from one continuation if
	 * pending, after subscribing with {@code context} if lazy. The callback receives
	 * {@code (value, null)}, {@code (null, null)} for empty, or {@code (null, error)}; it runs at
	 * most once. If it throws when run inline (the outcome was known), the exception reaches the
	 * caller; when run from a continuation or a subscription, it goes to
	 * {@code Hooks.onErrorDropped} and the other observers of the same pending still get the
	 * outcome. Disposing the result before the outcome cancels the wait (and a lazy
	 * subscription). With the switch off the Mono is always subscribed.
	 *
	 * @param mono the Mono, not null
	 * @param context the Context a lazy Mono is subscribed with, not null
	 * @param callback the callback, not null
	 * @param <T> the value type
	 * @return a Disposable that cancels the wait
	 */
	public static <T> Disposable whenComplete(Mono<T> mono, ContextView context, BiConsumer<? super T, ? super Throwable> callback) {
		Objects.requireNonNull(mono, "mono");
		Objects.requireNonNull(context, "context");
		Objects.requireNonNull(callback, "callback");
		return EagerCallback.whenComplete(mono, Context.of(context), callback);
	}

	// ------------------------------------------------------------------ combinators

	/**
	 * Eager {@link Mono#when(Publisher[])}: completes when every source completes; fails with the
	 * first error. Resolved sources are fused on the spot, pending ones get one continuation
	 * each; with a lazy source the result is lazy and, at each subscription, subscribes only the
	 * sources that are not resolved. With any non-Mono Publisher this is the stock operator.
	 * Stock twin (switch off): {@code Mono.when(sources)}.
	 *
	 * @param sources the sources, not null, no null element
	 * @return a Mono completing empty
	 */
	public static Mono<Void> when(Publisher<?>... sources) {
		Objects.requireNonNull(sources, "sources");
		return when(Arrays.asList(sources));
	}

	/**
	 * Eager {@link Mono#when(Iterable)}.
	 *
	 * @param sources the sources, not null, no null element
	 * @return a Mono completing empty
	 * @see #when(Publisher[])
	 */
	public static Mono<Void> when(Iterable<? extends Publisher<?>> sources) {
		Objects.requireNonNull(sources, "sources");
		if (!EagerPolicy.on()) {
			return Mono.when(checked(sources, "sources"));
		}
		if (sources instanceof List<?> given && given instanceof RandomAccess) {
			Mono<Void> r = EagerJoin.joinResolved(EagerOperator.WHEN, EagerJoin.Mode.WHEN, given, null);
			if (r != null) {
				return r;
			}
		}
		Collection<? extends Publisher<?>> all = checked(sources, "sources");
		if (allMonos(all)) {
			// one copy: the join keeps the array
			return EagerJoin.join(EagerOperator.WHEN, EagerJoin.Mode.WHEN, all.toArray(new Mono<?>[0]), null);
		}
		return Mono.when(all);
	}

	/**
	 * Eager {@link Mono#zip(Mono, Mono)}.
	 *
	 * @param p1 the first source, not null
	 * @param p2 the second source, not null
	 * @param <T1> first type
	 * @param <T2> second type
	 * @return a Mono of a Tuple2; empty if a source is empty; the first error fails it
	 */
	public static <T1, T2> Mono<Tuple2<T1, T2>> zip(Mono<? extends T1> p1, Mono<? extends T2> p2) {
		return zipArray(Tuples.fn2(), p1, p2);
	}

	/**
	 * Eager {@link Mono#zip(Mono, Mono, Mono)}.
	 *
	 * @param p1 source 1, not null
	 * @param p2 source 2, not null
	 * @param p3 source 3, not null
	 * @param <T1> type 1
	 * @param <T2> type 2
	 * @param <T3> type 3
	 * @return a Mono of a Tuple3
	 */
	public static <T1, T2, T3> Mono<Tuple3<T1, T2, T3>> zip(Mono<? extends T1> p1, Mono<? extends T2> p2, Mono<? extends T3> p3) {
		return zipArray(Tuples.fn3(), p1, p2, p3);
	}

	/**
	 * Eager {@link Mono#zip(Mono, Mono, Mono, Mono)}.
	 *
	 * @param p1 source 1, not null
	 * @param p2 source 2, not null
	 * @param p3 source 3, not null
	 * @param p4 source 4, not null
	 * @param <T1> type 1
	 * @param <T2> type 2
	 * @param <T3> type 3
	 * @param <T4> type 4
	 * @return a Mono of a Tuple4
	 */
	public static <T1, T2, T3, T4> Mono<Tuple4<T1, T2, T3, T4>> zip(Mono<? extends T1> p1, Mono<? extends T2> p2, Mono<? extends T3> p3,
			Mono<? extends T4> p4) {
		return zipArray(Tuples.fn4(), p1, p2, p3, p4);
	}

	/**
	 * Eager {@link Mono#zip(Mono, Mono, Mono, Mono, Mono)}.
	 *
	 * @param p1 source 1, not null
	 * @param p2 source 2, not null
	 * @param p3 source 3, not null
	 * @param p4 source 4, not null
	 * @param p5 source 5, not null
	 * @param <T1> type 1
	 * @param <T2> type 2
	 * @param <T3> type 3
	 * @param <T4> type 4
	 * @param <T5> type 5
	 * @return a Mono of a Tuple5
	 */
	public static <T1, T2, T3, T4, T5> Mono<Tuple5<T1, T2, T3, T4, T5>> zip(Mono<? extends T1> p1, Mono<? extends T2> p2,
			Mono<? extends T3> p3, Mono<? extends T4> p4, Mono<? extends T5> p5) {
		return zipArray(Tuples.fn5(), p1, p2, p3, p4, p5);
	}

	/**
	 * Eager {@link Mono#zip(Mono, Mono, Mono, Mono, Mono, Mono)}.
	 *
	 * @param p1 source 1, not null
	 * @param p2 source 2, not null
	 * @param p3 source 3, not null
	 * @param p4 source 4, not null
	 * @param p5 source 5, not null
	 * @param p6 source 6, not null
	 * @param <T1> type 1
	 * @param <T2> type 2
	 * @param <T3> type 3
	 * @param <T4> type 4
	 * @param <T5> type 5
	 * @param <T6> type 6
	 * @return a Mono of a Tuple6
	 */
	public static <T1, T2, T3, T4, T5, T6> Mono<Tuple6<T1, T2, T3, T4, T5, T6>> zip(Mono<? extends T1> p1, Mono<? extends T2> p2,
			Mono<? extends T3> p3, Mono<? extends T4> p4, Mono<? extends T5> p5, Mono<? extends T6> p6) {
		return zipArray(Tuples.fn6(), p1, p2, p3, p4, p5, p6);
	}

	/**
	 * Eager {@link Mono#zip(Mono, Mono, Mono, Mono, Mono, Mono, Mono)}.
	 *
	 * @param p1 source 1, not null
	 * @param p2 source 2, not null
	 * @param p3 source 3, not null
	 * @param p4 source 4, not null
	 * @param p5 source 5, not null
	 * @param p6 source 6, not null
	 * @param p7 source 7, not null
	 * @param <T1> type 1
	 * @param <T2> type 2
	 * @param <T3> type 3
	 * @param <T4> type 4
	 * @param <T5> type 5
	 * @param <T6> type 6
	 * @param <T7> type 7
	 * @return a Mono of a Tuple7
	 */
	public static <T1, T2, T3, T4, T5, T6, T7> Mono<Tuple7<T1, T2, T3, T4, T5, T6, T7>> zip(Mono<? extends T1> p1,
			Mono<? extends T2> p2, Mono<? extends T3> p3, Mono<? extends T4> p4, Mono<? extends T5> p5, Mono<? extends T6> p6,
			Mono<? extends T7> p7) {
		return zipArray(Tuples.fn7(), p1, p2, p3, p4, p5, p6, p7);
	}

	/**
	 * Eager {@link Mono#zip(Mono, Mono, Mono, Mono, Mono, Mono, Mono, Mono)}.
	 *
	 * @param p1 source 1, not null
	 * @param p2 source 2, not null
	 * @param p3 source 3, not null
	 * @param p4 source 4, not null
	 * @param p5 source 5, not null
	 * @param p6 source 6, not null
	 * @param p7 source 7, not null
	 * @param p8 source 8, not null
	 * @param <T1> type 1
	 * @param <T2> type 2
	 * @param <T3> type 3
	 * @param <T4> type 4
	 * @param <T5> type 5
	 * @param <T6> type 6
	 * @param <T7> type 7
	 * @param <T8> type 8
	 * @return a Mono of a Tuple8
	 */
	public static <T1, T2, T3, T4, T5, T6, T7, T8> Mono<Tuple8<T1, T2, T3, T4, T5, T6, T7, T8>> zip(Mono<? extends T1> p1,
			Mono<? extends T2> p2, Mono<? extends T3> p3, Mono<? extends T4> p4, Mono<? extends T5> p5, Mono<? extends T6> p6,
			Mono<? extends T7> p7, Mono<? extends T8> p8) {
		return zipArray(Tuples.fn8(), p1, p2, p3, p4, p5, p6, p7, p8);
	}

	/**
	 * Eager {@link Mono#zip(Iterable, Function)}: combines every source's value in argument order.
	 *
	 * @param sources the sources, not null, no null element
	 * @param combinator the combinator over the values array, not null
	 * @param <R> the result type
	 * @return a Mono of the combination; empty if a source is empty; the first error fails it
	 */
	public static <R> Mono<R> zip(Iterable<? extends Mono<?>> sources, Function<? super Object[], ? extends R> combinator) {
		Objects.requireNonNull(sources, "sources");
		Objects.requireNonNull(combinator, "combinator");
		if (!EagerPolicy.on()) {
			return Mono.zip(checked(sources, "sources"), combinator);
		}
		if (sources instanceof List<?> given && given instanceof RandomAccess) {
			Mono<R> r = EagerJoin.joinResolved(EagerOperator.ZIP, EagerJoin.Mode.ZIP, given, combinator);
			if (r != null) {
				return r;
			}
		}
		return EagerJoin.join(EagerOperator.ZIP, EagerJoin.Mode.ZIP, monoArray(sources, "sources"), combinator);
	}

	/**
	 * Eager {@link Mono#zip(Function, Mono[])}.
	 *
	 * @param combinator the combinator over the values array, not null
	 * @param sources the sources, not null, no null element
	 * @param <R> the result type
	 * @return a Mono of the combination
	 */
	public static <R> Mono<R> zip(Function<? super Object[], ? extends R> combinator, Mono<?>... sources) {
		Objects.requireNonNull(combinator, "combinator");
		Objects.requireNonNull(sources, "sources");
		if (!EagerPolicy.on()) {
			for (int i = 0; i < sources.length; i++) {
				requireElement(sources[i], "sources", i);
			}
			return Mono.zip(combinator, sources);
		}
		Mono<R> r = EagerJoin.joinResolved(EagerOperator.ZIP, EagerJoin.Mode.ZIP, (Object[]) sources, combinator);
		return r != null ? r : EagerJoin.join(EagerOperator.ZIP, EagerJoin.Mode.ZIP, monoArray(Arrays.asList(sources), "sources"), combinator);
	}

	/**
	 * Gathers Monos into a list in argument order, like {@code asyncio.gather}: resolved children
	 * are read on the spot, each pending child gets one continuation; with a lazy child the
	 * result is lazy and, at each subscription, subscribes only the children that are not
	 * resolved (with the subscriber's Context). An empty child contributes no element; the first error fails
	 * the result. Stock twin (switch off): {@code Flux.mergeSequential(sources, n, 1).collectList()}
	 * for {@code n} children: every child subscribed at once, each asked for its one value.
	 *
	 * @param sources the children, not null, no null element
	 * @param <T> the value type
	 * @return a Mono of the values in argument order
	 */
	@SuppressWarnings("unchecked")
	public static <T> Mono<List<T>> gather(Iterable<? extends Mono<? extends T>> sources) {
		Objects.requireNonNull(sources, "sources");
		if (!EagerPolicy.on()) {
			Collection<? extends Mono<? extends T>> checked = checked(sources, "sources");
			return stockGather(checked, checked.size());
		}
		if (sources instanceof List<?> given && given instanceof RandomAccess) {
			Mono<List<T>> r = EagerJoin.joinResolved(EagerOperator.GATHER, EagerJoin.Mode.GATHER, given, null);
			if (r != null) {
				return r;
			}
		}
		return EagerJoin.join(EagerOperator.GATHER, EagerJoin.Mode.GATHER, monoArray(sources, "sources"), null);
	}

	/**
	 * The stock form of {@code gather} over {@code n} children. {@code mergeSequential}'s defaults
	 * (at most 256 children at once, 32 values prefetched from each) size its queue of children by
	 * the larger of the two: 256 slots per gather whatever {@code n}. A Mono has at most one
	 * value, and a gather starts every child, so the queue is sized by {@code n} instead.
	 */
	private static <T> Mono<List<T>> stockGather(Iterable<? extends Mono<? extends T>> sources, int n) {
		return Flux.<T>mergeSequential(sources, Math.max(1, n), 1).collectList();
	}

	@SafeVarargs
	private static <R> Mono<R> zipArray(Function<Object[], R> combinator, Mono<?>... sources) {
		for (int i = 0; i < sources.length; i++) {
			if (sources[i] == null) {
				// the message is built only on failure: a concatenation per child per call otherwise
				throw new NullPointerException("p" + (i + 1));
			}
		}
		if (!EagerPolicy.on()) {
			return Mono.zip(combinator, sources);
		}
		// the array itself, as the varargs zip reads it: no list view (see EagerJoin.joinResolved)
		Mono<R> r = EagerJoin.joinResolved(EagerOperator.ZIP, EagerJoin.Mode.ZIP, (Object[]) sources, combinator);
		return r != null ? r : EagerJoin.join(EagerOperator.ZIP, EagerJoin.Mode.ZIP, sources, combinator);
	}

	/**
	 * The children as an array (one copy: the pending join keeps it), with a
	 * {@code NullPointerException} naming {@code name[i]} for a null child.
	 */
	private static Mono<?>[] monoArray(Iterable<? extends Mono<?>> sources, String name) {
		Mono<?>[] a = sources instanceof Collection<? extends Mono<?>> c ? c.toArray(new Mono<?>[0]) : toList(sources, name).toArray(new Mono<?>[0]);
		for (int i = 0; i < a.length; i++) {
			requireElement(a[i], name, i);
		}
		return a;
	}

	private static boolean allMonos(Collection<? extends Publisher<?>> list) {
		for (Publisher<?> p : list) {
			if (!(p instanceof Mono)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The sources for a stock operator, with a {@code NullPointerException} naming
	 * {@code name[i]} for a null element: a Collection as given (stock reads it at subscription),
	 * any other Iterable copied once (it may be single-use).
	 */
	private static <E> Collection<? extends E> checked(Iterable<? extends E> sources, String name) {
		if (sources instanceof Collection<? extends E> c) {
			int i = 0;
			for (E e : c) {
				requireElement(e, name, i);
				i++;
			}
			return c;
		}
		return toList(sources, name);
	}

	/** Fails with a {@code NullPointerException} naming {@code name[i]}; builds the message only then. */
	private static void requireElement(@Nullable Object e, String name, int i) {
		if (e == null) {
			throw new NullPointerException(name + "[" + i + "]");
		}
	}

	private static <E> List<E> toList(Iterable<? extends E> sources, String name) {
		List<E> list = new ArrayList<>();
		int i = 0;
		for (E e : sources) {
			requireElement(e, name, i);
			list.add(e);
			i++;
		}
		return list;
	}
}
