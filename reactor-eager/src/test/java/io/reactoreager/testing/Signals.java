package io.reactoreager.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records the signals a Publisher delivers as comparable strings ({@code onNext(4)},
 * {@code onError(java.lang.IllegalStateException: boom)}, {@code onComplete}) and turns a recorded
 * list into {@link StepVerifier} expectations.
 */
public final class Signals {

	/** How long any test waits for a terminal signal. */
	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	private Signals() {
	}

	public static String onNext(Object v) {
		return "onNext(" + v + ")";
	}

	/**
	 * The recorded form of an error. One stock message is normalized: stock {@code Mono.flatMap}
	 * says "The mapper returned a null Publisher" when its source is a {@code Callable}
	 * ({@code FluxFlatMap#trySubscribeScalarMap}) and "The mapper returned a null Mono" otherwise
	 * ({@code MonoFlatMap}), so which one applies depends on how the stock chain was assembled, not
	 * on the signals; the eager flatMap always uses MonoFlatMap's.
	 */
	public static String onError(Throwable e) {
		String message = "The mapper returned a null Publisher".equals(e.getMessage()) && e instanceof NullPointerException
				? "The mapper returned a null Mono" : e.getMessage();
		return "onError(" + e.getClass().getName() + ": " + message + ")";
	}

	public static final String ON_COMPLETE = "onComplete";

	/** Subscribes with an unbounded request and returns the signals once terminated (fails on timeout). */
	public static List<String> record(Publisher<?> p) {
		return record(p, Context.empty());
	}

	/** Same as {@link #record(Publisher)}, subscribing with the given Context. */
	public static List<String> record(Publisher<?> p, Context context) {
		Recorder r = new Recorder(context);
		p.subscribe(r);
		r.await();
		return r.signals();
	}

	/**
	 * Verifies with StepVerifier that {@code p} delivers exactly {@code expected}; {@code afterSubscribe}
	 * runs once subscribed (e.g. to complete a pending input only then).
	 */
	public static void verify(Publisher<?> p, List<String> expected, Runnable afterSubscribe) {
		StepVerifier.Step<?> step = StepVerifier.create(p).then(afterSubscribe);
		for (String s : expected) {
			if (s.equals(ON_COMPLETE)) {
				step.expectComplete().verify(TIMEOUT);
				return;
			}
			if (s.startsWith("onError(")) {
				String body = s.substring("onError(".length(), s.length() - 1);
				step.expectErrorSatisfies(e -> assertThat(onError(e)).isEqualTo(s)).verify(TIMEOUT);
				assertThat(body).isNotEmpty();
				return;
			}
			step = step.assertNext(v -> assertThat(onNext(v)).isEqualTo(s));
		}
		throw new AssertionError("expected signals have no terminal: " + expected);
	}

	/** A subscriber that records signals, requests unbounded, and counts down once terminated. */
	public static final class Recorder implements CoreSubscriber<Object> {

		private final Context context;
		private final List<String> signals = Collections.synchronizedList(new ArrayList<>());
		private final CountDownLatch done = new CountDownLatch(1);
		private volatile Subscription subscription;
		private final long request;

		public Recorder(Context context) {
			this(context, Long.MAX_VALUE);
		}

		public Recorder(Context context, long request) {
			this.context = context;
			this.request = request;
		}

		@Override
		public Context currentContext() {
			return context;
		}

		@Override
		public void onSubscribe(Subscription s) {
			subscription = s;
			if (request > 0) {
				s.request(request);
			}
		}

		@Override
		public void onNext(Object o) {
			signals.add(Signals.onNext(o));
		}

		@Override
		public void onError(Throwable t) {
			signals.add(Signals.onError(t));
			done.countDown();
		}

		@Override
		public void onComplete() {
			signals.add(ON_COMPLETE);
			done.countDown();
		}

		public Subscription subscription() {
			return subscription;
		}

		public List<String> signals() {
			synchronized (signals) {
				return new ArrayList<>(signals);
			}
		}

		public boolean isTerminated() {
			return done.getCount() == 0;
		}

		public void await() {
			try {
				if (!done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new AssertionError("no terminal signal within " + TIMEOUT + "; got " + signals());
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}
	}
}
