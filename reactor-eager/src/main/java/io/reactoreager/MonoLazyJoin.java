package io.reactoreager;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * {@code zip}, {@code when} and {@code gather} over children of which at least one is
 * <b>lazy</b>: a lazy Mono. Nothing runs at assembly. At each subscription the children are
 * taken in argument order, as the stock operators subscribe theirs: a resolved child is read on
 * the spot (no subscription), a pending child gets one continuation, a lazy child is subscribed
 * with the subscriber's {@code Context}. One counter joins them: the resolved children of a
 * subscription are counted down together, with one atomic operation.
 *
 * <p>Terminal rules are those of the stock operators ({@code Mono.zip}, {@code Mono.when},
 * {@code Flux.mergeSequential(..).collectList()}): the first error fails the result and cancels
 * the other children; for {@code zip} an empty child completes the result empty and cancels the
 * others; {@code when} discards values through the discard hook as it receives them; values
 * held when the result fails, completes empty or is cancelled are discarded. An error that
 * arrives once the outcome is decided goes to {@code Hooks.onErrorDropped} (stock {@code zip}
 * and {@code when} drop it silently). {@code zip} and {@code when} still
 * subscribe (and at once cancel) the children after a deciding outcome, as stock does;
 * {@code gather}, like {@code mergeSequential}, takes no more children once decided.
 *
 * <p>It must never subscribe a child at assembly, and never signal after the outcome is decided.
 */
final class MonoLazyJoin<R> extends Mono<R> implements Scannable {

	final EagerOperator operator;
	final EagerJoin.Mode mode;
	final Mono<?>[] sources;
	@Nullable
	final Function<? super Object[], ? extends R> combinator;

	private MonoLazyJoin(EagerOperator operator, EagerJoin.Mode mode, Mono<?>[] sources,
			@Nullable Function<? super Object[], ? extends R> combinator) {
		this.operator = operator;
		this.mode = mode;
		this.sources = sources;
		this.combinator = combinator;
	}

	/** The lazy join, through the assembly hooks as any stock operator is. */
	static <R> Mono<R> of(EagerOperator operator, EagerJoin.Mode mode, Mono<?>[] sources,
			@Nullable Function<? super Object[], ? extends R> combinator) {
		return onAssembly(new MonoLazyJoin<>(operator, mode, sources, combinator));
	}

	@Override
	public void subscribe(CoreSubscriber<? super R> actual) {
		Objects.requireNonNull(actual, "actual");
		Trampoline.count(operator, EagerStats.Kind.LAZY_SUBSCRIPTION);
		Join<R> join = new Join<>(this, actual);
		actual.onSubscribe(join);
		if (!join.isTerminated()) {
			join.subscribeChildren();
		}
	}

	@Override
	@Nullable
	public Object scanUnsafe(Attr key) {
		if (key == Attr.RUN_STYLE) {
			return Attr.RunStyle.SYNC;
		}
		return null;
	}

	@Override
	public String toString() {
		return "Eager." + operator.tagValue() + "(" + sources.length + " children)";
	}

	/** One subscription: the counter, the values, one {@link Inner} per child not resolved. */
	static final class Join<R> extends MonoDelivery<R> implements Scannable {

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<Join> REMAINING =
				AtomicIntegerFieldUpdater.newUpdater(Join.class, "remaining");
		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<Join> DECIDED =
				AtomicIntegerFieldUpdater.newUpdater(Join.class, "decided");
		/** The slots of the values and of the inners: array elements, which no field updater reaches. */
		private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(Object[].class);

		final MonoLazyJoin<R> parent;
		final Context context;
		/** The children's values in argument order ({@code null} for {@code when}, which keeps none). */
		@Nullable
		final Object[] values;
		/** The {@link Inner} of each child that is not resolved, published with volatile writes. */
		final Object[] inners;

		/** Children not yet finished, plus one held by the subscribing loop until it is done. */
		@SuppressWarnings("unused")
		volatile int remaining;
		/** 1 once the outcome is decided (success, failure, empty, or cancellation). */
		@SuppressWarnings("unused")
		volatile int decided;

