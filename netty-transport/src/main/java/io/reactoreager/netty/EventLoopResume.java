package io.reactoreager.netty;

import io.netty.util.concurrent.EventExecutor;

/**
 * Decides whether a continuation that has arrived on an event loop may run there inline or must
 * be queued to it.
 *
 * <p><b>Seam for the fairness budget</b> (design §4): today the only rule is "inline when already
 * on the loop, else {@code execute}". The per-thread budget (yield to the current
 * {@code EventExecutor} after N consecutive inline completions) plugs in at
 * {@link #mayRunInline(EventExecutor)} and nowhere else in this module.
 */
final class EventLoopResume {

    private EventLoopResume() {}

    /**
     * @return true when {@code task} may run inline on the calling thread, which is
     *     {@code executor}'s own thread; false when it must be submitted to {@code executor}
     */
    static boolean mayRunInline(EventExecutor executor) {
        // FAIRNESS-BUDGET SEAM: consult the per-thread inline budget here once it exists.
        return executor.inEventLoop();
    }

    /** Runs {@code task} inline when allowed, else queues it to {@code executor}. */
    static void resume(EventExecutor executor, Runnable task) {
        if (mayRunInline(executor)) {
            task.run();
        } else {
            executor.execute(task);
        }
    }
}
