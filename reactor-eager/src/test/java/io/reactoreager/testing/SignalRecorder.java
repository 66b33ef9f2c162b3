package io.reactoreager.testing;

import java.util.ArrayList;
import java.util.List;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * Records every signal it receives as a string ({@code next(v)}, {@code error(Class: message)},
 * {@code complete}), requests nothing by itself, and reports protocol violations (a signal after
 * a terminal one, more values than requested, overlapping signals) as recorded signals so that
 * they fail comparisons.
 */
public final class SignalRecorder<T> implements CoreSubscriber<T> {

	private final List<String> signals = new ArrayList<>();
	private volatile Subscription subscription;
	private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
	private long outstanding;
	private boolean terminated;

	@Override
	public void onSubscribe(Subscription s) {
		subscription = s;
	}

	@Override
	public void onNext(T t) {
		enter();
		try {
			record(t);
		}
		finally {
			inFlight.decrementAndGet();
		}
	}

	/** Flags overlapping signals (§1.3), which the lock below would otherwise hide. */
	private void enter() {
		if (inFlight.getAndIncrement() != 0) {
			synchronized (this) {
				signals.add("VIOLATION concurrent signals");
			}
		}
	}

	private synchronized void record(T t) {
		if (terminated) {
			signals.add("VIOLATION next after terminal " + t);
		}
		if (outstanding == 0) {
			signals.add("VIOLATION next without demand " + t);
		}
		else if (outstanding != Long.MAX_VALUE) {
			outstanding--;
		}
		signals.add("next(" + t + ")");
	}

	@Override
	public synchronized void onError(Throwable t) {
		if (terminated) {
			signals.add("VIOLATION error after terminal");
		}
		terminated = true;
		signals.add("error(" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")");
	}

	@Override
	public synchronized void onComplete() {
		if (terminated) {
			signals.add("VIOLATION complete after terminal");
		}
		terminated = true;
		signals.add("complete");
	}

	public void request(long n) {
		synchronized (this) {
			outstanding = outstanding + n < 0 ? Long.MAX_VALUE : outstanding + n;
		}
		subscription.request(n);
	}

	public void cancel() {
		subscription.cancel();
	}

	public synchronized List<String> signals() {
		return new ArrayList<>(signals);
	}

	public synchronized boolean isTerminated() {
		return terminated;
	}
}
