package io.reactoreager;

import reactor.util.annotation.Nullable;

/**
 * Per-thread state of the eager run loop: how deep eager steps are nested on this stack, the
 * queue of steps deferred past {@link EagerPolicy#maxInlineDepth()}, and this thread's
 * {@link EagerStats} slots.
 *
 * <p>Stack safety works like Cats Effect's run loop and Netty's listener rule: a continuation is
 * run inline while the depth is under the bound; past it, it is queued here and run by the
 * outermost eager frame of this thread once the stack has unwound. It must never recurse past
 * the bound and never hand work to another thread.
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
		if (EagerPolicy.statsEnabled) {
			current().stats.increment(operator, kind);
		}
	}

	/** Counts {@code n} events at once, unless counting is off. */
	static void count(EagerOperator operator, EagerStats.Kind kind, int n) {
		if (EagerPolicy.statsEnabled) {
			current().stats.add(operator, kind, n);
		}
	}

	/** Whether an eager frame may nest once more on this stack. */
	boolean canInline() {
		return depth < EagerPolicy.maxInlineDepth;
	}

	/**
	 * Resumes {@code w} with the outcome inline when the depth allows, else queues it; the
	 * outermost frame drains the queue before it returns.
	 */
	void resume(Waiter w, @Nullable Object value, @Nullable Throwable error) {
		if (depth >= EagerPolicy.maxInlineDepth) {
			defer(w, value, error);
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
		if (EagerPolicy.statsEnabled) {
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
}
