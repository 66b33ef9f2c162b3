package io.reactoreager.testing;

import java.util.ArrayList;
import java.util.List;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;

/**
 * Appends every signal to a shared log ({@code subscribed}, {@code next v}, {@code complete},
 * {@code error [Class:message, ...]} with the messages of a composite error's causes, in order),
 * requests nothing by itself, and lets the test request and cancel. For differential tests that
 * compare exact signal sequences, including which errors were combined.
 */
public final class SignalLog implements CoreSubscriber<Object> {

	private final List<String> log;
	private Subscription subscription;

	public SignalLog(List<String> log) {
		this.log = log;
	}

	public void request(long n) {
		subscription.request(n);
	}

	public void cancel() {
		subscription.cancel();
	}

	@Override
	public void onSubscribe(Subscription s) {
		subscription = s;
		log.add("subscribed");
	}

	@Override
	public void onNext(Object o) {
		log.add("next " + o);
	}

	@Override
	public void onError(Throwable t) {
		List<String> messages = new ArrayList<>();
		for (Throwable e : Exceptions.unwrapMultiple(t)) {
			messages.add(e.getClass().getSimpleName() + ":" + e.getMessage());
		}
		log.add("error " + messages);
	}

	@Override
	public void onComplete() {
		log.add("complete");
	}
}
