package io.reactoreager;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;

import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * One run of a task group: the {@link TaskGroup} handed to the body. It counts what is still
 * running (the body, every registered pending child, every fork in progress), keeps the
 * registered children in a {@link TaskGroupChildren} list so that it can cancel them, records the
 * first failure (the rest are added to it as suppressed), and hands its outcome to its sink (the
 * Subscription of the group's subscriber, or the pending value a parent group forked) when
 * nothing is left running.
 *
 * <p>Rules it keeps, whatever the interleaving (cpython gh-97696, #128550, #155418):
 * <ul>
 *   <li>a child that finishes inside {@link #fork}, before it could be registered, is accounted
 *       like any other: its failure fails the group and cancels its siblings;</li>
 *   <li>a fork reserves its place (the count, in the same atomic word as the group's state)
 *       <em>before</em> the child starts, and a fork that finds the group closed starts nothing;
 *       a pending child is pushed on the list and then checks the state: the closing side sets
 *       the state and then walks the list, so at least one of them cancels the child;</li>
 *   <li>the group terminates only when the count reaches zero, so no child outlives it.</li>
 * </ul>
 * The hot paths (a fork, a child or the body finishing without error, a pending child
 * registering) take no lock: one compare-and-set on {@link #ctl} each, and one on the list for a
 * pending child. A failure and each way of closing take the monitor of {@code this}, so that the
 * first error, the suppressed ones and the state they find are decided in one order. No user code
 * ever runs under it.
 */
final class TaskGroupRun<R> extends TaskGroupChildren implements TaskGroup {

	static final int OPEN = 0;
	static final int FAILING = 1;
	static final int CANCELLED = 2;
	/** Stopped from inside with {@link #cancel()}: completes empty unless something failed. */
	static final int STOPPED = 3;

	private static final long ACTIVE = 0xFFFF_FFFFL;
	private static final int STATE_SHIFT = 32;
	private static final long STATE = 3L << STATE_SHIFT;
	/** Set with the transition of the count to zero: the outcome is being (or was) handed on. */
	private static final long FINISHED = 1L << 34;

	/** The sink once the outcome was handed on (or, cancelled, dropped). */
	private static final Object TERMINATED = new Object();

	@SuppressWarnings("rawtypes")
	private static final AtomicLongFieldUpdater<TaskGroupRun> CTL =
			AtomicLongFieldUpdater.newUpdater(TaskGroupRun.class, "ctl");
	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<TaskGroupRun, Object> SINK =
			AtomicReferenceFieldUpdater.newUpdater(TaskGroupRun.class, Object.class, "sink");

	final Context context;

	/** The count of running parts (low 32 bits), the state (OPEN .. STOPPED) and FINISHED. Starts with the body. */
	private volatile long ctl = 1;

	/**
	 * Where the outcome goes: {@code null} until known, a {@link TaskGroupDelivery} (the group's
	 * subscriber), a {@link MonoPending} (a parent forked this group), or {@link #TERMINATED}.
	 */
	@Nullable
	private volatile Object sink;

	/**
	 * The first failure; written under this, before the failing part's count is released. Once
	 * {@link #TERMINATED} is published it is the error of the outcome.
	 */
	@Nullable
	private Throwable error;
	/**
	 * The body's value; written before the body's count is released. Once {@link #TERMINATED} is
	 * published it is the value of the outcome ({@code null} when it was discarded).
	 */
	@Nullable
	private Object bodyValue;
	/** The body's Mono when it was resolved at once: handed back as is when its value is the outcome. */
	@Nullable
	private Mono<?> resolvedBody;
	@Nullable
	private volatile TaskGroupBodyWaiter body;

	/**
	 * The thread running the body function, while it runs (else {@code null}); read racily by
	 * {@link #fork}, where only that thread can ever find itself here.
	 */
	@Nullable
	private Thread bodyThread;
	/** The thread of a parent's {@link #forkGroup} while it runs this group's body (else {@code null}). */
	@Nullable
	private Thread forker;

	@Nullable
	private TaskGroupCancellation cancellation;

	TaskGroupRun(Context context) {
		this.context = context;
	}

	private static boolean closed(long c) {
		return (c & (STATE | FINISHED)) != 0;
	}

	private static int state(long c) {
		return (int) ((c & STATE) >>> STATE_SHIFT);
	}

	// ---------------------------------------------------------------- TaskGroup

	@Override
	public boolean isClosed() {
		return closed(ctl);
	}

	@Override
	public ContextView context() {
		return context;
	}

	/** {@link TaskGroup#cancel()}: stops the group from inside. */
	@Override
	public void cancel() {
		synchronized (this) {
			if (!transition(STOPPED, false)) {
				return;
			}
		}
		cancelAll();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> Mono<T> fork(Mono<T> child) {
		Objects.requireNonNull(child, "child");
		boolean eager = EagerPolicy.on();
		// an eager pending, finished or not, is a started child: accounted below
		Object o = eager && PublisherOutcome.eagerPending(child) == null ? PublisherOutcome.peek(child) : PublisherOutcome.NOT_RESOLVED;
		if (o != PublisherOutcome.NOT_RESOLVED) {
			// resolved before it starts: nothing runs, nothing is registered
			Throwable e = PublisherOutcome.error(o);
			if (e == null) {
				if (isClosed()) {
					throw new GroupClosedException();
				}
				Trampoline.count(EagerOperator.FORK, EagerStats.Kind.INLINE);
				return child;
			}
			reserve();
			Trampoline.count(EagerOperator.FORK, EagerStats.Kind.INLINE);
			release(null, e, false);
			return child;
		}
		// a nested group forked by the body, on the body's thread, needs no place of its own in the
		// count while it runs here: the body holds one until it returns. It takes one if it waits.
		boolean owned = eager && child instanceof EagerGroup && bodyThread == Thread.currentThread();
		if (owned) {
			if (isClosed()) {
				throw new GroupClosedException();
			}
		}
		else {
			reserve();
		}
		MonoPending<T> p = (MonoPending<T>) PublisherOutcome.eagerPending(child);
		if (p == null) {
			Executor x = Trampoline.current().spendOrYield(EagerOperator.FORK);
			if (eager && x == null && child instanceof EagerGroup<T> g) {
				// a nested group runs here, without a subscriber: resolved at once unless it waits
				Mono<T> r = forkGroup(g, owned);
				p = (MonoPending<T>) PublisherOutcome.eagerPending(r);
				if (p == null) {
					return r;
				}
			}
			else {
				if (owned) {
					hold();
				}
				try {
					p = MonoPending.startLazy(EagerOperator.FORK, child, context, x);
				}
				catch (Throwable t) {
					// a misbehaving source threw from subscribe(): its failure is the child's outcome
					Exceptions.throwIfFatal(t);
					Trampoline.count(EagerOperator.FORK, EagerStats.Kind.INLINE);
					release(null, Exceptions.unwrap(t), false);
					return MonoResolved.ofError(Exceptions.unwrap(t));
				}
			}
		}
		if (p.isDone()) {
			// finished inside fork, before it was registered: accounted here, registered never
			Trampoline.count(EagerOperator.FORK, EagerStats.Kind.INLINE);
			if (p.error != null) {
				p.observed();
			}
			release(null, p.error, false);
			return p;
		}
		ChildEntry c = new ChildEntry(this, p);
		push(c);
		if (state(ctl) != OPEN) {
			// the group closed while this child was starting (a concurrent cancel, a sibling's
			// failure, or the child itself cancelling the group): it must not outlive the group.
			// Its entry resumes with the cancellation below, and is not counted as suspended.
			p.cancel(cancellation());
		}
		else {
			Trampoline.count(EagerOperator.FORK, EagerStats.Kind.SUSPENDED);
		}
		if (!p.addWaiter(c)) {
			c.resume(p.value, p.error);
		}
		return p;
	}

	/**
	 * Takes one place in the count for a child the body started, closed or not: the body's own
	 * place keeps the count above zero, so the group cannot have finished.
	 */
	private void hold() {
		CTL.getAndIncrement(this);
	}

	/** Takes one place in the count for a part about to start; throws if the group is closed. */
	private void reserve() {
		for (;;) {
			long c = ctl;
			if (closed(c)) {
				throw new GroupClosedException();
			}
			if (CTL.compareAndSet(this, c, c + 1)) {
				return;
			}
		}
	}

	// ---------------------------------------------------------------- a nested group, forked

	/**
	 * Runs a forked nested group on this thread (what subscribing it would do, without the
	 * subscriber, its Subscription and the pending value): the resolved Mono of its outcome when
	 * it finished at once (accounted here), else the pending value the inner run will complete,
	 * which the caller registers as a child. With {@code owned}, the caller took no place in the
	 * count for it (see {@link #fork}): one is taken here if it waits.
	 */
	@SuppressWarnings("unchecked")
	private <T> Mono<T> forkGroup(EagerGroup<T> g, boolean owned) {
		Trampoline.count(EagerOperator.FORK, EagerStats.Kind.LAZY_SUBSCRIPTION);
		Trampoline.count(EagerOperator.GROUP, EagerStats.Kind.LAZY_SUBSCRIPTION);
		TaskGroupRun<T> inner = new TaskGroupRun<>(EagerThreadLocals.capture(context));
		inner.forker = Thread.currentThread();
		inner.runBody(g.body);
		inner.forker = null;
		if (inner.sink != TERMINATED) {
			if (owned) {
				hold();
			}
			MonoPending<T> p = new MonoPending<>(EagerOperator.FORK, null, inner.context);
			p.setUpstream((Runnable) inner::onCancel);
			if (!SINK.compareAndSet(inner, null, p)) {
				// finished between the two reads: nothing waits on p yet, it is done at once
				p.tryComplete((T) inner.bodyValue, inner.error);
			}
			return p;
		}
		Trampoline.count(EagerOperator.FORK, EagerStats.Kind.INLINE);
		Throwable e = inner.error;
		if (!owned) {
			release(null, e, false);
		}
		else if (e != null && !isOwnCancellation(e)) {
			fail(e);
		}
		Object v = inner.bodyValue;
		Mono<?> b = inner.resolvedBody;
		if (v != null && b != null) {
			// the body's own resolved Mono carries the outcome: no new one
			return (Mono<T>) b;
		}
		return MonoResolved.of((T) v, e);
	}

	// ---------------------------------------------------------------- body

	/** Runs the body on the calling thread and adopts the Mono it returns. */
	@SuppressWarnings("unchecked")
	void runBody(Function<? super TaskGroup, ? extends Mono<? extends R>> fn) {
		if (state(ctl) == CANCELLED) {
			// cancelled from onSubscribe: the body never runs
			return;
		}
		Mono<? extends R> m;
		bodyThread = Thread.currentThread();
		try {
			m = fn.apply(this);
			if (m == null) {
				throw new NullPointerException("The body returned a null Mono");
			}
		}
		catch (Throwable t) {
			Exceptions.throwIfFatal(t);
			bodyThread = null;
			release(null, t, true);
			return;
		}
		bodyThread = null;
		Mono<Object> b = (Mono<Object>) m;
		MonoPending<Object> started = (MonoPending<Object>) PublisherOutcome.eagerPending(b);
		boolean ours = PublisherOutcome.isEagerResolved(b);
		boolean resolved = started == null && PublisherOutcome.isScalar(b) && (ours || EagerPolicy.on());
		if (isClosed() && started == null && !resolved) {
			// failing or cancelled while the body ran: a lazy body is never subscribed (a resolved
			// one is finished below, its value discarded; a pending one is released below, which
			// cancels it unless someone else observes it)
			release(null, null, true);
			return;
		}
		Object o = ours || (EagerPolicy.on() && started == null) ? PublisherOutcome.peek(b) : PublisherOutcome.NOT_RESOLVED;
		if (o != PublisherOutcome.NOT_RESOLVED) {
			if (ours) {
				resolvedBody = b;
			}
			release(PublisherOutcome.value(o), PublisherOutcome.error(o), true);
			return;
		}
		MonoPending<Object> p = started != null ? started : MonoPending.startLazy(EagerOperator.GROUP, b, context);
		if (p.isDone()) {
			if (p.error != null) {
				p.observed();
			}
			release(p.value, p.error, true);
			return;
		}
		TaskGroupBodyWaiter w = new TaskGroupBodyWaiter(this, p);
		body = w;
		if (state(ctl) != OPEN) {
			// closed before the body's pending could be awaited: it must not outlive the group, so
			// it is registered and released at once (cancelled unless someone else observes it)
			if (p.addWaiter(w)) {
				w.detach();
			}
			else {
				w.resume(p.value, p.error);
			}
			return;
		}
		Trampoline.count(EagerOperator.GROUP, EagerStats.Kind.SUSPENDED);
		if (!p.addWaiter(w)) {
			w.resume(p.value, p.error);
		}
		else if (state(ctl) != OPEN) {
			// closed between publishing the body and registering on it
			w.detach();
		}
	}

	// ---------------------------------------------------------------- accounting

	/**
	 * One of the running parts finished: the body ({@code isBody}) or a child. Its failure is
	 * recorded first, then its place in the count released; the release that reaches zero
	 * terminates the group.
	 */
	@Override
	void release(@Nullable Object v, @Nullable Throwable e, boolean isBody) {
		if (e != null && !isOwnCancellation(e)) {
			fail(e);
		}
		if (isBody && e == null && v != null) {
			bodyValue = v;
		}
		for (;;) {
			long c = ctl;
			long n = c - 1;
			boolean last = (n & ACTIVE) == 0;
			if (last) {
				n |= FINISHED;
			}
			if (CTL.compareAndSet(this, c, n)) {
				if (last) {
					terminate(state(n));
				}
				return;
			}
		}
	}

	/** A genuine failure: the first is the error, later ones suppressed; the first closes the group. */
	private void fail(Throwable e) {
		boolean cancelOthers = false;
		boolean dropped = false;
		synchronized (this) {
			if (state(ctl) == CANCELLED) {
				dropped = true;
			}
			else {
				if (error == null) {
					error = e;
				}
				else if (error != e && !isSuppressed(error, e)) {
					error.addSuppressed(e);
				}
				cancelOthers = transition(FAILING, false);
			}
		}
		if (dropped) {
			Operators.onErrorDropped(e, context);
		}
		if (cancelOthers) {
			cancelAll();
		}
	}

	/**
	 * Closes the group to {@code to} (under this): from OPEN, or, for a cancellation
	 * ({@code overriding}), from any state but CANCELLED; never once finished. Returns whether it
	 * changed the state.
	 */
	private boolean transition(int to, boolean overriding) {
		for (;;) {
			long c = ctl;
			int s = state(c);
			if ((c & FINISHED) != 0 || (overriding ? s == to : s != OPEN)) {
				return false;
			}
			if (CTL.compareAndSet(this, c, (c & ~STATE) | ((long) to << STATE_SHIFT))) {
				return true;
			}
		}
	}

	/** Our own cancellations, and forks refused because we closed, are not failures. */
	private boolean isOwnCancellation(Throwable e) {
		return e instanceof TaskGroupCancellation || (e instanceof GroupClosedException && state(ctl) != OPEN);
	}

	private static boolean isSuppressed(Throwable error, Throwable e) {
		for (Throwable s : error.getSuppressed()) {
			if (s == e) {
				return true;
			}
		}
		return false;
	}

	/** Nothing is left running: decides the outcome and hands it to the sink (if there is one yet). */
	private void terminate(int s) {
		Object v = bodyValue;
		if (v != null && (s == CANCELLED || s == STOPPED || error != null)) {
			// cancelled, stopped by cancel() or failed: the body's value is not the outcome
			bodyValue = null;
			resolvedBody = null;
			Operators.onDiscard(v, context);
		}
		if (s == CANCELLED) {
			sink = TERMINATED;
			return;
		}
		if (forker == Thread.currentThread()) {
			// finished inside forkGroup's run of the body, on its thread: no sink can be attached
			// before forkGroup reads this
			SINK.lazySet(this, TERMINATED);
			return;
		}
		Object k = SINK.getAndSet(this, TERMINATED);
		if (k != null) {
			deliverTo(k);
		}
	}

	/** Hands the outcome to the sink a subscriber or a parent group attached. */
	@SuppressWarnings("unchecked")
	private void deliverTo(Object k) {
		Object v = bodyValue;
		bodyValue = null;
		if (k instanceof TaskGroupDelivery<?> d) {
			((TaskGroupDelivery<Object>) d).deliver(v, error);
		}
		else if (!((MonoPending<Object>) k).tryComplete(v, error)) {
			OutcomeSubscriber.refuse(v, error, context);
		}
	}

	/** Attaches the subscriber's Subscription before the body runs. */
	void attach(TaskGroupDelivery<R> d) {
		sink = d;
	}

	private synchronized TaskGroupCancellation cancellation() {
		TaskGroupCancellation c = cancellation;
		if (c == null) {
			int s = state(ctl);
			c = new TaskGroupCancellation(s == CANCELLED ? "cancelled by its task group: the group was cancelled"
					: s == STOPPED ? "cancelled by its task group: TaskGroup.cancel() was called"
					: "cancelled by its task group: a sibling or the body failed");
			cancellation = c;
		}
		return c;
	}

	/** Cancels every registered child and stops awaiting the body; called after closing. */
	private void cancelAll() {
		cancelChildren(cancellation());
		TaskGroupBodyWaiter b = body;
		if (b != null) {
			b.detach();
		}
	}

	/** The group's subscriber (or the pending value a parent forked) cancelled: cancel everything, signal nothing. */
	void onCancel() {
		synchronized (this) {
			if (!transition(CANCELLED, true)) {
				return;
			}
		}
		cancelAll();
	}

	@Override
	public String toString() {
		return "TaskGroup" + (isClosed() ? "(closed)" : "(open)");
	}

	/** Thrown by {@link #fork} on a closed group. */
	static final class GroupClosedException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		GroupClosedException() {
			super("the task group is closed (failing, cancelled or finished): the child was not started");
		}
	}
}
