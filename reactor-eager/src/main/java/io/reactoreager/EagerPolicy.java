package io.reactoreager;

/**
 * The global knobs of reactor-eager: the <b>switch</b>, the inline depth bound and whether the
 * in-process counters are kept.
 *
 * <p>The switch is read when an operator is applied (at assembly): with it off, every operator
 * in {@link Eager} builds exactly its stock Reactor twin, for A/B comparison and rollback. It
 * starts from the system property {@code reactor.eager.enabled} (default {@code true}).
 *
 * <p>The inline depth bounds how many eager steps may nest on one thread's stack (a continuation
 * completing another, a {@code flatMap} function building the next step); past it, work is
 * queued on the thread's <b>trampoline</b> and run by the outermost eager frame, so that
 * arbitrarily long chains and recursion never overflow the stack (Netty's listener rule).
 *
 * <p>This class must never be consulted for anything but plain field reads on the hot path.
 */
public final class EagerPolicy {

	/** The system property that sets the initial state of the switch. */
	public static final String ENABLED_PROPERTY = "reactor.eager.enabled";

	/** The system property that sets the initial inline depth bound. */
	public static final String MAX_INLINE_DEPTH_PROPERTY = "reactor.eager.maxInlineDepth";

	/** The default inline depth bound. */
	public static final int DEFAULT_MAX_INLINE_DEPTH = 64;

	static volatile boolean enabled = !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").trim());

	static volatile int maxInlineDepth = parsePositive(System.getProperty(MAX_INLINE_DEPTH_PROPERTY), DEFAULT_MAX_INLINE_DEPTH);

	static volatile boolean statsEnabled = true;

	private EagerPolicy() {
	}

	/**
	 * Whether the switch is on.
	 *
	 * @return {@code true} when the eager operators are active
	 */
	public static boolean isEnabled() {
		return enabled;
	}

	/**
	 * Turns the switch on or off. Pipelines already assembled keep the form they were built with.
	 *
	 * @param on {@code true} to use the eager operators, {@code false} for their stock twins
	 */
	public static void setEnabled(boolean on) {
		enabled = on;
	}

	/**
	 * The inline depth bound.
	 *
	 * @return how many eager steps may nest on one stack before work is trampolined
	 */
	public static int maxInlineDepth() {
		return maxInlineDepth;
	}

	/**
	 * Sets the inline depth bound.
	 *
	 * @param depth at least 1
	 * @throws IllegalArgumentException if {@code depth < 1}
	 */
	public static void setMaxInlineDepth(int depth) {
		if (depth < 1) {
			throw new IllegalArgumentException("depth must be >= 1, was " + depth);
		}
		maxInlineDepth = depth;
	}

	/**
	 * Whether {@link EagerStats} counts. On by default; counting is a plain per-thread increment.
	 *
	 * @return {@code true} when counters are kept
	 */
	public static boolean isStatsEnabled() {
		return statsEnabled;
	}

	/**
	 * Turns the in-process counters on or off (used by benchmarks to measure their cost).
	 *
	 * @param on {@code true} to count
	 */
	public static void setStatsEnabled(boolean on) {
		statsEnabled = on;
	}

	static int parsePositive(String value, int fallback) {
		if (value == null) {
			return fallback;
		}
		try {
			int v = Integer.parseInt(value.trim());
			return v >= 1 ? v : fallback;
		}
		catch (NumberFormatException e) {
			return fallback;
		}
	}
}
