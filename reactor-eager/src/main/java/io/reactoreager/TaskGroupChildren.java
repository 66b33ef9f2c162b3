package io.reactoreager;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import reactor.util.annotation.Nullable;

/**
 * The registered pending children of a task group, kept so that the group can cancel them: a
 * lock-free stack of {@link ChildEntry}s, each also the continuation its child resumes. A pending
 * child is pushed with one compare-and-set; a finished child only clears its entry, which stops
 * holding the child (and its value). Entries of finished children are unlinked lazily: a push
 * skips the finished entries on top of the stack, and every {@value #PRUNE_EVERY} pushes one
 * thread at a time unlinks the finished entries further down.
 *
 * <p>Why unlinking is safe without a lock on the pushes: a push writes only the new entry's
 * {@code next} and the head; the pruner (one at a time, under the monitor) rewrites only the
 * {@code next} of entries already in the stack, and only to skip a finished one. Entries never
 * come back to life, so every chain anyone reads, however stale, still reaches every entry whose
 * child is running. Those racing plain reads of {@code next} and {@code pending} are benign for
 * that reason: the worst a stale read does is cancel a child that has already finished, which
 * does nothing.
 *
 * <p>It must never drop the entry of a running child, and never call user code.
 */
abstract class TaskGroupChildren {

	/** Pushes between two prunes of the stack. */
	static final int PRUNE_EVERY = 1024;

	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<TaskGroupChildren, ChildEntry> HEAD =
			AtomicReferenceFieldUpdater.newUpdater(TaskGroupChildren.class, ChildEntry.class, "head");

	@Nullable
	private volatile ChildEntry head;

	/** Pushes since the last prune: a heuristic, so a lost racing update only delays a prune. */
	private int pushes;

	/** A registered child finished (a cancellation the group caused included). */
	abstract void release(@Nullable Object v, @Nullable Throwable e, boolean isBody);

	/** Registers a pending child's entry before its continuation is added. */
	final void push(ChildEntry c) {
		for (;;) {
			ChildEntry h = head;
			c.next = firstRunning(h);
			if (HEAD.compareAndSet(this, h, c)) {
				break;
			}
		}
		if (++pushes >= PRUNE_EVERY) {
			pushes = 0;
			prune();
		}
	}

	@Nullable
	private static ChildEntry firstRunning(@Nullable ChildEntry e) {
		while (e != null && e.pending == null) {
			e = e.next;
		}
		return e;
	}

	/** Unlinks the entries of finished children below the head. */
	private synchronized void prune() {
		ChildEntry prev = head;
		if (prev == null) {
			return;
		}
		for (ChildEntry e = prev.next; e != null; e = e.next) {
			if (e.pending == null) {
				prev.next = e.next;
			}
			else {
				prev = e;
			}
		}
	}

	/** Cancels every registered child that is still running (after the group closed). */
	final void cancelChildren(CancellationException reason) {
		for (ChildEntry e = head; e != null; e = e.next) {
			MonoPending<?> p = e.pending;
			if (p != null) {
				// completes the child with the cancellation, which resumes its entry
				p.cancel(reason);
			}
		}
	}

	/** The number of children registered and running now (for tests). */
	final int registeredChildren() {
		int n = 0;
		for (ChildEntry e = head; e != null; e = e.next) {
			MonoPending<?> p = e.pending;
			if (p != null && !p.isDone()) {
				n++;
			}
		}
		return n;
	}

	/** The number of entries linked now, finished children's included (for tests). */
	final int linkedEntries() {
		int n = 0;
		for (ChildEntry e = head; e != null; e = e.next) {
			n++;
		}
		return n;
	}

	/** The continuation of one registered pending child, and its node in the stack. */
	static final class ChildEntry implements Waiter {

		final TaskGroupChildren group;
		/** The child while it runs; cleared when it finishes, so that a finished child is not held. */
		@Nullable
		MonoPending<?> pending;
		@Nullable
		ChildEntry next;

		ChildEntry(TaskGroupChildren group, MonoPending<?> pending) {
			this.group = group;
			this.pending = pending;
		}

		@Override
		public void resume(@Nullable Object value, @Nullable Throwable error) {
			pending = null;
			group.release(null, error, false);
		}

		@Override
		public EagerOperator operator() {
			return EagerOperator.FORK;
		}
	}
}
