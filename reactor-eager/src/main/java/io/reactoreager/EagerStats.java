package io.reactoreager;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Cheap in-process counters of what the eager operators did, by {@link EagerOperator} and
 * {@link Kind}: a plain increment of a per-thread slot on the hot path (single writer, no CAS,
 * no Micrometer), summed over threads when read. Counters only grow; take two
 * {@link #snapshot() snapshots} and subtract to measure an interval.
 *
 * <p>Counting can be turned off with {@link EagerPolicy#setStatsEnabled(boolean)}.
 */
public final class EagerStats {

	/** What happened. */
	public enum Kind {
		/** A step ran inline on a resolved outcome: no subscriber, no continuation. */
		INLINE("inline"),
		/** A continuation was registered on a pending input: the step waits. */
		SUSPENDED("suspended"),
		/** A lazy input was subscribed. */
		LAZY_SUBSCRIPTION("lazy.subscriptions"),
		/** A step went past the inline depth bound and was queued on the thread's trampoline. */
		TRAMPOLINED("trampolined"),
		/** The fairness budget was spent and a completion yielded to the thread's executor. */
		BUDGET_YIELD("budget.yields"),
		/**
		 * A child of a join ({@code zip}, {@code when}, {@code gather}) completed inline, read on the
		 * spot without a subscription: counted once per child, beside the join's one {@link #INLINE}.
		 */
		FUSED_CHILD("fused.children");

		private final String meterSuffix;

		Kind(String meterSuffix) {
			this.meterSuffix = meterSuffix;
		}

		/**
		 * The suffix metrics append to {@code reactor.eager.}.
		 *
		 * @return e.g. {@code "inline"}
		 */
		public String meterSuffix() {
			return meterSuffix;
		}
	}

	static final EagerOperator[] OPERATORS = EagerOperator.values();
	static final Kind[] KINDS = Kind.values();
	static final int SLOTS = OPERATORS.length * KINDS.length;

	private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

	private static final ConcurrentLinkedQueue<Slots> LIVE = new ConcurrentLinkedQueue<>();

	/** Counts of threads that have died, folded in when a snapshot notices them. */
	private static final long[] RETIRED = new long[SLOTS];

	private EagerStats() {
	}

	/**
	 * The current total of one counter, over all threads.
	 *
	 * @param operator the operator, not null
	 * @param kind what happened, not null
	 * @return the count since the JVM started
	 */
	public static long count(EagerOperator operator, Kind kind) {
		Objects.requireNonNull(operator, "operator");
		Objects.requireNonNull(kind, "kind");
		return snapshot().count(operator, kind);
	}

	/**
	 * The current total of one counter, over all threads, read without building a snapshot: it
	 * sums one slot of each thread and allocates nothing but the iteration over live threads.
	 * Meant for metrics read on scrape; {@link #count} gives the same value.
	 *
	 * @param operator the operator, not null
	 * @param kind what happened, not null
	 * @return the count since the JVM started
	 */
	public static long read(EagerOperator operator, Kind kind) {
		int i = slot(Objects.requireNonNull(operator, "operator"), Objects.requireNonNull(kind, "kind"));
		synchronized (RETIRED) {
			long sum = RETIRED[i];
			for (Slots s : LIVE) {
				sum += (long) LONGS.getOpaque(s.counts, i);
			}
			return sum;
		}
	}

	/**
	 * The current total of one kind over all operators and threads.
	 *
	 * @param kind what happened, not null
	 * @return the count since the JVM started
	 */
	public static long total(Kind kind) {
		Objects.requireNonNull(kind, "kind");
		return snapshot().total(kind);
	}

	/**
	 * Counts one event on the calling thread, for entry points that live outside this package
	 * (the Netty future bridge): a plain increment of the thread's slot, nothing when counting is
	 * off ({@link EagerPolicy#setStatsEnabled(boolean)}).
	 *
	 * @param operator the operator, not null
	 * @param kind what happened, not null
	 */
	public static void record(EagerOperator operator, Kind kind) {
		Objects.requireNonNull(operator, "operator");
		Objects.requireNonNull(kind, "kind");
		Trampoline.count(operator, kind);
	}

	/**
	 * Sums every thread's counters now.
	 *
	 * @return an immutable snapshot
	 */
	public static Snapshot snapshot() {
		long[] sum = new long[SLOTS];
		synchronized (RETIRED) {
			for (Iterator<Slots> it = LIVE.iterator(); it.hasNext(); ) {
				Slots s = it.next();
				boolean dead = s.owner.get() == null;
				for (int i = 0; i < SLOTS; i++) {
					long v = (long) LONGS.getOpaque(s.counts, i);
					if (dead) {
						RETIRED[i] += v;
					}
					else {
						sum[i] += v;
					}
				}
				if (dead) {
					it.remove();
				}
			}
			for (int i = 0; i < SLOTS; i++) {
				sum[i] += RETIRED[i];
			}
		}
		return new Snapshot(sum);
	}

	static int slot(EagerOperator operator, Kind kind) {
		return operator.ordinal() * KINDS.length + kind.ordinal();
	}

	/** One thread's counters: written only by that thread. */
	static final class Slots {

		final long[] counts = new long[SLOTS];
		final WeakReference<Thread> owner;

		Slots(Thread owner) {
			this.owner = new WeakReference<>(owner);
			LIVE.add(this);
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

		void add(EagerOperator operator, Kind kind, long n) {
			int i = slot(operator, kind);
			LONGS.setOpaque(counts, i, (long) LONGS.getOpaque(counts, i) + n);
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
						b.append(first ? "" : ", ").append(op.tagValue()).append('.').append(k.meterSuffix()).append('=').append(v);
						first = false;
					}
				}
			}
			return b.append('}').toString();
		}
	}
}
