package io.reactoreager.netty;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder with one rule made strict: a request carrying both
 * {@code Content-Length} and {@code Transfer-Encoding} is invalid (RFC 9112 §6.1 allows a server
 * to reject it, and doing so closes the door on request smuggling), where Netty's default quietly
 * drops the {@code Content-Length}. The decoder then emits a message whose decoder result is a
 * failure, which the server answers with 400 and a close.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {

    StrictRequestDecoder(HttpDecoderConfig config) {
        super(config);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new IllegalArgumentException("Content-Length together with Transfer-Encoding");
    }
}
