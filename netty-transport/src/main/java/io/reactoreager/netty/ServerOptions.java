package io.reactoreager.netty;

import java.util.function.Function;
import reactor.core.publisher.Mono;

/** The settings one connection's {@link EagerHttpServerHandler} runs with (immutable). */
record ServerOptions(
		Function<? super EagerHttpRequest, ? extends Mono<EagerHttpResponse>> handler,
		int maxInFlight,
		int maxInitialLineLength,
		int maxHeaderSize,
		int maxBodySize,
		long idleTimeoutNanos,
		long headerTimeoutNanos,
		EagerHttpResponse emptyResponse) {
}
