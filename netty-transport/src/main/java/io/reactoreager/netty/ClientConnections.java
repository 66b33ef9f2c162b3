package io.reactoreager.netty;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What all the per-host pools of one {@link EagerHttpClient} share: the open connections, the
 * client-wide cap on them, the calls waiting for that cap, and the eviction of idle connections.
 *
 * <p>A connection takes one of {@code maxConnections} permits before it connects and gives it
 * back when it closes. A pool that needs a new connection when none is left closes one idle
 * connection of any host (to make room) and its call waits, up to the acquire timeout, until a
 * connection closes; while calls wait, a connection given back to its pool is closed instead of
 * idling, so that the permit goes to them. A connection idle in its pool longer than {@code maxIdleTime} is never handed
 * out again (the pools' health check) and is closed by a periodic sweep.
 *
 * <p>Thread-safe; it never blocks and never runs a call's I/O itself: a woken call acquires
 * from its pool again.
 */
final class ClientConnections implements Runnable {

	/** Thrown by {@link ClientPool#connectChannel} at the cap; turned into a wait by {@link ClientExchange}. */
	static final class CapReached extends RuntimeException {
		CapReached() {
			super("the client's maxConnections are all open", null, false, false);
		}
	}

	static final CapReached CAP_REACHED = new CapReached();

	/** Every connection the pools opened, so close() can close them without blocking. */
	final ChannelGroup channels = new DefaultChannelGroup("eager-http-client", GlobalEventExecutor.INSTANCE);
	final int maxConnections;
	final long maxIdleNanos;
	private final int maxWaiting;
	private final AtomicInteger open = new AtomicInteger();
	private final ConcurrentLinkedQueue<ClientExchange> waiters = new ConcurrentLinkedQueue<>();
	private final AtomicInteger waiting = new AtomicInteger();
	volatile boolean closed;

	ClientConnections(int maxConnections, long maxIdleNanos, int maxWaiting) {
		this.maxConnections = maxConnections;
		this.maxIdleNanos = maxIdleNanos;
		this.maxWaiting = maxWaiting;
	}

	/** @return the number of connections open or connecting */
	int open() {
		return open.get();
	}

	/**
	 * Takes a permit for a new connection.
	 *
	 * @return a one-shot release of the permit, or null at the cap
	 */
	Runnable tryReserve() {
		for (;;) {
			int n = open.get();
			if (n >= maxConnections) {
				return null;
			}
			if (open.compareAndSet(n, n + 1)) {
				AtomicBoolean released = new AtomicBoolean();
				return () -> {
					if (released.compareAndSet(false, true)) {
						open.decrementAndGet();
						wakeOne();
					}
				};
			}
		}
	}

	/**
	 * Parks a call until a connection closes.
	 *
	 * @return false when too many calls wait already
	 */
	boolean await(ClientExchange exchange) {
		if (waiting.incrementAndGet() > maxWaiting) {
			waiting.decrementAndGet();
			return false;
		}
		waiters.add(exchange);
		// A connection may have closed (or the client) between the failed reservation and the add.
		if (closed) {
			close();
		} else if (open.get() < maxConnections) {
			wakeOne();
		}
		return true;
	}

	/** @return the number of calls waiting for a connection to close */
	int waiting() {
		return waiting.get();
	}

	/** @return true when the call was still waiting (and no longer is) */
	boolean stopWaiting(ClientExchange exchange) {
		if (waiters.remove(exchange)) {
			waiting.decrementAndGet();
			return true;
		}
		return false;
	}

	/** The client is closing: no call waits any more; each waiting one fails. */
	void close() {
		closed = true;
		ClientExchange next;
		while ((next = waiters.poll()) != null) {
			waiting.decrementAndGet();
			next.failClosed(null);
		}
	}

	/** Wakes the first waiting call that is still wanted; it acquires from its pool again. */
	void wakeOne() {
		ClientExchange next;
		while ((next = waiters.poll()) != null) {
			waiting.decrementAndGet();
			if (next.retryAcquire()) {
				return;
			}
		}
	}

	/** Closes one connection idling in a pool, of any host, so that a new one can open. */
	void evictOneIdle() {
		for (Channel ch : channels) {
			ClientChannelHandler handler = ch.pipeline().get(ClientChannelHandler.class);
			if (handler != null && handler.pooled) {
				ch.eventLoop().execute(() -> {
					if (handler.pooled) {
						ch.close();
					}
				});
				return;
			}
		}
	}

	/** @return true when a connection idling in a pool since {@code idleSince} must not be used */
	boolean expired(long idleSince, long now) {
		return now - idleSince >= maxIdleNanos;
	}

	/** The idle sweep: closes connections that idled in their pool for {@code maxIdleTime}. */
	@Override
	public void run() {
		long now = System.nanoTime();
		for (Channel ch : channels) {
			ClientChannelHandler handler = ch.pipeline().get(ClientChannelHandler.class);
			if (handler != null && handler.pooled && expired(handler.idleSince, now)) {
				ch.eventLoop().execute(() -> {
					// Re-checked on the channel's loop, where the pool hands it out.
					if (handler.pooled && expired(handler.idleSince, System.nanoTime())) {
						ch.close();
					}
				});
			}
		}
	}
}
