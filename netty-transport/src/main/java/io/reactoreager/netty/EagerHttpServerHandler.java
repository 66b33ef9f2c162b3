package io.reactoreager.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.reactoreager.EagerPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import reactor.core.Exceptions;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.Logger;
import reactor.util.Loggers;
import reactor.util.context.Context;

/**
 * Serves one HTTP/1.1 connection with a {@code Function<EagerHttpRequest, Mono<EagerHttpResponse>>}.
 * It sits after {@link StrictRequestDecoder} and an {@code HttpResponseEncoder}; obtain the
 * whole pipeline from {@link EagerHttpServer#channelInitializer()}.
 *
 * <p>What happens to a handler's Mono:
 * <ul>
 *   <li><b>resolved</b> ({@code Mono.just/empty/error}): its outcome is read at once and the
 *       response is written in the same {@code channelRead} (flushed at
 *       {@code channelReadComplete}) — no subscription, no task, no per-request object beyond the
 *       request and the Netty response;</li>
 *   <li><b>pending</b> or <b>lazy</b>: one {@link Exchange} waits for it through
 *       {@code Eager.whenComplete} (one continuation for a pending Mono; a lazy Mono is
 *       subscribed with the request in its {@code Context}); its outcome is written on this
 *       channel's event loop — inline when it arrives there, queued to it otherwise.</li>
 * </ul>
 * With the switch off ({@code EagerPolicy.setEnabled(false)}) every Mono, resolved ones too, is
 * subscribed: the stock path, for A/B comparison.
 *
 * <p>Pipelining: responses leave in request order; an outcome that arrives before an earlier
 * request's waits in the queue. At most {@code maxInFlight} handler Monos run per connection;
 * then {@code autoRead} is turned off, and requests the decoder already had in its buffer wait
 * in a backlog, unstarted, until one finishes.
 *
 * <p>Ownership: every inbound message is released in {@code channelRead}'s {@code finally};
 * bodies are copied into the request first. A keep-alive HTTP/1.1 answer (not to {@code HEAD})
 * is one pooled buffer with the response's head, encoded once per {@link EagerHttpResponse}, and
 * its body, written from the encoder's context (the encoder is skipped; the bytes are its own) and
 * released by the transport; other answers wrap the response's array in a {@code FullHttpResponse}
 * that the encoder encodes and releases.
 *
 * <p>Bad input is answered in order and closes the connection: malformed → 400, headers too large
 * → 431, request line too long → 414, body too large → 413, {@code Content-Length} with
 * {@code Transfer-Encoding} → 400. A handler that throws or fails → 500 with a fixed body (the
 * error is logged here, never sent). An empty Mono → the configured empty response (404).
 * A connection that owes no response and receives no complete request for the idle timeout is
 * closed (this covers idle keep-alive and slowly trickling clients). When the connection closes,
 * every Mono still running is cancelled.
 *
 * <p>All state is confined to the channel's event loop; the handler must never block it.
 */
public final class EagerHttpServerHandler extends ChannelInboundHandlerAdapter implements Runnable {

    private static final Logger log = Loggers.getLogger(EagerHttpServerHandler.class);
    /** Bodies up to this size are copied into the head's buffer (one buffer, one write). */
    private static final int MERGE_BODY_LIMIT = 8192;

    private final ServerOptions options;
    private ChannelHandlerContext ctx;

    /** Started exchanges, oldest first; the head is the next response to write. */
    private final ArrayDeque<Exchange> running = new ArrayDeque<>();
    /** Complete requests (or rejections) not started yet because {@code maxInFlight} was reached. */
    private final ArrayDeque<Exchange> backlog = new ArrayDeque<>();

    /** The request whose body is being read, or null between requests. */
    private HttpRequest head;
    private byte[] body;
    private int bodyLength;
    /** The head's {@code Content-Length}, or -1: caps the body array's growth. */
    private long declaredLength = -1;

    /** False once no further request will be served: Connection: close, bad input, drain, close. */
    private boolean accepting = true;
    private boolean closeDecided;
    private boolean inactive;
    private boolean inRead;
    /** A response was written and not flushed yet. */
    private boolean unflushed;
    private boolean readSuspended;
    private boolean draining;

    private long quietSinceNanos;
    private ScheduledFuture<?> idleTimer;
    /**
     * The {@code HttpResponseEncoder}'s context when it is the outbound handler right before this
     * one, else null: writing an already encoded response from there skips the encoder and nothing
     * else (see {@link #writeEncoded}).
     */
    private ChannelHandlerContext encoderContext;

