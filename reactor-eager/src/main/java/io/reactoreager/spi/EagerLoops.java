package io.reactoreager.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.reactoreager.EagerOperator;
import io.reactoreager.EagerPolicy;
import io.reactoreager.EagerStats;
import reactor.util.annotation.Nullable;

/**
 * How an event-loop adapter plugs its loops into the fairness budget
 * ({@link EagerPolicy#budget()}).
 *
 * <p>The budget counts the inline completions one thread runs between two visits of its loop;
 * once it is spent, the next completion <em>yields</em>: it is handed to the thread's loop
 * executor instead of running inline. An adapter tells the core which executor a thread loops on
 * ({@link #setYieldExecutorResolver}) and where a loop turn begins ({@link #resetBudget},
 * {@link #atLoopTurn}); a continuation the adapter itself is about to run inline on its loop asks
 * {@link #tryInline} first.
 */
public final class EagerLoops {

	private static final MethodHandle SET_RESOLVER;
	private static final MethodHandle RESET_BUDGET;
	private static final MethodHandle TRY_INLINE;
	private static final MethodHandle AT_LOOP_TURN;

	static {
		MethodHandles.Lookup core = Core.lookup(EagerPolicy.class);
		SET_RESOLVER = Core.find(core, EagerPolicy.class, "setYieldExecutorResolver", MethodType.methodType(void.class, Supplier.class));
		RESET_BUDGET = Core.find(core, EagerPolicy.class, "resetBudget", MethodType.methodType(void.class));
		TRY_INLINE = Core.find(core, EagerPolicy.class, "tryInline", MethodType.methodType(boolean.class, EagerOperator.class));
		AT_LOOP_TURN = Core.find(core, EagerPolicy.class, "atLoopTurn", MethodType.methodType(Runnable.class, Runnable.class));
	}

	private EagerLoops() {
	}

	/**
	 * Plugs in how a thread finds <em>its own loop</em>: the resolver runs on the thread whose
	 * budget is spent and returns the executor that thread loops on (for a Netty event loop, the
	 * channel's {@code EventExecutor} when {@code inEventLoop()}), or {@code null} when the
	 * calling thread is not a loop thread. A continuation that finds the budget spent is handed to
	 * that executor ({@link Executor#execute}) instead of running inline; the task resets the
	 * budget of the thread it runs on before it resumes the continuation. If {@code execute}
	 * throws (a loop shutting down) the continuation runs inline: it is never lost.
	 *
	 * <p>On a thread for which the resolver returns an executor (a <em>loop thread</em>) the
	 * budget spans the whole loop turn: it is reset only by a yield task or by
	 * {@link #resetBudget()}, which the adapter calls at the start of each task it runs. On other
	 * threads it spans one outermost eager frame. Thread-safe; the resolver must be cheap, never
	 * block and never throw.
	 *
	 * @param resolver the resolver, or {@code null} to remove it
	 */
	public static void setYieldExecutorResolver(@Nullable Supplier<? extends Executor> resolver) {
		try {
			SET_RESOLVER.invokeExact((Supplier) resolver);
		}
		catch (Throwable t) {
			throw Core.rethrow(t);
		}
	}

	/**
	 * Resets the calling thread's budget: control has returned to its loop. The adapter calls this
	 * on the loop thread at each loop-turn boundary, typically at the start of every task it runs
	 * (for Netty: at the start of {@code channelRead}, or by wrapping the tasks it submits with
	 * {@link #atLoopTurn}); the yield tasks reactor-eager submits reset the budget themselves.
	 * Cheap: a write to the thread's own state.
	 */
	public static void resetBudget() {
		try {
			RESET_BUDGET.invokeExact();
		}
		catch (Throwable t) {
			throw Core.rethrow(t);
		}
	}

	/**
	 * For an adapter about to run a continuation inline on its loop thread: spends one unit of the
	 * calling thread's budget and returns {@code true}, or, when the budget is spent, counts a
	 * {@link EagerStats.Kind#BUDGET_YIELD} for {@code operator} (if counting is on) and returns
	 * {@code false}: the adapter then queues the work to its loop, wrapped with
	 * {@link #atLoopTurn(Runnable)} so that the budget resets when it runs. Always {@code true}
	 * with an unbounded budget.
	 *
	 * @param operator the operator to count a yield for, not null
	 * @return whether the work may run inline
	 */
	public static boolean tryInline(EagerOperator operator) {
		try {
			return (boolean) TRY_INLINE.invokeExact(operator);
		}
		catch (Throwable t) {
			throw Core.rethrow(t);
		}
	}

	/**
	 * Wraps a task so that it resets the budget of the thread that runs it before running it: a
	 * loop-turn boundary. For example, Reactor workers count as loops with
	 * {@code Schedulers.onScheduleHook("reactor-eager.budget", EagerLoops::atLoopTurn)}.
	 *
	 * @param task the task, not null
	 * @return a task that calls {@link #resetBudget()} and then {@code task.run()}
	 */
	public static Runnable atLoopTurn(Runnable task) {
		try {
			return (Runnable) AT_LOOP_TURN.invokeExact(task);
		}
		catch (Throwable t) {
			throw Core.rethrow(t);
		}
	}
}
