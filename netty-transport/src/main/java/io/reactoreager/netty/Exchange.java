package io.reactoreager.netty;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.EventExecutor;
import io.reactoreager.Eager;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * One request whose response cannot be written at once: its handler Mono is pending or lazy, or
 * an earlier response is still owed. It is the continuation of the wait — the only per-request
 * object the server allocates beyond the request and the Netty response — and hops the outcome
 * to the channel's event loop.
 *
 * <p>Its fields other than the outcome hand-off are touched only on the event loop. It never
 * writes anything itself; {@link EagerHttpServerHandler} writes in request order.
 */
final class Exchange implements BiConsumer<EagerHttpResponse, Throwable>, Runnable {

	final EagerHttpServerHandler handler;
	final EagerHttpRequest request;
	final boolean keepAlive;
	final HttpResponseStatus rejection;

	/** Event loop only. */
	boolean done;
	boolean cancelled;
	EagerHttpResponse value;
	Throwable error;
	Disposable subscription;

	/** Set off the loop by {@link #accept}, read on the loop by {@link #run}; the queue orders them. */
	private EagerHttpResponse arrivedValue;
	private Throwable arrivedError;

	Exchange(EagerHttpServerHandler handler, EagerHttpRequest request, boolean keepAlive) {
		this(handler, request, keepAlive, null);
	}

	private Exchange(EagerHttpServerHandler handler, EagerHttpRequest request, boolean keepAlive,
					 HttpResponseStatus rejection) {
		this.handler = handler;
		this.request = request;
		this.keepAlive = keepAlive;
		this.rejection = rejection;
		if (rejection != null) {
			this.done = true;
		}
	}

	static Exchange rejection(EagerHttpServerHandler handler, HttpResponseStatus status) {
		return new Exchange(handler, null, false, status);
	}

	/** Waits for a pending or lazy handler Mono; a lazy one is subscribed with {@code context}. */
	void await(Mono<EagerHttpResponse> mono, ContextView context) {
		Disposable d = Eager.whenComplete(mono, context, this);
		if (cancelled) {
			d.dispose();
		} else {
			subscription = d;
		}
	}

	void complete(EagerHttpResponse value, Throwable error) {
		this.done = true;
		this.value = value;
		this.error = error;
	}

	/** The outcome, on whatever thread produced it. */
	@Override
	public void accept(EagerHttpResponse value, Throwable error) {
		EventExecutor loop = handler.executor();
		if (EventLoopResume.mayRunInline(loop)) {
			handler.onExchangeDone(this, value, error);
		} else {
			arrivedValue = value;
			arrivedError = error;
			try {
				loop.execute(this);
			} catch (RejectedExecutionException shutDown) {
				// The loop is gone, and so is the connection: nobody can receive this outcome.
				if (error != null) {
					Operators.onErrorDropped(error, Context.of(EagerHttpRequest.CONTEXT_KEY, request));
				}
			}
		}
	}

	/** The hop: the outcome arrives on the channel's event loop. */
	@Override
	public void run() {
		// a loop task of our own: a loop-turn boundary for the fairness budget
		NettyEagerPolicy.loopTurn(handler.executor());
		handler.onExchangeDone(this, arrivedValue, arrivedError);
	}

	/** The connection closed before the response was written: abandon the handler Mono. */
	void cancel() {
		cancelled = true;
		Disposable d = subscription;
		if (d != null) {
			subscription = null;
			d.dispose();
		}
	}
}
