package io.reactoreager.netty;

import io.reactoreager.spi.EagerLoops;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import reactor.util.annotation.Nullable;

/**
 * Plugs Netty event loops into reactor-eager's fairness <b>budget</b> (design §4,
 * {@code docs/fairness.md}): on a Netty event loop thread, a continuation that finds the budget
 * spent <em>yields</em> to that thread's own {@link EventExecutor} (one task, which resets the
 * budget when it runs) instead of running inline, so a burst of completions cannot keep the
 * loop from its I/O, timers and other tasks.
 *
 * <p>{@link #install()} sets {@link EagerLoops#setYieldExecutorResolver} to
 * {@link #currentExecutor()}: the calling thread's {@code EventExecutor} when it is a Netty
 * event loop thread known to this class, else {@code null} (not a loop: the core's rules for other
 * threads apply). A loop thread becomes known when netty-transport's own code runs on it (the
 * server and client handlers at each read, the outcome hop of an exchange, a channel-future bridge
 * completing on its channel's loop), or, for any other loop, through {@link #register}, which
 * checks {@link EventExecutor#inEventLoop()} of the group's executors. Automatic detection only
 * considers {@link FastThreadLocalThread}s (Netty's event loop threads); never register an executor
 * whose {@code inEventLoop()} is true on every thread ({@code EmbeddedEventLoop},
 * {@code ImmediateEventExecutor}). Only public Netty contracts are used; the executor found is
 * remembered in a {@link FastThreadLocal} of the loop thread.
 *
 * <p>{@link EagerHttpServer#bind()} and {@link EagerHttpClient}'s constructor install it by default.
 * To opt out, start the JVM with {@code -D}{@value #AUTO_INSTALL_PROPERTY}{@code =false} or call
 * {@link #setAutoInstall(boolean) setAutoInstall(false)} before creating them; then
 * {@link #uninstall()} removes a resolver installed earlier. Without it, an event loop thread is
 * not a loop for the core, and netty-transport runs every outcome that arrives on its loop inline.
 */
public final class NettyEagerPolicy {

	/** The system property that sets whether the server and client install the policy (default {@code true}). */
	public static final String AUTO_INSTALL_PROPERTY = "reactor.eager.netty.budget";

	private static final FastThreadLocal<EventExecutor> CURRENT = new FastThreadLocal<>();

	private static final CopyOnWriteArrayList<EventExecutorGroup> GROUPS = new CopyOnWriteArrayList<>();

	private static final Supplier<Executor> RESOLVER = NettyEagerPolicy::currentExecutor;

	static volatile boolean installed;

	private static volatile boolean autoInstall =
			!"false".equalsIgnoreCase(System.getProperty(AUTO_INSTALL_PROPERTY, "true").trim());

	private NettyEagerPolicy() {}

	/**
	 * Sets the core's yield-executor resolver to {@link #currentExecutor()}, so that a spent budget
	 * on a Netty event loop yields to that loop. Idempotent.
	 */
	public static synchronized void install() {
		if (!installed) {
			installed = true;
			EagerLoops.setYieldExecutorResolver(RESOLVER);
		}
	}

	/**
	 * Removes the resolver {@link #install()} set (the core's resolver becomes {@code null}); event
	 * loop threads are then no loops for the core and never yield to their loop. Idempotent: does
	 * nothing when not installed.
	 */
	public static synchronized void uninstall() {
		if (installed) {
			installed = false;
			EagerLoops.setYieldExecutorResolver(null);
		}
	}

	/**
	 * @return whether {@link #install()} is in effect
	 */
	public static boolean isInstalled() {
		return installed;
	}

	/**
	 * Whether {@link EagerHttpServer} and {@link EagerHttpClient} call {@link #install()} when they
	 * start. The initial value comes from {@value #AUTO_INSTALL_PROPERTY} (default {@code true}).
	 *
	 * @param on {@code false} to opt out
	 */
	public static void setAutoInstall(boolean on) {
		autoInstall = on;
	}

	/**
	 * @return whether the server and client install the policy when they start
	 */
	public static boolean isAutoInstall() {
		return autoInstall;
	}

	/** Installs unless opted out; called by the server and client. */
	static void autoInstall() {
		if (autoInstall && !installed) {
			install();
		}
	}

	/**
	 * Makes the event loops of {@code group} (an {@code EventLoopGroup}, or a single
	 * {@code EventLoop}) known as loops even before netty-transport's code runs on them. Each
	 * registration is undone by one {@link #unregister}; the group is held until then.
	 *
	 * @param group the group, not null
	 */
	public static void register(EventExecutorGroup group) {
		GROUPS.add(Objects.requireNonNull(group, "group"));
		refresh();
	}

	/**
	 * Undoes one {@link #register} of {@code group}. Threads that already found their executor keep it.
	 *
	 * @param group the group, not null
	 */
	public static void unregister(EventExecutorGroup group) {
		GROUPS.remove(Objects.requireNonNull(group, "group"));
	}

	/**
	 * The resolver: the calling thread's Netty {@link EventExecutor} when it is an event loop
	 * thread known to this class (see the class comment), else {@code null}. Cheap, never blocks.
	 *
	 * @return the executor whose {@code inEventLoop()} is true on the calling thread, or {@code null}
	 */
	@Nullable
	public static EventExecutor currentExecutor() {
		EventExecutor e = CURRENT.getIfExists();
		if (e != null && e.inEventLoop()) {
			return e;
		}
		if (GROUPS.isEmpty()) {
			return null;
		}
		for (EventExecutorGroup group : GROUPS) {
			for (EventExecutor x : group) {
				if (x.inEventLoop()) {
					CURRENT.set(x);
					return x;
				}
			}
		}
		return null;
	}

	/**
	 * A loop-turn boundary on {@code executor}'s thread, where netty-transport's handlers start
	 * work: remembers the executor for the thread and resets its budget.
	 */
	static void loopTurn(EventExecutor executor) {
		if (installed) {
			remember(executor);
			EagerLoops.resetBudget();
		}
	}

	/**
	 * Remembers {@code executor} as the calling thread's loop when the thread is its loop. Only
	 * on a {@link FastThreadLocalThread} (what Netty's {@code DefaultThreadFactory} makes for event
	 * loops): executors that claim every thread ({@code EmbeddedEventLoop},
	 * {@code ImmediateEventExecutor}) must not turn a caller's thread into a loop.
	 */
	static void remember(EventExecutor executor) {
		if (installed && CURRENT.getIfExists() != executor
				&& Thread.currentThread() instanceof FastThreadLocalThread && executor.inEventLoop()) {
			CURRENT.set(executor);
			// threads cache "am I a loop?" per resolver version: make this one ask again
			refresh();
		}
	}

	private static synchronized void refresh() {
		if (installed) {
			EagerLoops.setYieldExecutorResolver(RESOLVER);
		}
	}
}