		Join(MonoLazyJoin<R> parent, CoreSubscriber<? super R> actual) {
			super(actual);
			this.parent = parent;
			this.context = actual.currentContext();
			int n = parent.sources.length;
			this.values = parent.mode == EagerJoin.Mode.WHEN ? null : new Object[n];
			this.inners = new Object[n];
			REMAINING.lazySet(this, n + 1);
		}

		/** Takes the children in argument order, then releases the loop's hold on the counter. */
		void subscribeChildren() {
			Mono<?>[] sources = parent.sources;
			boolean gather = parent.mode == EagerJoin.Mode.GATHER;
			int resolved = 0;
			for (int i = 0; i < sources.length; i++) {
				if (decided != 0 && (gather || isCancelled())) {
					// mergeSequential takes no more children once decided; nobody does after a cancel
					// (the children not taken are released with the loop's hold below)
					resolved += sources.length - i;
					break;
				}
				Mono<?> m = sources[i];
				Object o = PublisherOutcome.peek(m);
				if (o != PublisherOutcome.NOT_RESOLVED) {
					if (decided == 0) {
						onResolved(i, o);
					}
					resolved++;
					continue;
				}
				Inner inner = new Inner(this, i);
				ELEMENT.setVolatile(inners, i, inner);
				MonoPending<?> p = PublisherOutcome.pending(m);
				if (p != null) {
					inner.pending = p;
					Trampoline.count(parent.operator, EagerStats.Kind.SUSPENDED);
					if (!p.addWaiter(inner)) {
						inner.resume(p.value, p.error);
					}
					else if (decided != 0) {
						p.removeWaiter(inner);
					}
				}
				else {
					m.subscribe(inner);
				}
			}
			if (REMAINING.getAndAdd(this, -(resolved + 1)) == resolved + 1) {
				succeed();
			}
		}

		/** A resolved child read by the loop: an outcome that decides, or a value to hold. */
		private void onResolved(int index, @Nullable Object outcome) {
			if (outcome instanceof MonoResolved.Failure f) {
				fail(f.error);
			}
			else if (outcome == null) {
				if (parent.mode == EagerJoin.Mode.ZIP) {
					completeEmpty();
				}
			}
			else if (values == null) {
				Operators.onDiscard(outcome, context);
			}
			else {
				values[index] = outcome;
			}
		}

		/** A child that is not resolved delivered its value. */
		void childValue(int index, Object value) {
			Object[] vs = values;
			if (vs == null) {
				Operators.onDiscard(value, context);
				return;
			}
			ELEMENT.setVolatile(vs, index, value);
			if (decided != 0) {
				// decided meanwhile: whoever takes the value out of the array discards it, once
				Object v = ELEMENT.getAndSet(vs, index, null);
				if (v != null) {
					Operators.onDiscard(v, context);
				}
			}
		}

		/** A child that is not resolved completed (after its value, if it had one). */
		void childComplete(boolean hadValue) {
			if (!hadValue && parent.mode == EagerJoin.Mode.ZIP) {
				completeEmpty();
				return;
			}
			if (REMAINING.getAndAdd(this, -1) == 1) {
				succeed();
			}
		}

		void childError(Throwable e) {
			fail(e);
		}

		private boolean decide() {
			return DECIDED.compareAndSet(this, 0, 1);
		}

		@SuppressWarnings("unchecked")
		private void succeed() {
			if (!decide()) {
				return;
			}
			MonoResolved<R> r = (MonoResolved<R>) EagerJoin.combine(parent.mode, values != null ? values : new Object[0], parent.combinator);
			deliver(r.value(), r.error());
		}

		private void fail(Throwable e) {
			if (!decide()) {
				Operators.onErrorDropped(e, context);
				return;
			}
			cancelChildren();
			discardValues();
			deliverError(e);
		}

		private void completeEmpty() {
			if (!decide()) {
				return;
			}
			cancelChildren();
			discardValues();
			deliverEmpty();
		}

		@Override
		void onCancel() {
			if (decide()) {
				cancelChildren();
				discardValues();
			}
		}

		private void cancelChildren() {
			for (int i = 0; i < inners.length; i++) {
				Object inner = ELEMENT.getVolatile(inners, i);
				if (inner != null) {
					((Inner) inner).cancel();
				}
			}
		}

