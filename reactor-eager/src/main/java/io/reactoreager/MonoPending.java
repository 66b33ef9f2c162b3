package io.reactoreager;

import java.lang.ref.Cleaner;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * A <b>pending</b> value: hot, single-assignment, started before anyone subscribed (like an
 * asyncio Task or a completed-later future). Eager operators applied to it register one
 * {@link Waiter} each (often the derived pending itself) instead of a subscriber chain; Reactive
 * Streams subscribers get the outcome when it arrives, and later subscribers get it replayed.
 *
 * <p>When its last observer cancels before the outcome is known, the started work is cancelled
 * (the upstream subscription, the awaited pending, or the bridge's cancel action) and the pending
 * completes with a {@link CancellationException} for anyone who subscribes afterwards. An error
 * that nobody ever observes is reported to {@link Operators#onErrorDropped} when the pending is
 * garbage collected (Python's "Task exception was never retrieved").
 *
 * <p>It must never run the producing work twice, and never deliver more than one outcome.
 */
final class MonoPending<T> extends Mono<T> implements EagerSink<T>, Waiter, Scannable {

	private static final Object DONE = new Object();
	private static final Object CANCELLED_UPSTREAM = new Object();
	private static final Cleaner CLEANER = Cleaner.create();

	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<MonoPending, Object> WAITERS =
			AtomicReferenceFieldUpdater.newUpdater(MonoPending.class, Object.class, "waiters");
	@SuppressWarnings("rawtypes")
	private static final AtomicIntegerFieldUpdater<MonoPending> CLAIMED =
			AtomicIntegerFieldUpdater.newUpdater(MonoPending.class, "claimed");
	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<MonoPending, Object> UPSTREAM =
			AtomicReferenceFieldUpdater.newUpdater(MonoPending.class, Object.class, "upstream");

	/** {@code null} (nobody waits), a {@link Waiter}, a {@code Waiter[]}, or {@link #DONE}. */
	@SuppressWarnings("unused")
	private volatile Object waiters;

	@SuppressWarnings("unused")
	private volatile int claimed;

	/** What cancelling reaches: a Subscription, an awaited MonoPending, or a Runnable. */
	@SuppressWarnings("unused")
	private volatile Object upstream;

	/** The outcome: valid once {@link #waiters} is {@link #DONE} (published by that write). */
	@Nullable
	T value;
	@Nullable
	Throwable error;

	final EagerOperator operator;
	final Context context;

	/** The operator step to apply to the awaited outcome, or null for a root pending. */
	@Nullable
	private final EagerStep<Object, T> step;
	private boolean stepApplied;

	@Nullable
	private ErrorReport unobserved;

	/**
	 * The Context of the subscriber whose cancel cancelled the work (through the pendings derived
	 * from this one), for an outcome the work delivers too late ({@link #completeFromStage}).
	 */
	@Nullable
	private volatile Context cancelledBy;

	/** Values the steps leading here dropped, for each subscriber's discard hook; published with the outcome. */
	@Nullable
	private PendingDiscards dropped;

	MonoPending(EagerOperator operator, @Nullable EagerStep<Object, T> step, Context context) {
		this.operator = operator;
		this.step = step;
		this.context = context;
	}

	// ---------------------------------------------------------------- producer side

	@Override
	public boolean tryEmitValue(T value) {
		Objects.requireNonNull(value, "value");
		return tryComplete(value, null);
	}

	@Override
	public boolean tryEmitEmpty() {
		return tryComplete(null, null);
	}

	@Override
	public boolean tryEmitError(Throwable error) {
		Objects.requireNonNull(error, "error");
		return tryComplete(null, error);
	}

	@Override
	public boolean isDone() {
		return waiters == DONE;
	}

	@Override
	public Mono<T> asMono() {
		return this;
	}

	/** Sets what cancelling must reach; if already cancelled, cancels it at once. */
	void setUpstream(Object u) {
		Object current = upstream;
		if (current == CANCELLED_UPSTREAM || !UPSTREAM.compareAndSet(this, current, u)) {
			cancelTarget(u);
		}
	}

	/**
	 * Sets the outcome once and resumes every waiter; later calls return {@code false}.
	 */
	boolean tryComplete(@Nullable T v, @Nullable Throwable e) {
		if (!CLAIMED.compareAndSet(this, 0, 1)) {
			return false;
		}
		complete(v, e);
		return true;
	}

	/** Publishes the outcome once claimed (by {@link #tryComplete} or {@link #cancelByObservers}). */
	private void complete(@Nullable T v, @Nullable Throwable e) {
		this.value = v;
		this.error = e;
		// nothing is left to cancel, and whatever upstream still arrives (a subscription that
		// raced the cancellation) is cancelled at once by setUpstream
		upstream = CANCELLED_UPSTREAM;
		ErrorReport report = null;
		if (e != null && !(e instanceof CancelledByObservers) && !(e instanceof TaskGroupCancellation)) {
			// set before DONE is published, so that a waiter arriving after DONE marks it observed
			report = new ErrorReport(e, context);
			unobserved = report;
		}
		Object ws = WAITERS.getAndSet(this, DONE);
		if (ws == null) {
			if (report != null) {
				CLEANER.register(this, report);
			}
			return;
		}
		if (report != null) {
			report.retrieved = true;
		}
		Trampoline t = Trampoline.current();
		if (ws instanceof Waiter w) {
			handDropped(w);
			t.resume(w, v, e);
		}
		else {
			for (Waiter w : (Waiter[]) ws) {
				handDropped(w);
				t.resume(w, v, e);
			}
		}
	}

	// ---------------------------------------------------------------- waiting side

	/**
	 * Registers a continuation. Returns {@code false}, registering nothing, when the outcome is
	 * already known: the caller then uses {@link #value}/{@link #error} directly.
	 */
	boolean addWaiter(Waiter w) {
		for (;;) {
			Object c = waiters;
			if (c == DONE) {
				observed();
				handDropped(w);
				return false;
			}
			Object n;
			if (c == null) {
				n = w;
			}
			else if (c instanceof Waiter[] a) {
				Waiter[] b = new Waiter[a.length + 1];
				System.arraycopy(a, 0, b, 0, a.length);
				b[a.length] = w;
				n = b;
			}
			else {
				n = new Waiter[] {(Waiter) c, w};
			}
			if (WAITERS.compareAndSet(this, c, n)) {
				return true;
			}
		}
	}

	/**
	 * Removes a continuation (its observer cancelled). When it was the last one and the outcome
	 * is still unknown, the started work is cancelled.
	 */
	void removeWaiter(Waiter w) {
		for (;;) {
			Object c = waiters;
			if (c == DONE || c == null) {
				return;
			}
			Object n;
			if (c == w) {
				n = null;
			}
			else if (c instanceof Waiter[] a) {
				int i = indexOf(a, w);
				if (i < 0) {
					return;
				}
				if (a.length == 2) {
					n = a[1 - i];
				}
				else {
					Waiter[] b = new Waiter[a.length - 1];
					System.arraycopy(a, 0, b, 0, i);
					System.arraycopy(a, i + 1, b, i, a.length - i - 1);
					n = b;
				}
			}
			else {
				return;
			}
			if (WAITERS.compareAndSet(this, c, n)) {
				if (n == null) {
					cancelByObservers(w);
				}
				return;
			}
		}
	}

	private static int indexOf(Waiter[] a, Waiter w) {
		for (int i = 0; i < a.length; i++) {
			if (a[i] == w) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Cancels the started work now, whoever else observes it, and completes with {@code reason}
	 * (a task group cancelling its children). Does nothing once the outcome is known.
	 */
	void cancel(CancellationException reason) {
		if (isDone()) {
			return;
		}
		Object u = UPSTREAM.getAndSet(this, CANCELLED_UPSTREAM);
		if (u != null && u != CANCELLED_UPSTREAM) {
			cancelTarget(u);
		}
		tryComplete(null, reason);
	}

	/**
	 * Starts lazy work now with {@code context}: subscribes it on the calling thread, or, when
	 * the thread's budget is spent, from a task on the thread's loop. The result adopts its
	 * outcome (already done if the work finished synchronously).
	 */
	static <T> MonoPending<T> startLazy(EagerOperator operator, Mono<T> mono, Context context) {
		return startLazy(operator, mono, context, Trampoline.current().spendOrYield(operator));
	}

	/**
	 * {@link #startLazy(EagerOperator, Mono, Context)} once the caller has spent the budget:
	 * subscribes from a task on {@code x}, or on the calling thread when {@code x} is null.
	 */
	static <T> MonoPending<T> startLazy(EagerOperator operator, Mono<T> mono, Context context,
			@Nullable java.util.concurrent.Executor x) {
		Trampoline.count(operator, EagerStats.Kind.LAZY_SUBSCRIPTION);
		MonoPending<T> p = new MonoPending<>(operator, null, EagerThreadLocals.capture(context));
		if (x != null) {
			try {
				x.execute(() -> {
					Trampoline.current().resetBudget();
					mono.subscribe(new PendingSubscriber<>(p));
				});
				return p;
			}
			catch (java.util.concurrent.RejectedExecutionException e) {
				// the loop is shutting down: start inline rather than never
			}
		}
		mono.subscribe(new PendingSubscriber<>(p));
		return p;
	}

	private void cancelByObservers(Waiter last) {
		// written before the claim, so that whoever fails to complete after it sees it
		cancelledBy = last instanceof Inner<?> i ? i.actual.currentContext() : last instanceof MonoPending<?> p ? p.cancelledBy : null;
		// claim first: if an outcome is being set concurrently it wins and nothing is cancelled, so
		// that exactly one of "emitted" and "cancelled" happens
		if (!CLAIMED.compareAndSet(this, 0, 1)) {
			return;
		}
		Object u = UPSTREAM.getAndSet(this, CANCELLED_UPSTREAM);
		if (u != null && u != CANCELLED_UPSTREAM) {
			cancelTarget(u);
		}
		complete(null, new CancelledByObservers());
	}

	private void cancelTarget(Object u) {
		if (u instanceof MonoPending<?> p) {
			p.removeWaiter(this);
		}
		else if (u instanceof Subscription s) {
			s.cancel();
		}
		else if (u instanceof Runnable r) {
			r.run();
		}
	}

	/** Hands the values dropped on the way here to a pending that continues from this one. */
	private void handDropped(Waiter w) {
		PendingDiscards d = dropped;
		if (d != null && w instanceof MonoPending<?> next) {
			PendingDiscards n = next.dropped;
			if (n == null) {
				next.dropped = n = new PendingDiscards(next.context);
			}
			n.addAll(d);
		}
	}

	/** Marks an error outcome as observed (it will not be reported as never retrieved). */
	void observed() {
		ErrorReport r = unobserved;
		if (r != null) {
			r.retrieved = true;
		}
	}

	/** This pending is itself the continuation of the value it awaits (one object per step). */
	@Override
	@SuppressWarnings("unchecked")
	public void resume(@Nullable Object v, @Nullable Throwable e) {
		EagerStep<Object, T> s = step;
		if (s != null && !stepApplied) {
			if (claimed != 0) {
				// cancelled by its observers after its input handed out the outcome: the step must
				// not run (it could start work that nobody would cancel)
				return;
			}
			stepApplied = true;
			// the step's user code (and the subscription of a lazy Mono it returns) sees the
			// ThreadLocals of this pending's Context, under automatic context propagation
			Object scope = EagerThreadLocals.restore(context);
			// what the step drops is kept for the discard hooks of the subscribers (see PendingDiscards)
			PendingDiscards d = dropped != null ? dropped : new PendingDiscards(context);
			Mono<T> r;
			try {
				r = s.applyOutcome(v, e, Operators.enableOnDiscard(context, d));
			}
			finally {
				d.close();
				if (!d.isEmpty()) {
					dropped = d;
				}
			}
			try {
				if (r != null) {
					adopt(r);
					return;
				}
			}
			finally {
				EagerThreadLocals.close(scope);
			}
		}
		tryComplete((T) v, e);
	}

	@Override
	public EagerOperator operator() {
		return operator;
	}

	/**
	 * Applies {@code step} to a pending value that has already failed. The outcome goes to a pending
	 * of its own (done at once unless the step returns pending or lazy work) rather than to a
	 * resolved value: like the pending of a step applied before the failure, it reports the error
	 * it ends with if nobody ever observes it, so applying a step never counts as observing.
	 */
	static <R> MonoPending<R> afterFailure(EagerStep<Object, R> step, MonoPending<?> failed) {
		MonoPending<R> next = new MonoPending<>(step.operator(), step, failed.context);
		next.resume(null, failed.error);
		return next;
	}

	/**
	 * Completes from a {@link java.util.concurrent.CompletionStage} callback. An outcome arriving
	 * after the pending was cancelled is not lost, as with stock {@code Mono.fromCompletionStage}:
	 * an error other than a cancellation goes to {@code Hooks.onErrorDropped}, a value to the
	 * discard hook, of the Context of the subscriber whose cancel cancelled the work (stock's
	 * subscriber), else of the pending's own.
	 */
	void completeFromStage(@Nullable T v, @Nullable Throwable e) {
		if (tryComplete(v, e)) {
			return;
		}
		Context c = cancelledBy;
		if (c == null) {
			c = context;
		}
		if (e != null && !(e instanceof CancellationException)) {
			Operators.onErrorDropped(e, c);
		}
		if (v != null) {
			Operators.onDiscard(v, c);
		}
	}

	/** Takes the outcome of {@code r}: at once if resolved, by waiting if pending, by subscribing if lazy. */
	@SuppressWarnings("unchecked")
	void adopt(Mono<? extends T> r) {
		if (r == this) {
			tryComplete(null, new IllegalStateException("a pending value cannot await itself"));
			return;
		}
		MonoPending<? extends T> p = (MonoPending<? extends T>) PublisherOutcome.eagerPending(r);
		if (p != null) {
			// registered first, wired after: a cancellation that ran before the wiring (while the
			// step ran) then finds the registration to remove, through setUpstream
			if (p.addWaiter(this)) {
				setUpstream(p);
				return;
			}
			// already done: registering marked its error observed and handed on what it dropped
			tryComplete(p.value, p.error);
			return;
		}
		Object o = PublisherOutcome.peek(r);
		if (o != PublisherOutcome.NOT_RESOLVED) {
			tryComplete((T) PublisherOutcome.value(o), PublisherOutcome.error(o));
		}
		else if (claimed == 0) {
			// a lazy Mono returned to a pending cancelled meanwhile is never subscribed
			Trampoline.count(operator, EagerStats.Kind.LAZY_SUBSCRIPTION);
			r.subscribe(new PendingSubscriber<>(this));
		}
	}

	// ---------------------------------------------------------------- Reactive Streams side

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		Objects.requireNonNull(actual, "actual");
		Inner<T> inner = new Inner<>(actual, this);
		actual.onSubscribe(inner);
		if (inner.isTerminated()) {
			// cancelled (or failed a bad request) inside onSubscribe: it still observed and left,
			// which cancels the work if nobody else observes it
			if (addWaiter(inner)) {
				removeWaiter(inner);
			}
			else if (value != null) {
				// its own delivery of the finished value is dropped, as Sinks.one's subscription
				// discards it; other observers still get the value
				inner.discard(value);
			}
			return;
		}
		if (!addWaiter(inner)) {
			inner.resume(value, error);
		}
		else if (inner.isTerminated()) {
			removeWaiter(inner);
		}
	}

	@Override
	@Nullable
	public Object scanUnsafe(Attr key) {
		if (key == Attr.TERMINATED) {
			return isDone();
		}
		if (key == Attr.ERROR) {
			return isDone() ? error : null;
		}
		if (key == Attr.CANCELLED) {
			return isDone() && error instanceof CancelledByObservers;
		}
		if (key == Attr.RUN_STYLE) {
			return Attr.RunStyle.ASYNC;
		}
		return null;
	}

	@Override
	public String toString() {
		return "Eager.pending(" + operator.tagValue() + (isDone() ? ", done)" : ")");
	}

	/** A Reactive Streams subscriber of a pending value. */
	static final class Inner<T> extends MonoDelivery<T> implements Waiter {

		final MonoPending<T> parent;

		Inner(CoreSubscriber<? super T> actual, MonoPending<T> parent) {
			super(actual);
			this.parent = parent;
		}

		@Override
		@SuppressWarnings("unchecked")
		public void resume(@Nullable Object v, @Nullable Throwable e) {
			PendingDiscards d = parent.dropped;
			if (d != null && !isCancelled()) {
				// what stock discards in each subscription of a Sinks.one()-backed chain
				d.discard(actual.currentContext());
			}
			deliver((T) v, e);
		}

		@Override
		public EagerOperator operator() {
			return parent.operator;
		}

		@Override
		void onCancel() {
			parent.removeWaiter(this);
		}

	}

	/** Subscribes a pending to the lazy Mono whose outcome it adopts, with the pending's Context. */
	static final class PendingSubscriber<T> implements OutcomeSubscriber<T> {

		final MonoPending<T> parent;
		final Context context;
		boolean hasValue;

		PendingSubscriber(MonoPending<T> parent) {
			this.parent = parent;
			this.context = parent.context;
		}

		@Override
		public Context currentContext() {
			return context;
		}

		@Override
		public void onSubscribe(Subscription s) {
			parent.setUpstream(s);
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
		public void onOutcome(@Nullable T v, @Nullable Throwable e) {
			if (!parent.tryComplete(v, e)) {
				OutcomeSubscriber.refuse(v, e, context);
			}
		}
	}

	/** The error a pending completes with once every observer has cancelled it. */
	static final class CancelledByObservers extends CancellationException {

		private static final long serialVersionUID = 1L;

		CancelledByObservers() {
			super("the pending value was cancelled: its last observer cancelled before it completed");
		}
	}

	/** Reports an error nobody observed, when its pending is collected. Holds no reference to it. */
	static final class ErrorReport implements Runnable {

		final Throwable error;
		final Context context;
		volatile boolean retrieved;

		ErrorReport(Throwable error, Context context) {
			this.error = error;
			this.context = context;
		}

		@Override
		public void run() {
			if (!retrieved) {
				Operators.onErrorDropped(error, context);
			}
		}
	}
}
