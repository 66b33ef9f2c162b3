package io.reactoreager.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Answers {@code 408 Request Timeout} to a connection whose request head is not complete within a
 * fixed time of its first bytes (nginx's {@code client_header_timeout}). It sits after the
 * decoder: a read that brings bytes but no head while no request is being read starts the clock,
 * the decoded head stops it, and bytes trickling in between never move the deadline, so a client
 * sending one byte a second is answered as surely as a silent one. The idle timeout falling while
 * a request is under way (a head started, or a body that stopped coming) is answered the same way;
 * on a connection with no request under way it is passed on (the server closes it if it owes
 * nothing).
 *
 * <p>The answer is a {@link RequestRejectedException} with status 408 passed on as a message, so
 * the server writes it in order after the responses it still owes, with
 * {@code Connection: close}, and then closes, as for every rejected request. A connection that
 * sent nothing is never answered: the idle timeout closes it.
 *
 * <p>It passes every other message on untouched and owns none; it allocates nothing for a head
 * that arrives within one read (the common case), and one timer for a head spread over reads.
 */
final class HeaderTimeoutHandler extends ChannelInboundHandlerAdapter implements Runnable {

	private static final Logger log = Loggers.getLogger(HeaderTimeoutHandler.class);

	private final long timeoutNanos;
	private ChannelHandlerContext ctx;
	/** Between a request's last content and the next head: bytes arriving now belong to a head. */
	private boolean betweenRequests = true;
	/** Something was decoded during the current read: its bytes were a request's, not a new head's. */
	private boolean decodedInRead;
	private ScheduledFuture<?> timer;
	/** A 408 was passed on: the connection ends with it, no clock starts again. */
	private boolean expired;

	HeaderTimeoutHandler(long timeoutNanos) {
		this.timeoutNanos = timeoutNanos;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		decodedInRead = true;
		if (msg instanceof HttpRequest) {
			betweenRequests = false;
			cancel();
		}
		if (msg instanceof LastHttpContent) {
			betweenRequests = true;
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		if (betweenRequests && !decodedInRead && timer == null && !expired) {
			// bytes arrived and nothing came of them: a head is under way from now
			timer = ctx.executor().schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
		}
		decodedInRead = false;
		ctx.fireChannelReadComplete();
	}

	/** The head's time is up. */
	@Override
	public void run() {
		timer = null;
		if (betweenRequests && ctx.channel().isActive()) {
			timedOut(ctx, "no complete request head within the header timeout");
		}
	}

	/** The idle timeout while a request is under way is that request's timeout. */
	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
		if (evt instanceof IdleStateEvent && (expired || timer != null || !betweenRequests)) {
			if (!expired && ctx.channel().isActive()) {
				timedOut(ctx, timer != null ? "no complete request head within the idle timeout"
						: "no request body bytes within the idle timeout");
			}
			return; // the 408 ends the connection: nobody else acts on idleness
		}
		ctx.fireUserEventTriggered(evt);
	}

	private void timedOut(ChannelHandlerContext ctx, String reason) {
		cancel();
		expired = true;
		log.debug("Answering 408 on {}: {}", ctx.channel(), reason);
		// a batch of one message, as a read would deliver it (the server flushes at its end)
		ctx.fireChannelRead(new RequestRejectedException(HttpResponseStatus.REQUEST_TIMEOUT, reason));
		ctx.fireChannelReadComplete();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		cancel();
		ctx.fireChannelInactive();
	}

	private void cancel() {
		ScheduledFuture<?> t = timer;
		if (t != null) {
			timer = null;
			t.cancel(false);
		}
	}
}
