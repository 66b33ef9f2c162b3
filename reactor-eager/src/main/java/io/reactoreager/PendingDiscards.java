package io.reactoreager;

import java.util.Arrays;
import java.util.function.Consumer;

import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The values that the steps leading to a pending value dropped (a {@code filter} that did not
 * pass, a value {@code then()} ignored), kept so that each subscriber's discard hook gets them with
 * the subscriber's Context, as each subscription to a stock {@code Sinks.one()}-backed chain
 * discards them. A step runs once, when its input completes, before any of those subscribers may
 * exist: it discards into this list (the discard hook of the Context it is given), and the pending
 * hands the list on to the pendings derived from it and to every subscriber it delivers to.
 *
 * <p>Written by the thread that completes the pending, before it publishes its outcome; read
 * after. A value dropped once the step has returned (by work it left running) goes to the
 * discard hook of the pending's own Context instead: the list may already have been handed on.
 */
final class PendingDiscards implements Consumer<Object> {

	private Object[] values = new Object[2];
	private int size;
	private volatile boolean closed;
	private final Context fallback;

	PendingDiscards(Context fallback) {
		this.fallback = fallback;
	}

	/** The discard hook the step sees. */
	@Override
	public void accept(Object value) {
		if (closed) {
			Operators.onDiscard(value, fallback);
			return;
		}
		add(value);
	}

	private void add(Object value) {
		if (size == values.length) {
			values = Arrays.copyOf(values, size * 2);
		}
		values[size++] = value;
	}

	/** Appends what {@code other} holds (the values dropped before the step of this pending ran). */
	void addAll(PendingDiscards other) {
		for (int i = 0; i < other.size; i++) {
			add(other.values[i]);
		}
	}

	/** The step has returned: later drops go to the fallback Context. */
	void close() {
		closed = true;
	}

	boolean isEmpty() {
		return size == 0;
	}

	/** Passes every value to the discard hook of {@code context} (a subscriber's). */
	void discard(Context context) {
		for (int i = 0; i < size; i++) {
			Operators.onDiscard(values[i], context);
		}
	}
}
