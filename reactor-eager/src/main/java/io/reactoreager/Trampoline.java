package io.reactoreager;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.annotation.Nullable;

/**
 * Per-thread state of the eager run loop: how deep eager steps are nested on this stack, the
 * queue of steps deferred past {@link EagerPolicy#maxInlineDepth()}, and this thread's
 * {@link EagerStats} slots.
 *
 * <p>Stack safety works like Cats Effect's run loop and Netty's listener rule: a continuation is
 * run inline while the depth is under the bound; past it, it is queued here and run by the
 * outermost eager frame of this thread once the stack has unwound. It must never recurse past
 * the bound.
 *
 * <p>Fairness works like tokio's cooperative budget: each inline completion (a resumed
 * continuation, a drained step, an eager start of lazy work) spends one unit of the thread's
 * {@link EagerPolicy#budget() budget}; once it is spent, the next completion <em>yields</em>: it
 * is handed to the thread's loop executor ({@link io.reactoreager.spi.EagerLoops#setYieldExecutorResolver}) or the
 * fallback {@link Scheduler}, in one {@link YieldBatch} per turn that keeps their order, and the
 * batch resets the budget of the thread that runs it. Only a yield hands work to another
 * thread, and only when the fallback Scheduler's worker is another thread.
 */
final class Trampoline {

	private static final ThreadLocal<Trampoline> CURRENT = ThreadLocal.withInitial(Trampoline::new);

	/**
	 * A direct-mapped cache of trampolines by thread id, in front of the ThreadLocal: the hot path
	 * (one lookup per eager step) is a field read, an array read and a compare. Thread ids are
	 * never reused, so a slot whose id matches belongs to the calling thread; a slot is only ever
	 * written by the thread it is for.
	 */
	private static final int CACHE_SIZE = 1024;
	private static final Trampoline[] CACHE = new Trampoline[CACHE_SIZE];

	/** The id of the thread this trampoline belongs to. */
	final long threadId = Thread.currentThread().getId();

	/** Nesting of eager frames on this thread's stack. */
	int depth;

	/** Deferred resumptions as (waiter, value, error) triples in a ring buffer. */
	private Object[] queue = new Object[3 * 16];
	private int head;
	private int size;

	final EagerStats.Slots stats = new EagerStats.Slots(Thread.currentThread());

	/** {@code stats.counts}, one load closer for the hot path. */
	final long[] counts = stats.counts;

	/** Inline completions since the last loop-turn boundary (the budget spent so far). */
	int inlineRun;

	/** Whether the resolver knows a loop for this thread, valid for {@link #loopVersion}. */
	private boolean loopThread;
	private int loopVersion = -1;

	/** The yield batch of this turn that has not started running yet, if any. */
	@Nullable
	private YieldBatch batch;

	@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
	static Trampoline current() {
		long id = Thread.currentThread().getId();
		Trampoline t = CACHE[(int) id & (CACHE_SIZE - 1)];
		if (t != null && t.threadId == id) {
			return t;
		}
		return slowCurrent(id);
	}

	private static Trampoline slowCurrent(long id) {
		Trampoline t = CURRENT.get();
		int i = (int) id & (CACHE_SIZE - 1);
		Trampoline cached = CACHE[i];
		if (cached == null || !cached.stats.isOwnerAlive()) {
			CACHE[i] = t;
		}
		return t;
	}

	/** Counts one event, unless counting is off. */
	static void count(EagerOperator operator, EagerStats.Kind kind) {
		if (EagerPolicy.counting()) {
			current().stats.increment(operator, kind);
		}
	}

	/**
	 * Counts one inline completion of {@code operator}; the caller has already read that counting
	 * is on (the inline steps read the settings once per step).
	 */
	static void countInline(EagerOperator operator) {
		current().counts[EagerStats.slot(operator, EagerStats.Kind.INLINE)]++;
	}

	/**
	 * Forgets the cached trampoline of a thread that has died (its counts have been retired), so
	 * that the cache does not keep it, its counter array and its queue reachable. A racing write
	 * of a live thread's own entry may be undone here: that thread then takes the slow path once.
	 */
	static void evict(long threadId) {
		int i = (int) threadId & (CACHE_SIZE - 1);
		Trampoline t = CACHE[i];
		if (t != null && t.threadId == threadId) {
			CACHE[i] = null;
		}
	}

	/** Whether an eager frame may nest once more on this stack. */
	boolean canInline() {
		return depth < EagerPolicy.depthBound();
	}

	// ---------------------------------------------------------------- budget

	/** A loop-turn boundary: the budget is whole again. */
	void resetBudget() {
		inlineRun = 0;
	}

	/**
	 * Spends one unit of the budget. Returns {@code false} when it is spent (the caller then
	 * tries to yield). On a thread without a loop the budget spans one outermost eager frame.
	 */
	boolean spend() {
		int b = EagerPolicy.budgetNow();
		if (b == Integer.MAX_VALUE) {
			return true;
		}
		if (depth == 0 && !isLoopThread()) {
			inlineRun = 0;
		}
		if (inlineRun < b) {
			inlineRun++;
			return true;
		}
		return false;
	}

	private boolean isLoopThread() {
		int v = EagerPolicy.yieldResolverVersion;
		if (v != loopVersion) {
			Supplier<? extends Executor> r = EagerPolicy.yieldExecutorResolver;
			loopThread = r != null && r.get() != null;
			loopVersion = v;
		}
		return loopThread;
	}

