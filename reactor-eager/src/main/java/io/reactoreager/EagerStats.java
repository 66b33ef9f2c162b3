package io.reactoreager;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cheap in-process counters of what the eager operators did, by {@link EagerOperator} and
 * {@link Kind}. Counters only grow; take two {@link #snapshot() snapshots} and subtract to measure
 * an interval.
 *
 * <p><b>Counting is off</b> until something turns it on: binding the Micrometer binder of
 * {@code reactor-eager-micrometer} does, as does {@link EagerPolicy#setStatsEnabled(boolean)} or
 * the system property {@value EagerPolicy#STATS_PROPERTY}. With it off the hot path pays nothing
 * (the check folds to a constant in compiled code) and the counters stay where they were.
 *
 * <p>With it on, each event is a plain increment of a slot of the calling thread's own counter
 * array (one writer, no CAS, no lock, no Micrometer). Reads sum one slot over the threads'
 * arrays, without a lock. A thread's array is retired when the thread has died: its counts are
 * added to a total kept for dead threads and the array is dropped, so threads that come and go
 * (elastic schedulers, a thread per task) retain no memory here. Retiring is checked whenever a
 * new thread starts counting (amortised, so that at most about twice as many arrays as live
 * counting threads are ever held) and at each {@link #snapshot()}.
 *
 * <p>Exact: a count made before a read, on any thread, in the sense of Java's happens-before (the
 * counting thread was joined, or handed its result to the reader) is in the read, whether its
 * thread still lives or not. A read that races with increments on other threads may miss the
 * most recent of them, never sees a torn value, and never sees a counter go down.
 */
public final class EagerStats {

	/** What happened: the {@code outcome} of a step, or a child fused into a join. */
	public enum Kind {
		/** A step ran inline on a resolved outcome: no subscriber, no continuation. */
		INLINE("inline"),
		/** A continuation was registered on a pending input: the step waits. */
		SUSPENDED("suspended"),
		/** A lazy input was subscribed. */
		LAZY_SUBSCRIPTION("lazy"),
		/**
		 * A continuation went past the inline depth bound and was deferred to the thread's
		 * trampoline (counted in addition to how the step met its input).
		 */
		TRAMPOLINED("deferred"),
		/**
		 * The fairness budget was spent and a completion yielded to the thread's executor (counted
		 * in addition to how the step met its input).
		 */
		BUDGET_YIELD("yielded"),
		/**
		 * A child of a join ({@code zip}, {@code when}, {@code gather}) completed inline, read on the
		 * spot without a subscription: counted once per child, beside the join's one {@link #INLINE}.
		 */
		FUSED_CHILD("fused");

		private final String tagValue;

		Kind(String tagValue) {
			this.tagValue = tagValue;
		}

		/**
		 * The kind's name in metrics: the value of the {@code outcome} tag of a step, or
		 * {@code "fused"} for a fused child.
		 *
		 * @return e.g. {@code "inline"}, {@code "deferred"}
		 */
		public String tagValue() {
			return tagValue;
		}
	}

	static final EagerOperator[] OPERATORS = EagerOperator.values();
	static final Kind[] KINDS = Kind.values();
	static final int SLOTS = OPERATORS.length * KINDS.length;

	private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

	/** Sweeps run only when this many threads have registered since the last one, or more. */
	static final int MIN_REGISTRATIONS_PER_SWEEP = 64;

	/** Guards registration and retiring; never taken by an increment, and by a read only when it overlaps a sweep. */
	private static final Object LOCK = new Object();

	/** The counter arrays of threads not yet seen dead; replaced, never modified (copy on write). */
	private static volatile Slots[] live = new Slots[0];

	/** The counts of retired (dead) threads; written under {@link #LOCK} inside an odd {@link #version}. */
	private static final long[] RETIRED = new long[SLOTS];

	/**
	 * Even while no retiring is in progress; incremented before and after counts move from a dead
	 * thread's array to {@link #RETIRED}, so that a read that overlapped a move reads again
	 * under the lock (a sequence lock: readers never block registration or increments).
	 */
	private static volatile long version;

	/** Registrations since the last sweep, and how many arrays the last sweep kept (under LOCK). */
	private static int registrationsSinceSweep;
	private static int keptBySweep;

	private EagerStats() {
	}

	/**
	 * The current total of one counter, over all threads.
	 *
	 * @param operator the operator, not null
	 * @param kind what happened, not null
	 * @return the count since counting was first turned on
	 */
	public static long count(EagerOperator operator, Kind kind) {
		return read(operator, kind);
	}

	/**
	 * The current total of one counter, over all threads, read without building a snapshot and,
	 * unless it overlaps the retiring of dead threads' arrays, without a lock: it sums one slot
	 * of each thread's array and allocates nothing. Meant for
	 * metrics read on scrape; gives the same value as {@link #count}.
	 *
	 * @param operator the operator, not null
	 * @param kind what happened, not null
	 * @return the count since counting was first turned on
	 */
	public static long read(EagerOperator operator, Kind kind) {
		int i = slot(Objects.requireNonNull(operator, "operator"), Objects.requireNonNull(kind, "kind"));
		long v = version;
		if ((v & 1) == 0) {
			long sum = sum(i);
			VarHandle.acquireFence();
			if (version == v) {
				return sum;
			}
		}
		// a sweep is moving arrays into RETIRED: wait for it on the lock it holds, rather than
		// spinning (this may run on an event loop), and read under that lock
		synchronized (LOCK) {
			return sum(i);
		}
	}

	private static long sum(int i) {
		long sum = (long) LONGS.getOpaque(RETIRED, i);
		for (Slots s : live) {
			sum += (long) LONGS.getOpaque(s.counts, i);
		}
		return sum;
	}

	/**
	 * The current total of one kind over all operators and threads.
	 *
	 * @param kind what happened, not null
	 * @return the count since counting was first turned on
	 */
	public static long total(Kind kind) {
		Objects.requireNonNull(kind, "kind");
		return snapshot().total(kind);
	}

	/**
	 * {@link io.reactoreager.spi.EagerCounters#record}: counts one event on the calling thread,
	 * nothing when counting is off.
	 */
	static void record(EagerOperator operator, Kind kind) {
		Objects.requireNonNull(operator, "operator");
		Objects.requireNonNull(kind, "kind");
		Trampoline.count(operator, kind);
	}

	/**
	 * Sums every thread's counters now, retiring the arrays of threads that have died.
	 *
	 * @return an immutable snapshot
	 */
	public static Snapshot snapshot() {
		synchronized (LOCK) {
			sweep();
			long[] sum = new long[SLOTS];
			// no retiring can run while the lock is held: no version check is needed
			for (int i = 0; i < SLOTS; i++) {
				sum[i] = (long) LONGS.getOpaque(RETIRED, i);
			}
			for (Slots s : live) {
				for (int i = 0; i < SLOTS; i++) {
					sum[i] += (long) LONGS.getOpaque(s.counts, i);
				}
			}
			return new Snapshot(sum);
		}
	}

	/** How many per-thread counter arrays are held now (live threads, and dead ones not yet retired). */
	static int retainedSlots() {
		return live.length;
	}

	static int slot(EagerOperator operator, Kind kind) {
		return operator.ordinal() * KINDS.length + kind.ordinal();
	}

	/** Adds a new thread's array; retires dead threads' arrays first when enough threads have come since the last sweep. */
	private static void register(Slots s) {
		synchronized (LOCK) {
			if (++registrationsSinceSweep >= Math.max(MIN_REGISTRATIONS_PER_SWEEP, keptBySweep)) {
				sweep();
			}
			Slots[] a = live;
			Slots[] b = Arrays.copyOf(a, a.length + 1);
			b[a.length] = s;
			live = b;
		}
	}

	/**
	 * Retires the arrays of dead threads: adds their counts to {@link #RETIRED} and drops them.
	 * Under {@link #LOCK}. A thread seen dead by {@link Thread#isAlive()} has made its last
	 * increment, and that increment is visible here (a thread's termination happens-before
	 * another thread sees it dead).
	 */
	private static void sweep() {
		registrationsSinceSweep = 0;
		Slots[] a = live;
		boolean[] dead = new boolean[a.length];
		int kept = a.length;
		for (int j = 0; j < a.length; j++) {
			if (!a[j].isOwnerAlive()) {
				dead[j] = true;
				kept--;
			}
		}
		keptBySweep = kept;
		if (kept == a.length) {
			return;
		}
		Slots[] b = new Slots[kept];
		int k = 0;
		version++; // odd: under LOCK, the only writer
		VarHandle.storeStoreFence();
		for (int j = 0; j < a.length; j++) {
			Slots s = a[j];
			if (!dead[j]) {
				b[k++] = s;
				continue;
			}
			for (int i = 0; i < SLOTS; i++) {
				LONGS.setOpaque(RETIRED, i, (long) LONGS.getOpaque(RETIRED, i) + (long) LONGS.getOpaque(s.counts, i));
			}
			Trampoline.evict(s.threadId);
		}
		live = b;
		version++; // even again
	}

	/** One thread's counters: written only by that thread, registered at creation. */
	static final class Slots {

		final long[] counts = new long[SLOTS];
		final long threadId;
		private final WeakReference<Thread> owner;

		@SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
		Slots(Thread owner) {
			this.owner = new WeakReference<>(owner);
			this.threadId = owner.getId();
			register(this);
		}

		boolean isOwnerAlive() {
			Thread t = owner.get();
			return t != null && t.isAlive();
		}

		void increment(EagerOperator operator, Kind kind) {
			increment(slot(operator, kind));
		}

		/**
		 * Increments a slot computed in advance ({@link #slot}): the hot path of inline steps. A plain
		 * increment by the one thread that writes these slots: an opaque (VarHandle) write measured
		 * about a third slower on the 5-step chain. Readers on other threads read with
		 * {@code getOpaque} and may see a count a few increments behind its writer, never a torn
		 * one (64-bit JVMs write a long at once).
		 */
		void increment(int i) {
			counts[i]++;
		}

		/** Adds {@code n} to a slot: a plain read-add-write, for the reason {@link #increment(int)} gives. */
		void add(EagerOperator operator, Kind kind, long n) {
			counts[slot(operator, kind)] += n;
		}
	}

	/** Counter values at one instant, summed over threads. */
	public static final class Snapshot {

		private final long[] counts;

		Snapshot(long[] counts) {
			this.counts = counts;
		}

		/**
		 * One counter.
		 *
		 * @param operator the operator, not null
		 * @param kind what happened, not null
		 * @return its value in this snapshot
		 */
		public long count(EagerOperator operator, Kind kind) {
			return counts[slot(Objects.requireNonNull(operator, "operator"), Objects.requireNonNull(kind, "kind"))];
		}

		/**
		 * One kind summed over operators.
		 *
		 * @param kind what happened, not null
		 * @return its value in this snapshot
		 */
		public long total(Kind kind) {
			Objects.requireNonNull(kind, "kind");
			long t = 0;
			for (EagerOperator op : OPERATORS) {
				t += counts[slot(op, kind)];
			}
			return t;
		}

		/**
		 * The difference {@code this - earlier}, counter by counter.
		 *
		 * @param earlier a snapshot taken before this one, not null
		 * @return the counts of the interval between the two
		 */
		public Snapshot minus(Snapshot earlier) {
			Objects.requireNonNull(earlier, "earlier");
			long[] d = new long[SLOTS];
			for (int i = 0; i < SLOTS; i++) {
				d[i] = counts[i] - earlier.counts[i];
			}
			return new Snapshot(d);
		}

		@Override
		public String toString() {
			StringBuilder b = new StringBuilder("EagerStats{");
			boolean first = true;
			for (EagerOperator op : OPERATORS) {
				for (Kind k : KINDS) {
					long v = counts[slot(op, k)];
					if (v != 0) {
						b.append(first ? "" : ", ").append(op.tagValue()).append('.').append(k.tagValue()).append('=').append(v);
						first = false;
					}
				}
			}
			return b.append('}').toString();
		}
	}
}
