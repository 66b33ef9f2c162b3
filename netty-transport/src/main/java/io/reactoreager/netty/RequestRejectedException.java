package io.reactoreager.netty;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the server refuses by rule, with the status it is answered with; carried as the
 * cause of a failed {@code DecoderResult}. No stack trace: it is a verdict, not a bug.
 */
final class RequestRejectedException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final transient HttpResponseStatus status;

	RequestRejectedException(HttpResponseStatus status, String reason) {
		super(reason);
		this.status = status;
	}

	/** @return the status the request is answered with */
	HttpResponseStatus status() {
		return status;
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}
}
