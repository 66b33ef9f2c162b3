package io.reactoreager.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.EventExecutor;
import io.reactoreager.Eager;
import io.reactoreager.EagerPolicy;
import io.reactoreager.spi.EagerOutcomes;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Objects;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.Logger;
import reactor.util.Loggers;
import reactor.util.context.Context;

/**
 * Runs the handler function for each complete request of one HTTP/1.1 connection and writes the
 * answers in request order. It is the last handler of the pipeline {@link EagerHttpServer#channelInitializer()}
 * builds, after {@link EagerRequestAggregator} (which hands it {@link EagerHttpRequest}s and
 * rejections); it writes {@link EagerHttpResponse}s and {@code FullHttpResponse}s for
 * {@link EagerResponseEncoder}.
 *
 * <p>What happens to a handler's Mono:
 * <ul>
 *   <li><b>resolved</b> ({@code Mono.just/empty/error}, a finished {@code Eager.start}; see
 *       {@code Eager.isResolved}): its outcome is read at once and the
 *       response is written in the same {@code channelRead} (flushed at
 *       {@code channelReadComplete}) — no subscription, no task, no per-request object beyond the
 *       request and the response;</li>
 *   <li><b>pending</b> or <b>lazy</b>: one {@link Exchange} waits for it through
 *       {@code Eager.whenComplete} (one continuation for a pending Mono; a lazy Mono is
 *       subscribed with the request in its {@code Context}); its outcome is written on this
 *       channel's event loop — inline when it arrives there, queued to it otherwise.</li>
 * </ul>
 * With the switch off ({@code EagerPolicy.setEnabled(false)}) every Mono, resolved ones too, is
 * subscribed: the stock path, for A/B comparison.
 *
 * <p>Pipelining and backpressure: responses leave in request order; an outcome that arrives
 * before an earlier request's waits its turn. At most {@code maxInFlight} handler Monos run per
 * connection, and nothing new starts and nothing more is written while the channel is not
 * writable (the peer does not read); either way {@code autoRead} is turned off, requests already
 * decoded wait unstarted in a backlog, and everything resumes when a slot frees or on
 * {@code channelWritabilityChanged}.
 *
 * <p>A rejected request is answered with its status in order and closes the connection. A
 * handler that throws or fails → 500 with a fixed body (the error is logged here, never sent). An
 * empty Mono → the configured empty response (404). An {@code IdleStateEvent} closes the
 * connection when it owes no response. When the connection closes, every Mono still running is
 * cancelled. Any {@code Throwable} escaping a read, an outcome or an event closes this connection
 * only and goes to {@code Hooks.onErrorDropped}: it never reaches the event loop.
 *
 * <p>All state is confined to the channel's event loop; the handler must never block it.
 */
public final class EagerHttpServerHandler extends ChannelInboundHandlerAdapter {

	private static final Logger log = Loggers.getLogger(EagerHttpServerHandler.class);

	private final ServerOptions options;
	private ChannelHandlerContext ctx;

	/** Started exchanges, oldest first; the head is the next response to write. */
	private final ArrayDeque<Exchange> running = new ArrayDeque<>();
	/** Complete requests (or rejections) not started yet: maxInFlight reached, or not writable. */
	private final ArrayDeque<Exchange> backlog = new ArrayDeque<>();

	/** False once no further request will be served: Connection: close, rejection, drain, close. */
	private boolean accepting = true;
	private boolean closeDecided;
	private boolean inactive;
	private boolean inRead;
	/** A response was written and not flushed yet. */
	private boolean unflushed;
	private boolean readSuspended;
	private boolean draining;

