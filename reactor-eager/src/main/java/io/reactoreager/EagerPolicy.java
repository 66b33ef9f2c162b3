package io.reactoreager;

import java.lang.invoke.MethodHandle;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.annotation.Nullable;

/**
 * The global knobs of reactor-eager: the <b>switch</b>, the inline depth bound, the fairness
 * <b>budget</b> and where a spent budget yields to, the hop policy, and whether the in-process
 * counters are kept.
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
 * <p>The hot path reads the switch, counting, the depth bound and the budget as constants of
 * compiled code (a method-handle call site per setting); their setters are slow (code that read
 * the old value is deoptimised), so they are meant to be changed by hand or at start-up, never
 * per request. This class must never be consulted for anything else on the hot path.
 */
public final class EagerPolicy {

	/** The system property that sets the initial state of the switch. */
	public static final String ENABLED_PROPERTY = "reactor.eager.enabled";

	/**
	 * The system property that turns counting ({@link EagerStats}) on from the start:
	 * {@code true}; anything else, or nothing, leaves it off.
	 */
	public static final String STATS_PROPERTY = "reactor.eager.stats.enabled";

	/** The system property that sets the initial inline depth bound. */
	public static final String MAX_INLINE_DEPTH_PROPERTY = "reactor.eager.maxInlineDepth";

	/** The default inline depth bound. */
	public static final int DEFAULT_MAX_INLINE_DEPTH = 64;

	/** {@link #mode()} bit: the switch is on. */
	static final int ON = 1;

	/** {@link #mode()} bit: counting is on. */
	static final int COUNT = 2;

	/**
	 * The switch and the counting flag in one setting, so that an inline step reads one constant
	 * (each read inlines a chain of method-handle forms, which spends the JIT's inlining budget).
	 */
	static final StableSetting MODE = new StableSetting(
			initialMode(System.getProperty(ENABLED_PROPERTY), System.getProperty(STATS_PROPERTY)));
	private static final MethodHandle MODE_READ = MODE.invoker();

	static final StableSetting MAX_INLINE_DEPTH = new StableSetting(
			parsePositive(System.getProperty(MAX_INLINE_DEPTH_PROPERTY), DEFAULT_MAX_INLINE_DEPTH));
	private static final MethodHandle MAX_INLINE_DEPTH_READ = MAX_INLINE_DEPTH.invoker();

	/** The {@link #ON} and {@link #COUNT} bits, for hot paths that need both. */
	static int mode() {
		return StableSetting.read(MODE_READ);
	}

	/** The switch, for hot paths. */
	static boolean on() {
		return (mode() & ON) != 0;
	}

	/** Whether counting is on, for hot paths. */
	static boolean counting() {
		return (mode() & COUNT) != 0;
	}

	/** Sets or clears one bit of {@link #MODE}. */
	private static synchronized void setModeBit(int bit, boolean set) {
		int m = MODE.get();
		MODE.set(set ? m | bit : m & ~bit);
	}

	/** The inline depth bound, for hot paths. */
	static int depthBound() {
		return StableSetting.read(MAX_INLINE_DEPTH_READ);
	}

	/** The budget, for hot paths. */
	static int budgetNow() {
		return StableSetting.read(BUDGET_READ);
	}

	/** The system property that sets the initial fairness budget ({@code max} or a positive int). */
	public static final String BUDGET_PROPERTY = "reactor.eager.budget";

	/**
	 * The default fairness budget: consecutive inline completions per loop turn. Chosen from the
	 * fairness benchmark (docs/fairness.md).
	 */
	public static final int DEFAULT_BUDGET = 128;

	/** The system property that sets the initial {@link HopPolicy} ({@code ALWAYS_HOP}, the default, or {@code INLINE_WHEN_RESOLVED}). */
	public static final String HOP_POLICY_PROPERTY = "reactor.eager.hopPolicy";

	static final StableSetting BUDGET = new StableSetting(parseBudget(System.getProperty(BUDGET_PROPERTY)));
	private static final MethodHandle BUDGET_READ = BUDGET.invoker();

	@Nullable
	static volatile Supplier<? extends Executor> yieldExecutorResolver;

	/** Bumped whenever the resolver changes, so that threads re-ask whether they have a loop. */
	static volatile int yieldResolverVersion;

	@Nullable
	static volatile Scheduler yieldScheduler = Schedulers.parallel();

	static volatile HopPolicy hopPolicy = parseHopPolicy(System.getProperty(HOP_POLICY_PROPERTY));

	private EagerPolicy() {
	}

	/**
	 * Whether the switch is on.
	 *
	 * @return {@code true} when the eager operators are active
	 */
	public static boolean isEnabled() {
		return (MODE.get() & ON) != 0;
	}

	/**
	 * Turns the switch on or off. Pipelines already assembled keep the form they were built with.
	 * Every thread sees the change; the call is slow (compiled code is deoptimised), so flip the
	 * switch by hand or at start-up, not per request.
	 *
	 * @param on {@code true} to use the eager operators, {@code false} for their stock twins
	 */
	public static void setEnabled(boolean on) {
		setModeBit(ON, on);
	}

	/**
	 * The inline depth bound.
	 *
	 * @return how many eager steps may nest on one stack before work is trampolined
	 */
	public static int maxInlineDepth() {
		return MAX_INLINE_DEPTH.get();
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
		MAX_INLINE_DEPTH.set(depth);
	}

	/**
	 * Whether {@link EagerStats} counts. Off unless turned on: by {@link #setStatsEnabled(boolean)},
	 * by the system property {@value #STATS_PROPERTY}, or by binding the Micrometer binder of
	 * {@code reactor-eager-micrometer} to a registry.
	 *
	 * @return {@code true} when counters are kept
	 */
	public static boolean isStatsEnabled() {
		return (MODE.get() & COUNT) != 0;
	}

