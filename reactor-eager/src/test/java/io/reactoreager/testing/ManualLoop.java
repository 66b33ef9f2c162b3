package io.reactoreager.testing;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

import io.reactoreager.spi.EagerLoops;

/**
 * A deterministic single-threaded "event loop" driven by hand: {@link #execute} queues a task,
 * {@link #runNext()} runs the oldest one on the calling thread. Like a loop adapter it marks each
 * task as a loop turn ({@link EagerLoops#resetBudget()}) before running it. {@link #install()}
 * makes it the yield executor of the calling thread.
 */
public final class ManualLoop implements Executor {

	private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
	private Thread owner;
	private int visits;

	@Override
	public void execute(Runnable task) {
		queue.add(task);
	}

	/** Makes this the loop of the calling thread (and of no other); undo with {@link #uninstall()}. */
	public ManualLoop install() {
		Thread t = Thread.currentThread();
		owner = t;
		EagerLoops.setYieldExecutorResolver(() -> Thread.currentThread() == t ? this : null);
		return this;
	}

	public static void uninstall() {
		EagerLoops.setYieldExecutorResolver(null);
	}

	/** Runs the oldest queued task as one loop turn; {@code false} if none was queued. */
	public boolean runNext() {
		if (owner != null && Thread.currentThread() != owner) {
			throw new IllegalStateException("a ManualLoop runs on the thread that installed it");
		}
		Runnable r = queue.poll();
		if (r == null) {
			return false;
		}
		visits++;
		EagerLoops.resetBudget();
		r.run();
		return true;
	}

	/** Runs tasks until the queue is empty; returns how many ran. */
	public int runAll() {
		int n = 0;
		while (runNext()) {
			n++;
		}
		return n;
	}

	public int queued() {
		return queue.size();
	}

	/** How many tasks ran so far (loop visits). */
	public int visits() {
		return visits;
	}
}