    EagerHttpServerHandler(ServerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.encoderContext = encoderJustBefore(ctx);
        if (ctx.channel().isActive()) {
            armIdleTimer();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        armIdleTimer();
        ctx.fireChannelActive();
    }

    private static ChannelHandlerContext encoderJustBefore(ChannelHandlerContext ctx) {
        ChannelHandlerContext encoder = ctx.pipeline().context(HttpResponseEncoder.class);
        if (encoder == null || encoder.handler().getClass() != HttpResponseEncoder.class) {
            return null;
        }
        List<String> names = ctx.pipeline().names();
        int self = names.indexOf(ctx.name());
        return self > 0 && names.get(self - 1).equals(encoder.name()) ? encoder : null;
    }

    private void armIdleTimer() {
        quietSinceNanos = System.nanoTime();
        if (idleTimer == null && options.idleTimeoutNanos() > 0) {
            idleTimer = ctx.executor().schedule(this, options.idleTimeoutNanos(), TimeUnit.NANOSECONDS);
        }
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
            if (msg instanceof HttpRequest request) {
                onHead(request);
            }
            if (msg instanceof HttpContent content) {
                onContent(content);
            }
        } catch (Throwable t) {
            failConnection(t);
        } finally {
            // We own every inbound message; bodies were copied into the request.
            ReferenceCountUtil.release(msg);
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

    private void onHead(HttpRequest request) {
        if (!accepting) {
            return; // a request after Connection: close or a rejection is never answered
        }
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            reject(statusFor(result.cause()));
            return;
        }
        long contentLength;
        try {
            contentLength = HttpUtil.getContentLength(request, -1L);
        } catch (NumberFormatException e) {
            reject(HttpResponseStatus.BAD_REQUEST);
            return;
        }
        if (contentLength > options.maxBodySize()) {
            reject(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect)) {
            reject(HttpResponseStatus.EXPECTATION_FAILED);
            return;
        }
        if (HttpUtil.is100ContinueExpected(request) && running.isEmpty() && backlog.isEmpty()) {
            // Only when no earlier response is owed, so the interim response cannot overtake one.
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER), ctx.voidPromise());
        }
        head = request;
        // Memory follows the bytes received, never the declared length: the array grows as they arrive.
        body = null;
        bodyLength = 0;
        declaredLength = contentLength;
    }

    private void onContent(HttpContent content) {
        HttpRequest request = head;
        if (request == null) {
            return;
        }
        if (content.decoderResult().isFailure()) {
            reject(statusFor(content.decoderResult().cause()));
            return;
        }
        ByteBuf buf = content.content();
        int n = buf.readableBytes();
        if (n > 0) {
            if ((long) bodyLength + n > options.maxBodySize()) {
                reject(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
                return;
            }
            ensureBodyCapacity(bodyLength + n);
            buf.getBytes(buf.readerIndex(), body, bodyLength, n);
            bodyLength += n;
        }
        if (content instanceof LastHttpContent last) {
            if (!last.trailingHeaders().isEmpty()) {
                request.headers().add(last.trailingHeaders());
            }
            EagerHttpRequest eagerRequest = new EagerHttpRequest(request.method(), request.protocolVersion(),
                    request.uri(), request.headers(), body, bodyLength, ctx.channel().remoteAddress());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            head = null;
            body = null;
            onRequest(eagerRequest, keepAlive);
        }
    }

    private void ensureBodyCapacity(int needed) {
        byte[] current = body;
        if (current == null || current.length < needed) {
            int size = current == null ? 256 : current.length * 2;
            long cap = declaredLength >= needed ? declaredLength : options.maxBodySize();
            size = (int) Math.min(Math.max(size, needed), cap);
            byte[] grown = new byte[size];
            if (current != null) {
                System.arraycopy(current, 0, grown, 0, bodyLength);
            }
            body = grown;
        }
    }

    private static HttpResponseStatus statusFor(Throwable cause) {
        if (cause instanceof RequestRejectedException rejection) {
            return rejection.status();
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        if (cause instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        return HttpResponseStatus.BAD_REQUEST;
    }

    /** Answers the current request with an error status and closes after it, in order. */
    private void reject(HttpResponseStatus status) {
        head = null;
        body = null;
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

    private void onRequest(EagerHttpRequest request, boolean keepAlive) {
        if (!keepAlive) {
            accepting = false;
        }
        if (!backlog.isEmpty() || running.size() >= options.maxInFlight() || !ctx.channel().isWritable()) {
            // Backpressure: nothing new starts while the peer does not read what we wrote.
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
        if (mono instanceof Fuseable.ScalarCallable && EagerPolicy.isEnabled()) {
            // Resolved: read the outcome now. No subscription, no continuation, no task.
            EagerHttpResponse value = null;
            Throwable error = null;
            try {
                value = (EagerHttpResponse) ((Callable<?>) mono).call();
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

    /** Writes every response that is next in order, then starts backlog requests while slots are free. */
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
        if (running.isEmpty() && backlog.isEmpty()) {
            quietSinceNanos = System.nanoTime();
        }
        if (!writable()) {
            suspendReading(); // resumed by channelWritabilityChanged
            return;
        }
        if (readSuspended && accepting && !inactive && backlog.isEmpty() && running.size() < options.maxInFlight()
                && ctx.channel().isWritable()) {
            readSuspended = false;
            ctx.channel().config().setAutoRead(true); // also issues a read()
        }
    }

    /** False while the channel's outbound buffer is over its high water mark (the peer is not reading). */
    private boolean writable() {
        return ctx.channel().isWritable();
    }

    /**
     * Resumes writing owed responses, starting backlog requests and reading when the peer has
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

    private void suspendReading() {
        if (!readSuspended) {
            readSuspended = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    // ---------------------------------------------------------------- writing

    /** The one place a response is rendered and written. */
    private void write(EagerHttpRequest request, boolean keepAlive, EagerHttpResponse value, Throwable error,
                       HttpResponseStatus rejection) {
        if (closeDecided) {
            return;
        }
        if (rejection == null && error == null && keepAlive && encoderContext != null
                && (accepting || !running.isEmpty() || !backlog.isEmpty())
                && request.version() == HttpVersion.HTTP_1_1 && !HttpMethod.HEAD.equals(request.method())) {
            EagerHttpResponse answer = value != null ? value : options.emptyResponse();
            if (encodedAsIs(answer.statusCode())) {
                // The common answer (HTTP/1.1, keep-alive, not HEAD): the response's head was encoded once.
                writeEncoded(answer);
                return;
            }
        }
        FullHttpResponse response;
        if (rejection != null) {
            response = plain(rejection);
            keepAlive = false;
        } else if (error != null) {
            log.error("Handler failed for {} {}: answering 500", request.method(), request.uri(), error);
            response = plain(HttpResponseStatus.INTERNAL_SERVER_ERROR);
        } else {
            response = render(value != null ? value : options.emptyResponse(), request.method());
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

    /**
     * False for the statuses whose headers {@code HttpResponseEncoder} rewrites (1xx and 204 lose
     * {@code Content-Length}, 205 gets {@code Content-Length: 0}, 304 keeps it with no body):
     * those answers keep going through the encoder.
     */
    private static boolean encodedAsIs(int status) {
        return status >= 200 && status != 204 && status != 205 && status != 304;
    }

    /**
     * Writes a keep-alive HTTP/1.1 response from its encoded head and its body, in one buffer like
     * {@code HttpResponseEncoder} does for a small body, from the encoder's context so the encoder
     * is skipped: the bytes are those it would have produced (status line, the response's headers,
     * {@code content-length}, no {@code connection} header), without a {@code FullHttpResponse},
     * its two header maps, or encoding the same headers again for every request.
     */
    private void writeEncoded(EagerHttpResponse value) {
        byte[] head = value.keepAliveHead();
        byte[] body = value.bodyForWrite();
        ChannelHandlerContext out = encoderContext;
        if (body.length <= MERGE_BODY_LIMIT) {
            ByteBuf buf = out.alloc().buffer(head.length + body.length);
            buf.writeBytes(head).writeBytes(body);
            out.write(buf, out.voidPromise());
        } else {
            out.write(Unpooled.wrappedBuffer(head), out.voidPromise());
            out.write(Unpooled.wrappedBuffer(body), out.voidPromise());
        }
        unflushed = true;
    }

    private static FullHttpResponse render(EagerHttpResponse value, HttpMethod method) {
        byte[] bytes = value.bodyForWrite();
        ByteBuf content = bytes.length == 0 || HttpMethod.HEAD.equals(method)
                ? Unpooled.EMPTY_BUFFER
                : Unpooled.wrappedBuffer(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, value.status(), content);
        response.headers().set(value.headersForWrite());
        HttpUtil.setContentLength(response, bytes.length);
        return response;
    }

    private static FullHttpResponse plain(HttpResponseStatus status) {
        byte[] text = status.reasonPhrase().getBytes(StandardCharsets.US_ASCII);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(text));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=US-ASCII");
        HttpUtil.setContentLength(response, text.length);
        return response;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Idle check: closes a connection that owes nothing and got no complete request in time. */
    @Override
    public void run() {
        idleTimer = null;
        if (inactive) {
            return;
        }
        try {
            checkIdle();
        } catch (Throwable t) {
            failConnection(t);
        }
    }

    private void checkIdle() {
        long timeout = options.idleTimeoutNanos();
        long delay = timeout;
        if (running.isEmpty() && backlog.isEmpty()) {
            long quiet = System.nanoTime() - quietSinceNanos;
            if (quiet >= timeout) {
                log.debug("Closing {}: no complete request within the idle timeout", ctx.channel());
                ctx.close();
                return;
            }
            delay = timeout - quiet;
        }
        idleTimer = ctx.executor().schedule(this, delay, TimeUnit.NANOSECONDS);
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

    EventExecutor executor() {
        return ctx.executor();
    }

    /** Requests read and not answered yet: started, done but waiting for their turn, or in the backlog. */
    int pendingRequests() {
        return running.size() + backlog.size();
    }

    /** Bytes held for the body being read (the array's capacity, not the declared length). */
    int bodyCapacity() {
        return body == null ? 0 : body.length;
    }

    /** Body bytes received so far for the request being read. */
    int bodyReceived() {
        return bodyLength;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
        accepting = false;
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
        Exchange exchange;
        while ((exchange = running.poll()) != null) {
            exchange.cancel();
        }
        backlog.clear();
        head = null;
        body = null;
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
