package io.reactoreager.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Closes a connection whose request head is not complete within a fixed time of its first bytes
 * (nginx's {@code client_header_timeout}). It sits after the decoder: a read that brings bytes but
 * no head while no request is being read starts the clock, the decoded head stops it, and bytes
 * trickling in between never move the deadline, so a client sending one byte a second is closed
 * as surely as a silent one.
 *
 * <p>It passes every message on untouched and owns none; it allocates nothing for a head that
 * arrives within one read (the common case), and one timer for a head spread over reads.
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
		if (betweenRequests && !decodedInRead && timer == null) {
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
			log.debug("Closing {}: no complete request head within the header timeout", ctx.channel());
			ctx.close();
		}
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
