package io.reactoreager.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/**
 * The last handler of a pooled client channel: hands the aggregated response to the one
 * {@link ClientExchange} that owns the channel right now, and releases it. Event loop only.
 *
 * <p>Ownership: every inbound message is released here, in {@code channelRead}'s
 * {@code finally}, exactly once; the exchange copies the body before that.
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {

    /** The exchange using this channel, or null while it idles in the pool. */
    ClientExchange current;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // a loop-turn boundary for the fairness budget
        NettyEagerPolicy.loopTurn(ctx.executor());
        try {
            ClientExchange exchange = current;
            current = null;
            if (exchange != null && msg instanceof FullHttpResponse response) {
                exchange.onResponse(response);
            } else {
                // A response nobody asked for: the channel's framing can no longer be trusted.
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ClientExchange exchange = current;
        current = null;
        if (exchange != null) {
            exchange.onFailure(new IOException("connection closed before the response was complete"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ClientExchange exchange = current;
        current = null;
        if (exchange != null) {
            exchange.onFailure(cause);
        }
        ctx.close();
    }
}
