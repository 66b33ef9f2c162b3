package io.reactoreager;

import java.time.Duration;

import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Fuseable;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;

/**
 * A <b>resolved</b> Mono made by the eager operators: its outcome (a value, empty, or an error)
 * is known at assembly. It is a {@link Fuseable.ScalarCallable}, so stock Reactor operators fuse
 * it like {@code Mono.just}, and it skips the assembly hook: building one is one small object.
 *
 * <p>It must never hold anything that is not already computed.
 */
final class MonoResolved<T> extends Mono<T> implements Fuseable.ScalarCallable<T>, Fuseable, Scannable {

	static final MonoResolved<Object> EMPTY = new MonoResolved<>(null, null);

	@Nullable
	final T value;
	@Nullable
	final Throwable error;

	private MonoResolved(@Nullable T value, @Nullable Throwable error) {
		this.value = value;
		this.error = error;
	}

	static <T> MonoResolved<T> ofValue(T value) {
		return new MonoResolved<>(value, null);
	}

	@SuppressWarnings("unchecked")
	static <T> MonoResolved<T> ofEmpty() {
		return (MonoResolved<T>) EMPTY;
	}

	static <T> MonoResolved<T> ofError(Throwable error) {
		return new MonoResolved<>(null, error);
	}

	/** The resolved Mono for an outcome triple (value, empty, error). */
	static <T> MonoResolved<T> of(@Nullable T value, @Nullable Throwable error) {
		if (error != null) {
			return ofError(error);
		}
		return value == null ? ofEmpty() : ofValue(value);
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		if (error != null) {
			Operators.error(actual, error);
		}
		else if (value == null) {
			Operators.complete(actual);
		}
		else {
			actual.onSubscribe(Operators.scalarSubscription(actual, value));
		}
	}

	@Override
	@Nullable
	public T call() throws Exception {
		if (error != null) {
			if (error instanceof Exception e) {
				throw e;
			}
			throw Exceptions.propagate(error);
		}
		return value;
	}

	@Override
	@Nullable
	public T block() {
		if (error != null) {
			throw Exceptions.propagate(error);
		}
		return value;
	}

	@Override
	@Nullable
	public T block(Duration timeout) {
		return block();
	}

	@Override
	@Nullable
	public Object scanUnsafe(Attr key) {
		if (key == Attr.TERMINATED) {
			return true;
		}
		if (key == Attr.ERROR) {
			return error;
		}
		if (key == Attr.RUN_STYLE) {
			return Attr.RunStyle.SYNC;
		}
		return null;
	}

	@Override
	public String toString() {
		return error != null ? "Eager.resolved(error " + error + ")" : value == null ? "Eager.resolved(empty)" : "Eager.resolved(" + value + ")";
	}
}