	/**
	 * Turns the in-process counters on or off. With counting off the eager hot path does nothing
	 * for it and the counters keep their values; with it on, each counted event is one plain
	 * increment of a per-thread slot. Like the switch, the call is slow (compiled code is
	 * deoptimised): set it at start-up or by hand, not per request.
	 *
	 * @param on {@code true} to count
	 */
	public static void setStatsEnabled(boolean on) {
		setModeBit(COUNT, on);
	}

	/**
	 * The fairness budget (docs/fairness.md): how many consecutive inline completions one thread may run
	 * between two visits of its loop before the next one yields to the loop. Counted are
	 * continuations resumed on a pending value's completion, steps drained from the trampoline,
	 * eager starts and task-group forks of lazy work, and inline deliveries of
	 * {@link Eager#publishOn}/{@link Eager#subscribeOn}/{@link Eager#timeout} on resolved values.
	 *
	 * @return the budget; {@link Integer#MAX_VALUE} means unbounded
	 */
	public static int budget() {
		return BUDGET.get();
	}

	/**
	 * Sets the fairness budget. The initial value comes from the system property
	 * {@value #BUDGET_PROPERTY} ({@code max}/{@code unbounded} or a positive int), else
	 * {@link #DEFAULT_BUDGET}.
	 *
	 * @param n at least 1; {@link Integer#MAX_VALUE} turns yielding off (unbounded)
	 * @throws IllegalArgumentException if {@code n < 1}
	 */
	public static void setBudget(int n) {
		if (n < 1) {
			throw new IllegalArgumentException("budget must be >= 1, was " + n);
		}
		BUDGET.set(n);
	}

	/** {@link io.reactoreager.spi.EagerLoops#setYieldExecutorResolver}: the loop a thread yields to. */
	static synchronized void setYieldExecutorResolver(@Nullable Supplier<? extends Executor> resolver) {
		yieldExecutorResolver = resolver;
		yieldResolverVersion++;
	}

	/**
	 * The fallback a thread without a resolved loop yields to, used only on Reactor's own
	 * non-blocking threads ({@link Schedulers#isInNonBlockingThread()}, e.g. {@code parallel()}
	 * and {@code single()} workers). Threads that are neither loop threads nor Reactor
	 * non-blocking threads (a caller's thread, a blocking pool) never yield: no loop waits on
	 * them, and a yield would only move user code to another thread.
	 *
	 * @param scheduler the fallback; {@code null} turns the fallback off. Default {@link Schedulers#parallel()}
	 */
	public static void setYieldScheduler(@Nullable Scheduler scheduler) {
		yieldScheduler = scheduler;
	}

	/**
	 * The fallback Scheduler of {@link #setYieldScheduler(Scheduler)}.
	 *
	 * @return the scheduler, or {@code null} if the fallback is off
	 */
	@Nullable
	public static Scheduler yieldScheduler() {
		return yieldScheduler;
	}

	/** {@link io.reactoreager.spi.EagerLoops#resetBudget}: a loop-turn boundary on the calling thread. */
	static void resetBudget() {
		Trampoline.current().resetBudget();
	}

	/**
	 * {@link io.reactoreager.spi.EagerLoops#tryInline}: spends one unit of the calling thread's
	 * budget, or counts a yield of {@code operator} when it is spent.
	 */
	static boolean tryInline(EagerOperator operator) {
		Objects.requireNonNull(operator, "operator");
		Trampoline t = Trampoline.current();
		if (t.spend()) {
			return true;
		}
		Trampoline.count(operator, EagerStats.Kind.BUDGET_YIELD);
		return false;
	}

	/** {@link io.reactoreager.spi.EagerLoops#atLoopTurn}: {@code task}, run after a loop-turn boundary. */
	static Runnable atLoopTurn(Runnable task) {
		Objects.requireNonNull(task, "task");
		return () -> {
			Trampoline.current().resetBudget();
			task.run();
		};
	}

	/**
	 * What {@link Eager#publishOn} and {@link Eager#subscribeOn} do with a resolved input. Read
	 * at assembly.
	 *
	 * @return the policy; default {@link HopPolicy#ALWAYS_HOP}
	 */
	public static HopPolicy hopPolicy() {
		return hopPolicy;
	}

	/**
	 * Sets the hop policy; the initial value comes from {@value #HOP_POLICY_PROPERTY}.
	 *
	 * @param policy the policy, not null
	 */
	public static void setHopPolicy(HopPolicy policy) {
		hopPolicy = Objects.requireNonNull(policy, "policy");
	}

	/**
	 * The initial {@link #MODE} from the two system properties: the switch on unless
	 * {@value #ENABLED_PROPERTY} is {@code false}, counting off unless {@value #STATS_PROPERTY} is
	 * {@code true}.
	 */
	static int initialMode(@Nullable String enabled, @Nullable String stats) {
		return (enabled != null && "false".equalsIgnoreCase(enabled.trim()) ? 0 : ON)
				| (stats != null && "true".equalsIgnoreCase(stats.trim()) ? COUNT : 0);
	}

	static int parseBudget(@Nullable String value) {
		if (value == null) {
			return DEFAULT_BUDGET;
		}
		String v = value.trim();
		if (v.equalsIgnoreCase("max") || v.equalsIgnoreCase("unbounded")) {
			return Integer.MAX_VALUE;
		}
		return parsePositive(v, DEFAULT_BUDGET);
	}

	static HopPolicy parseHopPolicy(@Nullable String value) {
		if (value != null) {
			for (HopPolicy p : HopPolicy.values()) {
				if (p.name().equalsIgnoreCase(value.trim())) {
					return p;
				}
			}
		}
		return HopPolicy.ALWAYS_HOP;
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