	/**
	 * Where this thread yields: its loop executor, else the fallback Scheduler on a Reactor
	 * non-blocking thread, else nowhere ({@code null}: the work runs inline).
	 */
	@Nullable
	static Executor yieldExecutor() {
		Supplier<? extends Executor> r = EagerPolicy.yieldExecutorResolver;
		if (r != null) {
			Executor x = r.get();
			if (x != null) {
				return x;
			}
		}
		Scheduler s = EagerPolicy.yieldScheduler;
		if (s != null && Schedulers.isInNonBlockingThread()) {
			return new SchedulerExecutor(s);
		}
		return null;
	}

	/**
	 * Spends one unit of budget for an eager start; when spent, returns the executor the start
	 * must yield to (and counts the yield), else {@code null}: start inline.
	 */
	@Nullable
	Executor spendOrYield(EagerOperator operator) {
		if (spend()) {
			return null;
		}
		Executor x = yieldExecutor();
		if (x != null && EagerPolicy.counting()) {
			stats.increment(operator, EagerStats.Kind.BUDGET_YIELD);
		}
		return x;
	}

	/** Hands a resumption to the thread's loop; {@code false} if there is none (run it inline). */
	private boolean yieldResume(Waiter w, @Nullable Object value, @Nullable Throwable error) {
		Executor x = yieldExecutor();
		if (x == null) {
			return false;
		}
		YieldBatch b = batch;
		if (b == null || !b.executor.equals(x) || !b.add(w, value, error)) {
			b = new YieldBatch(x);
			b.add(w, value, error);
			try {
				x.execute(b);
			}
			catch (RejectedExecutionException ex) {
				// the loop is shutting down: the continuation must not be lost, run it here
				batch = null;
				return false;
			}
			batch = b;
		}
		if (EagerPolicy.counting()) {
			stats.increment(w.operator(), EagerStats.Kind.BUDGET_YIELD);
		}
		return true;
	}

	/**
	 * Resumes {@code w} with the outcome inline when the budget and the depth allow; past the
	 * depth it is queued (the outermost frame drains the queue before it returns); with the
	 * budget spent it yields to the thread's loop.
	 */
	void resume(Waiter w, @Nullable Object value, @Nullable Throwable error) {
		if (depth >= EagerPolicy.depthBound()) {
			// spends its budget when the outermost frame drains it
			defer(w, value, error);
			return;
		}
		if (!spend() && yieldResume(w, value, error)) {
			return;
		}
		depth++;
		try {
			w.resume(value, error);
		}
		finally {
			exit();
		}
	}

	/** Queues a resumption to run after the stack unwinds; counted as trampolined. */
	void defer(Waiter w, @Nullable Object value, @Nullable Throwable error) {
		if (EagerPolicy.counting()) {
			stats.increment(w.operator(), EagerStats.Kind.TRAMPOLINED);
		}
		if (3 * size == queue.length) {
			grow();
		}
		int i = (head + 3 * size) % queue.length;
		queue[i] = w;
		queue[i + 1] = value;
		queue[i + 2] = error;
		size++;
	}

	/** Leaves an eager frame; the outermost frame drains what was deferred. */
	void exit() {
		if (--depth == 0 && size != 0) {
			drain();
		}
	}

	private void drain() {
		depth = 1;
		try {
			while (size != 0) {
				Object[] q = queue;
				int i = head;
				Waiter w = (Waiter) q[i];
				Object value = q[i + 1];
				Throwable error = (Throwable) q[i + 2];
				q[i] = null;
				q[i + 1] = null;
				q[i + 2] = null;
				head = (i + 3) % q.length;
				size--;
				if (!spend() && yieldResume(w, value, error)) {
					continue;
				}
				w.resume(value, error);
			}
		}
		finally {
			depth = 0;
		}
	}

	private void grow() {
		Object[] q = new Object[queue.length * 2];
		for (int k = 0; k < size; k++) {
			int from = (head + 3 * k) % queue.length;
			System.arraycopy(queue, from, q, 3 * k, 3);
		}
		queue = q;
		head = 0;
	}

	/**
	 * The continuations one thread yielded during one loop turn, run in order by one task on its
	 * loop. The task resets the budget of the thread that runs it (control has returned to the
	 * loop) and resumes each continuation through that thread's trampoline, so the budget keeps
	 * applying: what does not fit is yielded again.
	 */
	static final class YieldBatch implements Runnable {

		final Executor executor;
		@Nullable
		private Object[] items = new Object[3 * 4];
		private int size;

		YieldBatch(Executor executor) {
			this.executor = executor;
		}

		/** Appends a resumption unless the batch has started running. */
		synchronized boolean add(Waiter w, @Nullable Object value, @Nullable Throwable error) {
			Object[] a = items;
			if (a == null) {
				return false;
			}
			if (3 * size == a.length) {
				Object[] b = new Object[a.length * 2];
				System.arraycopy(a, 0, b, 0, a.length);
				items = a = b;
			}
			a[3 * size] = w;
			a[3 * size + 1] = value;
			a[3 * size + 2] = error;
			size++;
			return true;
		}

		@Override
		public void run() {
			Object[] a;
			int n;
			synchronized (this) {
				a = items;
				n = size;
				items = null;
			}
			Trampoline t = current();
			t.resetBudget();
			for (int i = 0; i < n; i++) {
				t.resume((Waiter) a[3 * i], a[3 * i + 1], (Throwable) a[3 * i + 2]);
			}
		}
	}

	/** A Reactor Scheduler seen as an Executor, for the fallback yield. */
	record SchedulerExecutor(Scheduler scheduler) implements Executor {

		@Override
		public void execute(Runnable task) {
			scheduler.schedule(task);
		}
	}
}
