package io.reactoreager.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client request/response on a pooled channel: acquire, write, await the response (with a
 * timeout), release the channel exactly once, complete the promise.
 *
 * <p>Ownership: the request's {@code ByteBuf} is created only at the moment it is written (so an
 * exchange cancelled earlier owns no buffer) and the encoder releases it; the response's messages
 * are released by {@link ClientChannelHandler}; the channel goes back to the pool exactly once
 * (guarded by {@link #released}), closed first unless it ended a clean keep-alive exchange.
 */
final class ClientExchange implements Runnable {

	final ClientPool pool;
	final ClientConnections connections;
	final EventExecutor timer;
	final HttpMethod method;
	final String target;
	final String host;
	final HttpHeaders headers;
	final byte[] body;
	final long responseTimeoutNanos;
	final long acquireTimeoutNanos;
	/** Listeners run inline on the thread that completes it: the channel's event loop. */
	final Promise<EagerHttpClientResponse> promise = ImmediateEventExecutor.INSTANCE.newPromise();
	final AtomicBoolean released = new AtomicBoolean();

	volatile Channel channel;
	/** The response timeout, then (while waiting for the client-wide cap) the acquire timeout. */
	private volatile ScheduledFuture<?> timeout;

	ClientExchange(ClientPool pool, ClientConnections connections, EventExecutor timer, HttpMethod method,
				   String target, String host, HttpHeaders headers, byte[] body, long responseTimeoutNanos,
				   long acquireTimeoutNanos) {
		this.pool = pool;
		this.connections = connections;
		this.timer = timer;
		this.method = method;
		this.target = target;
		this.host = host;
		this.headers = headers;
		this.body = body;
		this.responseTimeoutNanos = responseTimeoutNanos;
		this.acquireTimeoutNanos = acquireTimeoutNanos;
	}

	Promise<EagerHttpClientResponse> start() {
		promise.addListener(p -> {
			if (p.isCancelled()) {
				onCancel();
			}
		});
		acquire();
		return promise;
	}

	private void acquire() {
		pool.acquire().addListener((Future<Channel> acquired) -> onAcquired(acquired));
	}

	/**
	 * A connection closed while this call waited for the client-wide cap: acquire again.
	 *
	 * @return false when the call is no longer wanted (the wake-up goes to the next one)
	 */
	boolean retryAcquire() {
		if (promise.isDone()) {
			return false;
		}
		cancelTimeout();
		acquire();
		return true;
	}

	private void onAcquired(Future<Channel> acquired) {
		if (!acquired.isSuccess()) {
			if (connections.closed) {
				failClosed(acquired.cause());
			} else if (acquired.cause() == ClientConnections.CAP_REACHED) {
				if (!promise.isDone()) {
					awaitConnection();
				}
			} else {
				promise.tryFailure(acquired.cause());
			}
			return;
		}
		Channel ch = acquired.getNow();
		channel = ch;
		if (promise.isDone()) {
			// Cancelled while waiting for the channel: it never carried anything, give it back.
			releaseChannel(ch, false);
			return;
		}
		if (ch.eventLoop().inEventLoop()) {
			write(ch);
		} else {
			ch.eventLoop().execute(() -> write(ch));
		}
	}

	/** The client closed before this call had a connection. */
	void failClosed(Throwable cause) {
		cancelTimeout();
		promise.tryFailure(new IllegalStateException("the client closed before the call had a connection", cause));
	}

	/** Every connection the client may open is open: wait for one to close, up to the acquire timeout. */
	private void awaitConnection() {
		ScheduledFuture<?> t;
		try {
			t = timer.schedule(() -> {
				if (connections.stopWaiting(this)) {
					promise.tryFailure(new TimeoutException("no connection within " + TimeUnit.NANOSECONDS.toMillis(acquireTimeoutNanos)
							+ " ms: the client's " + connections.maxConnections + " connections (maxConnections) are all in use"));
				}
			}, acquireTimeoutNanos, TimeUnit.NANOSECONDS);
		} catch (RejectedExecutionException shutDown) {
			// the client's event loops are shutting down: it is closing
			failClosed(shutDown);
			return;
		}
		timeout = t;
		if (!connections.await(this)) {
			t.cancel(false);
			promise.tryFailure(new IllegalStateException("too many calls wait for a connection: the client's "
					+ connections.maxConnections + " connections (maxConnections) are all in use"));
		}
	}

	private void write(Channel ch) {
		if (promise.isDone()) {
			releaseChannel(ch, false);
			return;
		}
		ClientChannelHandler handler = ch.pipeline().get(ClientChannelHandler.class);
		handler.current = this;
		if (responseTimeoutNanos > 0) {
			timeout = ch.eventLoop().schedule(this, responseTimeoutNanos, TimeUnit.NANOSECONDS);
		}
		ByteBuf content = body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
		FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target, content);
		request.headers().set(headers);
		request.headers().set(HttpHeaderNames.HOST, host);
		if (body.length > 0 || !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
			HttpUtil.setContentLength(request, body.length);
		}
		// The encoder owns and releases the request from here on.
		ch.writeAndFlush(request).addListener(written -> {
			if (!written.isSuccess()) {
				handler.detach(this);
				onFailure(written.cause());
			}
		});
	}

	/** The complete response arrived (event loop). */
	void onResponse(EagerHttpClientResponse response, boolean keepAlive) {
		cancelTimeout();
		releaseChannel(channel, !keepAlive);
		promise.trySuccess(response);
	}

	/** The exchange failed on its channel (event loop): the channel is closed and given back. */
	void onFailure(Throwable cause) {
		cancelTimeout();
		Channel ch = channel;
		if (ch != null) {
			releaseChannel(ch, true);
		}
		promise.tryFailure(cause);
	}

	/** Response timeout (event loop). */
	@Override
	public void run() {
		timeout = null;
		Channel ch = channel;
		ClientChannelHandler handler = ch.pipeline().get(ClientChannelHandler.class);
		if (handler != null) {
			handler.detach(this);
		}
		onFailure(new TimeoutException("no response within " + TimeUnit.NANOSECONDS.toMillis(responseTimeoutNanos) + " ms"));
	}

	/** The promise was cancelled (any thread): abandon the exchange; a used channel is closed. */
	private void onCancel() {
		Channel ch = channel;
		if (ch == null) {
			// Still acquiring (onAcquired sees the cancelled promise and releases the channel),
			// or waiting for the client-wide cap.
			if (connections.stopWaiting(this)) {
				cancelTimeout();
			}
			return;
		}
		ch.eventLoop().execute(() -> {
			cancelTimeout();
			ClientChannelHandler handler = ch.pipeline().get(ClientChannelHandler.class);
			boolean inUse = handler != null && handler.current == this;
			if (inUse) {
				handler.detach(this);
			}
			// A request may be on the wire: its response would desynchronise the next exchange.
			releaseChannel(ch, inUse);
		});
	}

	private void cancelTimeout() {
		ScheduledFuture<?> t = timeout;
		if (t != null) {
			timeout = null;
			t.cancel(false);
		}
	}

	private void releaseChannel(Channel ch, boolean close) {
		if (!released.compareAndSet(false, true)) {
			return;
		}
		if (close) {
			ch.close();
		}
		pool.release(ch);
	}
}