	EagerHttpServerHandler(ServerOptions options) {
		this.options = Objects.requireNonNull(options, "options");
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	// ---------------------------------------------------------------- inbound

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!inRead) {
			// the first read of a batch: a loop-turn boundary for the fairness budget
			NettyEagerPolicy.loopTurn(ctx.executor());
		}
		inRead = true;
		try {
			if (!accepting) {
				return; // a request after Connection: close or a rejection is never answered
			}
			if (msg instanceof EagerHttpRequest request) {
				onRequest(request);
			} else if (msg instanceof RequestRejectedException rejection) {
				reject(rejection.status());
			} else if (msg == EagerRequestAggregator.CONTINUE) {
				if (running.isEmpty() && backlog.isEmpty()) {
					// Only when no earlier response is owed, so the interim answer cannot overtake one.
					ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
							Unpooled.EMPTY_BUFFER), ctx.voidPromise());
				}
			}
		} catch (Throwable t) {
			failConnection(t);
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		inRead = false;
		if (unflushed) {
			unflushed = false;
			ctx.flush();
		}
		ctx.fireChannelReadComplete();
	}

	/** Answers with an error status after what is owed, in order, then closes. */
	private void reject(HttpResponseStatus status) {
		accepting = false;
		suspendReading();
		Exchange rejection = Exchange.rejection(this, status);
		if (running.isEmpty() && backlog.isEmpty()) {
			write(null, false, null, null, status);
		} else if (backlog.isEmpty()) {
			running.add(rejection);
		} else {
			backlog.add(rejection);
		}
	}

	private void onRequest(EagerHttpRequest request) {
		boolean keepAlive = request.keepAlive();
		if (!keepAlive) {
			accepting = false;
		}
		if (!backlog.isEmpty() || running.size() >= options.maxInFlight() || !writable()) {
			// Backpressure: nothing new starts while slots are taken or the peer does not read.
			backlog.add(new Exchange(this, request, keepAlive));
			suspendReading();
			return;
		}
		start(request, keepAlive, null);
	}

	/** Runs the user handler for one request; {@code exchange} is reused when it came from the backlog. */
	private void start(EagerHttpRequest request, boolean keepAlive, Exchange exchange) {
		Mono<EagerHttpResponse> mono;
		try {
			mono = Objects.requireNonNull(options.handler().apply(request), "the handler returned a null Mono");
		} catch (VirtualMachineError | LinkageError fatal) {
			throw fatal; // to the boundary, which closes this connection
		} catch (Throwable t) {
			resolved(request, keepAlive, null, t, exchange);
			return;
		}
		if (EagerPolicy.isEnabled() && Eager.isResolved(mono)) {
			// Resolved (a finished pending too): read the outcome now. No subscription, no continuation, no task.
			EagerHttpResponse value = null;
			Throwable error = null;
			try {
				value = (EagerHttpResponse) EagerOutcomes.read(mono);
			} catch (Throwable t) {
				Exceptions.throwIfJvmFatal(t);
				error = Exceptions.unwrap(t);
			}
			resolved(request, keepAlive, value, error, exchange);
			return;
		}
		Exchange waiting = exchange != null ? exchange : new Exchange(this, request, keepAlive);
		running.add(waiting);
		if (running.size() >= options.maxInFlight()) {
			suspendReading();
		}
		waiting.await(mono, Context.of(EagerHttpRequest.CONTEXT_KEY, request));
	}

	private void resolved(EagerHttpRequest request, boolean keepAlive, EagerHttpResponse value, Throwable error,
						  Exchange exchange) {
		if (running.isEmpty()) {
			write(request, keepAlive, value, error, null);
			afterWrite();
			return;
		}
		// An earlier response is still owed: wait behind it, already done.
		Exchange done = exchange != null ? exchange : new Exchange(this, request, keepAlive);
		done.complete(value, error);
		running.add(done);
	}

	// ---------------------------------------------------------------- completion (event loop only)

	/** An exchange's outcome arrived on the event loop. */
	void onExchangeDone(Exchange exchange, EagerHttpResponse value, Throwable error) {
		if (exchange.cancelled) {
			if (error != null) {
				Operators.onErrorDropped(error, Context.empty());
			}
			return;
		}
		try {
			exchange.complete(value, error);
			drain();
		} catch (Throwable t) {
			failConnection(t);
		}
	}

	/**
	 * Writes every response that is next in order, then starts backlog requests while slots are
	 * free, both only while the channel is writable.
	 */
	private void drain() {
		if (draining || inactive) {
			return; // the running loop below picks up whatever changed
		}
		draining = true;
		try {
			boolean progress;
			do {
				progress = false;
				Exchange next;
				while ((next = running.peek()) != null && next.done && writable()) {
					running.poll();
					write(next.request, next.keepAlive, next.value, next.error, next.rejection);
					progress = true;
				}
				while (running.size() < options.maxInFlight() && writable() && (next = backlog.poll()) != null) {
					progress = true;
					if (next.done) {
						running.add(next);
					} else {
						start(next.request, next.keepAlive, next);
					}
				}
			} while (progress && !inactive);
		} finally {
			draining = false;
		}
		if (unflushed && !inRead) {
			unflushed = false;
			ctx.flush();
		}
		afterWrite();
	}

	private void afterWrite() {
		if (!writable()) {
			suspendReading(); // resumed by channelWritabilityChanged
			return;
		}
		if (readSuspended && accepting && !inactive && backlog.isEmpty() && running.size() < options.maxInFlight()) {
			readSuspended = false;
			ctx.channel().config().setAutoRead(true); // also issues a read()
		}
	}

	/** False while the channel's outbound buffer is over its high water mark (the peer is not reading). */
	private boolean writable() {
		return ctx.channel().isWritable();
	}

	/**
	 * Resumes writing owed responses, starting backlog requests and reading once the peer has
	 * read enough of what was written (the outbound buffer fell under its low water mark).
	 */
	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		if (ctx.channel().isWritable()) {
			try {
				drain();
			} catch (Throwable t) {
				failConnection(t);
			}
		}
		ctx.fireChannelWritabilityChanged();
	}

	private void suspendReading() {
		if (!readSuspended) {
			readSuspended = true;
			ctx.channel().config().setAutoRead(false);
		}
	}

	// ---------------------------------------------------------------- writing

	/** The one place a response is written. */
	private void write(EagerHttpRequest request, boolean keepAlive, EagerHttpResponse value, Throwable error,
					   HttpResponseStatus rejection) {
		if (closeDecided) {
			return;
		}
		if (rejection == null && error == null && keepAlive
				&& (accepting || !running.isEmpty() || !backlog.isEmpty())
				&& request.version() == HttpVersion.HTTP_1_1 && !HttpMethod.HEAD.equals(request.method())) {
			EagerHttpResponse answer = value != null ? value : options.emptyResponse();
			if (EagerResponseEncoder.encodedAsIs(answer.statusCode())) {
				// The common answer (HTTP/1.1, keep-alive, not HEAD): the encoder writes its head encoded once.
				ctx.write(answer, ctx.voidPromise());
				unflushed = true;
				return;
			}
		}
		FullHttpResponse response;
		if (rejection != null) {
			response = EagerResponseEncoder.plain(rejection);
			keepAlive = false;
		} else if (error != null) {
			log.error("Handler failed for {} {}: answering 500", request.method(), request.uri(), error);
			response = EagerResponseEncoder.plain(HttpResponseStatus.INTERNAL_SERVER_ERROR);
		} else {
			response = EagerResponseEncoder.render(value != null ? value : options.emptyResponse(), request.method());
		}
		boolean close = !keepAlive || (!accepting && running.isEmpty() && backlog.isEmpty());
		HttpVersion version = request != null ? request.version() : HttpVersion.HTTP_1_1;
		HttpUtil.setKeepAlive(response.headers(), version, !close);
		if (close) {
			closeDecided = true;
			suspendReading();
			ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
		} else {
			ctx.write(response, ctx.voidPromise());
			unflushed = true;
		}
	}

	// ---------------------------------------------------------------- lifecycle

	/** The connection went without reads for the idle timeout: closed when it owes nothing. */
	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
		if (evt instanceof IdleStateEvent) {
			if (running.isEmpty() && backlog.isEmpty() && !inactive) {
				log.debug("Closing {}: idle, owing no response", ctx.channel());
				ctx.close();
			}
			return;
		}
		ctx.fireUserEventTriggered(evt);
	}

	/**
	 * Graceful shutdown of this connection (event loop only): no new request is accepted, the
	 * responses still owed are written (the last one with {@code Connection: close}), then the
	 * connection closes; a connection owing nothing closes now.
	 */
	void drainGracefully() {
		accepting = false;
		if (inactive) {
			return;
		}
		if (running.isEmpty() && backlog.isEmpty()) {
			ctx.close();
		} else {
			suspendReading();
		}
	}

	/**
	 * The boundary every entry point ends at: whatever escaped (an {@code OutOfMemoryError}
	 * included) closes this connection only, is reported, and never reaches the event loop.
	 */
	private void failConnection(Throwable t) {
		accepting = false;
		closeDecided = true;
		try {
			ctx.close();
		} finally {
			// nobody can receive it: reported like every error Reactor cannot deliver (logged by default)
			Operators.onErrorDropped(t, Context.empty());
		}
	}

	EventExecutor executor() {
		return ctx.executor();
	}

	/** Requests read and not answered yet: started, done but waiting for their turn, or in the backlog. */
	int pendingRequests() {
		return running.size() + backlog.size();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		inactive = true;
		accepting = false;
		Exchange exchange;
		while ((exchange = running.poll()) != null) {
			exchange.cancel();
		}
		backlog.clear();
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof IOException) {
			log.debug("Connection {} failed: {}", ctx.channel(), cause.toString());
		} else {
			log.warn("Unexpected error on {}; closing", ctx.channel(), cause);
		}
		ctx.close();
	}
}
