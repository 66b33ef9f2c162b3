package io.reactoreager;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * Eager steps applied to a <b>lazy</b> source: stays lazy (nothing runs until subscribed, it runs
 * again on every subscription, and the source sees the subscriber's {@code Context}). Consecutive
 * steps fuse into one chain, so a subscription costs one subscriber for the whole chain, not one
 * per operator: a run loop applies the steps in order, continues at once through every resolved
 * outcome, registers one continuation on a pending one, and subscribes a lazy one.
 *
 * <p>It must never run anything at assembly and never recurse past the inline depth bound.
 */
final class MonoLazyChain<T> extends Mono<T> implements Scannable {

	final Mono<?> source;
	final EagerStep<?, ?> last;
	@Nullable
	final MonoLazyChain<?> previous;
	final int length;

	/**
	 * The steps in order, built at the first subscription. Volatile: subscriptions on other threads
	 * may read it, and a plainly published array could be seen with its elements not yet written.
	 */
	@Nullable
	private volatile EagerStep<?, ?>[] steps;

	private MonoLazyChain(Mono<?> source, EagerStep<?, ?> last, @Nullable MonoLazyChain<?> previous, int length) {
		this.source = source;
		this.last = last;
		this.previous = previous;
		this.length = length;
	}

	static <R> Mono<R> append(Mono<?> source, EagerStep<?, R> step) {
		if (source instanceof MonoLazyChain<?> c) {
			return new MonoLazyChain<>(c.source, step, c, c.length + 1);
		}
		return new MonoLazyChain<>(source, step, null, 1);
	}

	private EagerStep<?, ?>[] stepArray() {
		EagerStep<?, ?>[] a = steps;
		if (a == null) {
			a = new EagerStep<?, ?>[length];
			MonoLazyChain<?> c = this;
			for (int i = length - 1; i >= 0; i--) {
				a[i] = c.last;
				c = c.previous;
			}
			steps = a;
		}
		return a;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		Objects.requireNonNull(actual, "actual");
		EagerStep<?, ?>[] a = stepArray();
		Trampoline.count(a[0].operator(), EagerStats.Kind.LAZY_SUBSCRIPTION);
		ChainSubscriber<T> cs = new ChainSubscriber<>(actual, a);
		actual.onSubscribe(cs);
		if (!cs.isTerminated()) {
			source.subscribe(cs);
		}
	}

	@Override
	@Nullable
	public Object scanUnsafe(Attr key) {
		if (key == Attr.PARENT) {
			return source;
		}
		if (key == Attr.RUN_STYLE) {
			return Attr.RunStyle.SYNC;
		}
		return null;
	}

	@Override
	public String toString() {
		return "Eager.lazy(" + length + " steps)";
	}

	/** The one subscriber of a chain subscription: the run loop. */
	static final class ChainSubscriber<T> extends MonoDelivery<T> implements OutcomeSubscriber<Object>, Waiter {

		@SuppressWarnings("rawtypes")
		private static final AtomicReferenceFieldUpdater<ChainSubscriber, Object> UPSTREAM =
				AtomicReferenceFieldUpdater.newUpdater(ChainSubscriber.class, Object.class, "upstream");

		final EagerStep<?, ?>[] steps;
		final Context context;

		/** The next step to apply. */
		int index;
		/** Whether the first source has delivered its value (later lazy sources each get a {@link LazyInner}). */
		boolean hasValue;

		/** The current source's Subscription, or the MonoPending awaited. */
		@SuppressWarnings("unused")
		volatile Object upstream;

		ChainSubscriber(CoreSubscriber<? super T> actual, EagerStep<?, ?>[] steps) {
			super(actual);
			this.steps = steps;
			this.context = actual.currentContext();
		}

		@Override
		public Context currentContext() {
			return context;
		}

		@Override
		public void onSubscribe(Subscription s) {
			subscribed(s);
		}

		/** A source of the chain (the first one or a lazy one a step returned) was subscribed. */
		void subscribed(Subscription s) {
			if (isCancelled()) {
				s.cancel();
				return;
			}
			upstream = s;
			if (isCancelled() && UPSTREAM.compareAndSet(this, s, null)) {
				s.cancel();
				return;
			}
			s.request(Long.MAX_VALUE);
		}

		@Override
		public boolean claimOutcome() {
			if (hasValue) {
				return false;
			}
			hasValue = true;
			return true;
		}

		@Override
		public void onOutcome(@Nullable Object v, @Nullable Throwable e) {
			Trampoline.current().resume(this, v, e);
		}

		@Override
		public EagerOperator operator() {
			return steps[Math.min(index, steps.length - 1)].operator();
		}

		@Override
		void onCancel() {
			Object u = UPSTREAM.getAndSet(this, null);
			if (u instanceof Subscription s) {
				s.cancel();
			}
			else if (u instanceof MonoPending<?> p) {
				p.removeWaiter(this);
			}
		}

		/**
		 * Resumes the run loop; under automatic context propagation its user code sees the
		 * ThreadLocals of the subscriber's Context, also when a pending value it awaited resumes
		 * it from another thread.
		 */
		@Override
		public void resume(@Nullable Object v, @Nullable Throwable e) {
			Object scope = EagerThreadLocals.restore(context);
			try {
				run(v, e);
			}
			finally {
				EagerThreadLocals.close(scope);
			}
		}

		/** The run loop: applies the remaining steps to an outcome. */
		@SuppressWarnings({"unchecked", "rawtypes"})
		private void run(@Nullable Object v, @Nullable Throwable e) {
			upstream = null;
			EagerStep<?, ?>[] a = steps;
			int i = index;
			boolean count = EagerPolicy.counting();
			while (i < a.length) {
				if (isCancelled()) {
					OutcomeSubscriber.refuse(v, e, context);
					return;
				}
				EagerStep step = a[i++];
				if (count) {
					Trampoline.count(step.operator(), EagerStats.Kind.INLINE);
				}
				Mono<?> r = step.applyOutcome(v, e, context);
				if (r == null) {
					continue;
				}
				MonoPending<?> p = PublisherOutcome.pending(r);
				if (p != null) {
					index = i;
					upstream = p;
					if (p.addWaiter(this)) {
						if (count) {
							Trampoline.count(step.operator(), EagerStats.Kind.SUSPENDED);
						}
						if (isCancelled()) {
							// onCancel may have read p before it was registered: remove it here too
							// (removing twice is harmless)
							UPSTREAM.compareAndSet(this, p, null);
							p.removeWaiter(this);
						}
						return;
					}
					upstream = null;
				}
				Object o = PublisherOutcome.peek(r);
				if (o != PublisherOutcome.NOT_RESOLVED) {
					v = PublisherOutcome.value(o);
					e = PublisherOutcome.error(o);
				}
				else {
					index = i;
					if (count) {
						Trampoline.count(step.operator(), EagerStats.Kind.LAZY_SUBSCRIPTION);
					}
					// a fresh subscriber per lazy Mono a step returns: the previous source may still
					// send its onComplete after its onNext (it is on the stack below us, or the new
					// Mono completes later), and that must not be taken as the new Mono completing empty
					r.subscribe(new LazyInner(this));
					return;
				}
			}
			index = i;
			deliver((T) v, e);
		}
	}

	/** Subscribes the chain to one lazy Mono a step returned: its signals resume the run loop. */
	static final class LazyInner implements OutcomeSubscriber<Object> {

		final ChainSubscriber<?> parent;
		boolean done;

		LazyInner(ChainSubscriber<?> parent) {
			this.parent = parent;
		}

		@Override
		public Context currentContext() {
			return parent.context;
		}

		@Override
		public void onSubscribe(Subscription s) {
			parent.subscribed(s);
		}

		@Override
		public boolean claimOutcome() {
			if (done) {
				return false;
			}
			done = true;
			return true;
		}

		@Override
		public void onOutcome(@Nullable Object v, @Nullable Throwable e) {
			Trampoline.current().resume(parent, v, e);
		}
	}
}
