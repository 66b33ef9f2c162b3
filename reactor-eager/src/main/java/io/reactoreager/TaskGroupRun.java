package io.reactoreager;

import java.util.Objects;
import java.util.function.Function;

import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * One run of a task group: the state behind the {@link TaskGroup} handed to the body
 * ({@link #handle}) and the Subscription of the group's subscriber. It counts what is still running ({@link #active}: the body, every
 * registered pending child, every fork in progress), keeps the registered children in an
 * intrusive list so that it can cancel them, records the first failure (the rest are added to it
 * as suppressed), and terminates the subscriber when nothing is left running.
 *
 * <p>Rules it keeps, whatever the interleaving (cpython gh-97696, #128550, #155418):
 * <ul>
 *   <li>a child that finishes inside {@link #fork}, before it could be registered, is accounted
 *       like any other: its failure fails the group and cancels its siblings;</li>
 *   <li>a fork reserves its place ({@code active++}) under the lock <em>before</em> the child
 *       starts, and registers it under the lock after; a child whose group closed meanwhile is
 *       cancelled at once, and a fork that finds the group closed starts nothing;</li>
 *   <li>the group terminates only when {@code active} reaches zero, so no child outlives it.</li>
 * </ul>
 * State is guarded by {@code this}; no user code ever runs under the lock.
 */
final class TaskGroupRun<R> extends MonoDelivery<R> {

	private static final int OPEN = 0;
	private static final int FAILING = 1;
	private static final int CANCELLED = 2;
	/** Stopped from inside with {@link #cancel()}: completes empty unless something failed. */
	private static final int STOPPED = 3;

	final Context context;

	/** OPEN, FAILING, CANCELLED or STOPPED; guarded by this. */
	private int state;
	/** Closed to new children (not OPEN, or finished); written under this. */
	private volatile boolean closed;
	/** The body, registered pending children, forks in progress; guarded by this. */
	private int active = 1;
	private boolean finished;

	@Nullable
	private Throwable error;
	@Nullable
	private ChildEntry head;

	@Nullable
	private BodyWaiter body;
	@Nullable
	private Object bodyValue;

	@Nullable
	private TaskGroupCancellation cancellation;

	/** What the body and the children see: TaskGroup's {@code cancel()} is not the Subscription's. */
	final Handle handle = new Handle(this);

	TaskGroupRun(CoreSubscriber<? super R> actual, Context context) {
		super(actual);
		this.context = context;
	}

	// ---------------------------------------------------------------- TaskGroup

	boolean isClosed() {
		return closed;
	}

	@SuppressWarnings("unchecked")
	<T> Mono<T> fork(Mono<T> child) {
		Objects.requireNonNull(child, "child");
		boolean eager = EagerPolicy.on();
		// an eager pending, finished or not, is a started child: accounted below
		Object o = eager && PublisherOutcome.eagerPending(child) == null ? PublisherOutcome.peek(child) : PublisherOutcome.NOT_RESOLVED;
		if (o != PublisherOutcome.NOT_RESOLVED) {
			// resolved before it starts: nothing runs, nothing is registered
			Throwable e = PublisherOutcome.error(o);
			if (e == null) {
				if (closed) {
					throw closedError();
				}
				Trampoline.count(EagerOperator.FORK, EagerStats.Kind.INLINE);
				return child;
			}
			synchronized (this) {
				if (closed) {
					throw closedError();
				}
				active++;
			}
			Trampoline.count(EagerOperator.FORK, EagerStats.Kind.INLINE);
			finishOne(null, e);
			return child;
		}
		synchronized (this) {
			if (closed) {
				throw closedError();
			}
			active++;
		}
		Mono<T> started = (MonoPending<T>) PublisherOutcome.eagerPending(child);
		if (started == null) {
			try {
				started = MonoPending.startLazy(EagerOperator.FORK, child, context);
			}
			catch (Throwable t) {
				// a misbehaving source threw from subscribe(): its failure is the child's outcome
				Exceptions.throwIfFatal(t);
				Trampoline.count(EagerOperator.FORK, EagerStats.Kind.INLINE);
				finishOne(null, Exceptions.unwrap(t));
				return MonoResolved.ofError(Exceptions.unwrap(t));
			}
		}
		MonoPending<T> p = (MonoPending<T>) started;
		if (p.isDone()) {
			// finished inside fork, before it was registered: accounted here, registered never
			Trampoline.count(EagerOperator.FORK, EagerStats.Kind.INLINE);
			if (p.error != null) {
				p.observed();
			}
			finishOne(null, p.error);
			return p;
		}
		ChildEntry c = new ChildEntry(this, p);
		boolean cancelNow;
		synchronized (this) {
			cancelNow = state != OPEN;
			if (!cancelNow) {
				link(c);
			}
		}
		if (cancelNow) {
			// the group closed while this child was starting (a concurrent cancel, a sibling's
			// failure, or the child itself cancelling the group): it must not outlive the group
			p.cancel(cancellation());
			if (p.error != null) {
				p.observed();
			}
			finishOne(null, p.isDone() ? p.error : null);
			return p;
		}
		Trampoline.count(EagerOperator.FORK, EagerStats.Kind.SUSPENDED);
		if (!p.addWaiter(c)) {
			c.resume(p.value, p.error);
		}
		return p;
	}

	/** {@link TaskGroup#cancel()}. */
	void stop() {
		synchronized (this) {
			if (finished || state != OPEN) {
				return;
			}
			state = STOPPED;
			closed = true;
		}
		cancelAll();
	}

	private IllegalStateException closedError() {
		return new GroupClosedException();
	}

	// ---------------------------------------------------------------- body

	/** Runs the body on the subscribing thread and adopts the Mono it returns. */
	@SuppressWarnings("unchecked")
	void runBody(Function<? super TaskGroup, ? extends Mono<? extends R>> fn) {
		if (isCancelled()) {
			// cancelled from onSubscribe: onCancel already closed the group
			return;
		}
		Mono<? extends R> m;
		try {
			m = fn.apply(handle);
			if (m == null) {
				throw new NullPointerException("The body returned a null Mono");
			}
		}
		catch (Throwable t) {
			Exceptions.throwIfFatal(t);
			finishOne(null, t, true);
			return;
		}
		Mono<Object> b = (Mono<Object>) m;
		MonoPending<Object> started = (MonoPending<Object>) PublisherOutcome.eagerPending(b);
		boolean ours = PublisherOutcome.isEagerResolved(b);
		boolean resolved = started == null && PublisherOutcome.isScalar(b) && (ours || EagerPolicy.on());
		if (closed && started == null && !resolved) {
			// failing or cancelled while the body ran: a lazy body is never subscribed (a resolved
			// one is finished below, its value discarded; a pending one is released below, which
			// cancels it unless someone else observes it)
			finishOne(null, null, true);
			return;
		}
		Object o = ours || (EagerPolicy.on() && started == null) ? PublisherOutcome.peek(b) : PublisherOutcome.NOT_RESOLVED;
		if (o != PublisherOutcome.NOT_RESOLVED) {
			finishOne(PublisherOutcome.value(o), PublisherOutcome.error(o), true);
			return;
		}
		MonoPending<Object> p = started != null ? started : MonoPending.startLazy(EagerOperator.GROUP, b, context);
		if (p.isDone()) {
			if (p.error != null) {
				p.observed();
			}
			finishOne(p.value, p.error, true);
			return;
		}
		BodyWaiter w = new BodyWaiter(this, p);
		boolean open;
		synchronized (this) {
			open = state == OPEN;
			if (open) {
				body = w;
			}
		}
		if (!open) {
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
		else if (closed) {
			// closed between publishing the body and registering on it
			w.detach();
		}
	}

	// ---------------------------------------------------------------- accounting

	private void finishOne(@Nullable Object v, @Nullable Throwable e) {
		finishOne(v, e, false);
	}

	/** One of the active parts finished: the body ({@code isBody}) or a child. */
	private void finishOne(@Nullable Object v, @Nullable Throwable e, boolean isBody) {
		boolean cancelOthers = false;
		boolean terminate = false;
		Throwable dropped = null;
		synchronized (this) {
			if (e != null && !isOwnCancellation(e)) {
				if (state == CANCELLED) {
					dropped = e;
				}
				else {
					if (error == null) {
						error = e;
					}
					else if (error != e && !isSuppressed(error, e)) {
						error.addSuppressed(e);
					}
					if (state == OPEN) {
						state = FAILING;
						closed = true;
						cancelOthers = true;
					}
				}
			}
			if (isBody && e == null && v != null) {
				bodyValue = v;
			}
			if (--active == 0 && !finished) {
				finished = true;
				closed = true;
				terminate = true;
			}
		}
		if (dropped != null) {
			Operators.onErrorDropped(dropped, context);
		}
		if (cancelOthers) {
			cancelAll();
		}
		if (terminate) {
			terminate();
		}
	}

	/** Our own cancellations, and forks refused because we closed, are not failures. */
	private boolean isOwnCancellation(Throwable e) {
		return e instanceof TaskGroupCancellation || (e instanceof GroupClosedException && state != OPEN);
	}

	private static boolean isSuppressed(Throwable error, Throwable e) {
		for (Throwable s : error.getSuppressed()) {
			if (s == e) {
				return true;
			}
		}
		return false;
	}

	@SuppressWarnings("unchecked")
	private void terminate() {
		Object v;
		Throwable e;
		int s;
		synchronized (this) {
			v = bodyValue;
			bodyValue = null;
			e = error;
			s = state;
		}
		if (s == CANCELLED) {
			if (v != null) {
				Operators.onDiscard(v, context);
			}
			return;
		}
		if (s == STOPPED && e == null) {
			// stopped by cancel(): the body's value, if any, is not the group's outcome
			if (v != null) {
				Operators.onDiscard(v, context);
			}
			deliver(null, null);
			return;
		}
		if (e != null) {
			if (v != null) {
				Operators.onDiscard(v, context);
			}
			deliverError(e);
		}
		else {
			deliver((R) v, null);
		}
	}

	private synchronized TaskGroupCancellation cancellation() {
		TaskGroupCancellation c = cancellation;
		if (c == null) {
			c = new TaskGroupCancellation(state == CANCELLED ? "cancelled by its task group: the group was cancelled"
					: state == STOPPED ? "cancelled by its task group: TaskGroup.cancel() was called"
					: "cancelled by its task group: a sibling or the body failed");
			cancellation = c;
		}
		return c;
	}

	/** Cancels every registered child and stops awaiting the body; called once, after closing. */
	private void cancelAll() {
		ChildEntry[] children;
		BodyWaiter b;
		TaskGroupCancellation reason = cancellation();
		synchronized (this) {
			int n = 0;
			for (ChildEntry c = head; c != null; c = c.next) {
				n++;
			}
			children = new ChildEntry[n];
			int i = 0;
			for (ChildEntry c = head; c != null; c = c.next) {
				children[i++] = c;
			}
			b = body;
		}
		for (ChildEntry c : children) {
			// completes the child with the cancellation, which resumes c and unregisters it
			c.pending.cancel(reason);
		}
		if (b != null) {
			b.detach();
		}
	}

	/** The group's subscriber cancelled: cancel everything, signal nothing. */
	@Override
	void onCancel() {
		synchronized (this) {
			if (finished || state == CANCELLED) {
				return;
			}
			state = CANCELLED;
			closed = true;
		}
		cancelAll();
	}

	// ---------------------------------------------------------------- children list

	private void link(ChildEntry c) {
		c.next = head;
		if (head != null) {
			head.prev = c;
		}
		head = c;
		c.linked = true;
	}

	private void unlink(ChildEntry c) {
		if (!c.linked) {
			return;
		}
		c.linked = false;
		if (c.prev != null) {
			c.prev.next = c.next;
		}
		else {
			head = c.next;
		}
		if (c.next != null) {
			c.next.prev = c.prev;
		}
		c.prev = null;
		c.next = null;
	}

	/** The number of children registered now (for tests). */
	synchronized int registeredChildren() {
		int n = 0;
		for (ChildEntry c = head; c != null; c = c.next) {
			n++;
		}
		return n;
	}

	void childDone(ChildEntry c, @Nullable Throwable e) {
		synchronized (this) {
			unlink(c);
		}
		finishOne(null, e);
	}

	/** The continuation of one registered pending child, and its node in the group's list. */
	static final class ChildEntry implements Waiter {

		final TaskGroupRun<?> group;
		final MonoPending<?> pending;
		@Nullable
		ChildEntry prev;
		@Nullable
		ChildEntry next;
		boolean linked;

		ChildEntry(TaskGroupRun<?> group, MonoPending<?> pending) {
			this.group = group;
			this.pending = pending;
		}

		@Override
		public void resume(@Nullable Object value, @Nullable Throwable error) {
			group.childDone(this, error);
		}

		@Override
		public EagerOperator operator() {
			return EagerOperator.FORK;
		}
	}

	/** The continuation on a pending body: finishes the body exactly once, or detaches from it. */
	static final class BodyWaiter implements Waiter {

		final TaskGroupRun<?> group;
		final MonoPending<Object> pending;
		private boolean done;

		BodyWaiter(TaskGroupRun<?> group, MonoPending<Object> pending) {
			this.group = group;
			this.pending = pending;
		}

		private synchronized boolean claim() {
			if (done) {
				return false;
			}
			done = true;
			return true;
		}

		@Override
		public void resume(@Nullable Object value, @Nullable Throwable error) {
			if (claim()) {
				group.finishOne(value, error, true);
			}
		}

		/** Stops awaiting the body (cancelling it if nobody else observes it); the body is finished. */
		void detach() {
			if (claim()) {
				pending.removeWaiter(this);
				group.finishOne(null, null, true);
			}
		}

		@Override
		public EagerOperator operator() {
			return EagerOperator.GROUP;
		}
	}

	/** The TaskGroup the body and the children use. */
	static final class Handle implements TaskGroup {

		final TaskGroupRun<?> run;

		Handle(TaskGroupRun<?> run) {
			this.run = run;
		}

		@Override
		public <T> Mono<T> fork(Mono<T> child) {
			return run.fork(child);
		}

		@Override
		public void cancel() {
			run.stop();
		}

		@Override
		public boolean isClosed() {
			return run.isClosed();
		}

		@Override
		public ContextView context() {
			return run.context;
		}

		@Override
		public String toString() {
			return "TaskGroup" + (run.isClosed() ? "(closed)" : "(open)");
		}
	}

	/** Thrown by {@link #fork} on a closed group. */
	static final class GroupClosedException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		GroupClosedException() {
			super("the task group is closed (failing, cancelled or finished): the child was not started");
		}
	}
}
