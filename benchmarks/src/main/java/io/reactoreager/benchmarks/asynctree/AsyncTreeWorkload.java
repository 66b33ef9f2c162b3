package io.reactoreager.benchmarks.asynctree;

/**
 * The four leaf workloads of pyperformance's {@code bm_async_tree}, with its constants.
 *
 * <ul>
 *   <li>{@link #NONE}: a leaf does nothing (returns at once).
 *   <li>{@link #IO}: every leaf awaits one mock I/O call.
 *   <li>{@link #MEMOIZATION}: a leaf draws {@code randint(1, 100)}; numbers up to
 *       {@value #MEMOIZABLE_PERCENTAGE} are cached, and a cached number returns at once; every other
 *       leaf awaits one mock I/O call.
 *   <li>{@link #CPU_IO_MIXED}: a leaf draws {@code random()}; below {@value #CPU_PROBABILITY} it
 *       computes {@code factorial(}{@value #FACTORIAL_N}{@code )} (CPU-bound), otherwise it does what
 *       a memoization leaf does.
 * </ul>
 */
public enum AsyncTreeWorkload {
	NONE,
	IO,
	MEMOIZATION,
	CPU_IO_MIXED;

	/** {@code NUM_RECURSE_LEVELS}: the root is at level 6, leaves at level 0. */
	public static final int DEPTH = 6;
	/** {@code NUM_RECURSE_BRANCHES}: children per inner node. */
	public static final int BRANCHES = 6;
	/** {@code RANDOM_SEED}. */
	public static final long RANDOM_SEED = 0;
	/** {@code MEMOIZABLE_PERCENTAGE}. */
	public static final int MEMOIZABLE_PERCENTAGE = 90;
	/** {@code CPU_PROBABILITY}. */
	public static final double CPU_PROBABILITY = 0.5;
	/** {@code FACTORIAL_N}. */
	public static final int FACTORIAL_N = 500;
	/**
	 * The mock I/O delay, in microseconds. The original sleeps a fixed 50 ms
	 * ({@code IO_SLEEP_TIME = 0.05}); the JVM runs the tree 50-100x faster than CPython, so the
	 * delay is scaled down 50x to 1 ms to keep the wait about as large a share of one run as it is
	 * in the original, and one {@code io} run well under a second.
	 */
	public static final long IO_DELAY_MICROS = 1_000;
}