		private void discardValues() {
			Object[] vs = values;
			if (vs == null) {
				return;
			}
			for (int i = 0; i < vs.length; i++) {
				Object v = ELEMENT.getAndSet(vs, i, null);
				if (v != null) {
					Operators.onDiscard(v, context);
				}
			}
		}

		@Override
		@Nullable
		public Object scanUnsafe(Attr key) {
			if (key == Attr.ACTUAL) {
				return actual;
			}
			if (key == Attr.TERMINATED) {
				return isTerminated() && !isCancelled();
			}
			if (key == Attr.CANCELLED) {
				return isCancelled();
			}
			if (key == Attr.RUN_STYLE) {
				return Attr.RunStyle.SYNC;
			}
			return null;
		}
	}

	/** The subscriber of one lazy child, or the continuation on one pending child. */
	static final class Inner implements CoreSubscriber<Object>, Waiter, Scannable {

		/** Reactor's updater idiom, so that {@code Operators.setOnce/terminate} apply. */
		private static final AtomicReferenceFieldUpdater<Inner, Subscription> S =
				AtomicReferenceFieldUpdater.newUpdater(Inner.class, Subscription.class, "s");

		final Join<?> join;
		final int index;
		/** The pending child awaited, when the child is pending rather than lazy. */
		@Nullable
		MonoPending<?> pending;
		@Nullable
		@SuppressWarnings("unused")
		volatile Subscription s;
		boolean hasValue;
		boolean done;

		Inner(Join<?> join, int index) {
			this.join = join;
			this.index = index;
		}

		@Override
		public Context currentContext() {
			return join.context;
		}

		@Override
		public void onSubscribe(Subscription s) {
			if (Operators.setOnce(S, this, s)) {
				if (join.decided != 0) {
					// decided before this child answered: stock subscribes it, then cancels it
					Operators.terminate(S, this);
				}
				else {
					s.request(Long.MAX_VALUE);
				}
			}
		}

		/**
		 * A child's value, as the stock twin of the join takes it: for {@code zip} the first value
		 * is the child's outcome (stock {@code MonoZip} signals on it: a later value goes to
		 * {@code onNextDropped}, a later error to {@code onErrorDropped}, the completion is not
		 * awaited); for {@code when} every value is discarded (stock {@code MonoWhen}); for
		 * {@code gather} the first value is kept and the child's terminal signal awaited
		 * ({@code mergeSequential}).
		 */
		@Override
		public void onNext(Object t) {
			EagerJoin.Mode mode = join.parent.mode;
			if (done || (hasValue && mode != EagerJoin.Mode.WHEN)) {
				Operators.onNextDropped(t, join.context);
				return;
			}
			hasValue = true;
			join.childValue(index, t);
			if (mode == EagerJoin.Mode.ZIP) {
				done = true;
				join.childComplete(true);
			}
		}

		@Override
		public void onError(Throwable t) {
			if (done) {
				Operators.onErrorDropped(t, join.context);
				return;
			}
			done = true;
			join.childError(t);
		}

		@Override
		public void onComplete() {
			if (done) {
				return;
			}
			done = true;
			join.childComplete(hasValue);
		}

		/** The pending child finished. */
		@Override
		public void resume(@Nullable Object value, @Nullable Throwable error) {
			if (error != null) {
				join.childError(error);
				return;
			}
			if (value != null) {
				join.childValue(index, value);
			}
			join.childComplete(value != null);
		}

		@Override
		public EagerOperator operator() {
			return join.parent.operator;
		}

		void cancel() {
			MonoPending<?> p = pending;
			if (p != null) {
				p.removeWaiter(this);
			}
			else {
				Operators.terminate(S, this);
			}
		}

		@Override
		@Nullable
		public Object scanUnsafe(Attr key) {
			if (key == Attr.PARENT) {
				return s;
			}
			if (key == Attr.ACTUAL) {
				return join;
			}
			if (key == Attr.CANCELLED) {
				return s == Operators.cancelledSubscription();
			}
			if (key == Attr.RUN_STYLE) {
				return Attr.RunStyle.SYNC;
			}
			return null;
		}
	}
}
