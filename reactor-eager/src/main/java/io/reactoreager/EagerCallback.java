package io.reactoreager;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.BiConsumer;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * {@link Eager#whenComplete}: a callback on a Mono's outcome. On a resolved Mono it runs inline;
 * on a pending one it is the one continuation; on a lazy one it is the subscriber. It runs the
 * callback at most once and never after disposal.
 */
final class EagerCallback<T> implements Waiter, OutcomeSubscriber<T>, Disposable {

	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<EagerCallback, Object> STATE =
			AtomicReferenceFieldUpdater.newUpdater(EagerCallback.class, Object.class, "state");

	private static final Object DISPOSED = new Object();
	private static final Object CALLED = new Object();

	final BiConsumer<? super T, ? super Throwable> callback;
	final Context context;
	boolean hasValue;

	/** null, the Subscription / MonoPending to cancel, CALLED or DISPOSED. */
	@SuppressWarnings("unused")
	volatile Object state;

	private EagerCallback(BiConsumer<? super T, ? super Throwable> callback, Context context) {
		this.callback = callback;
		this.context = context;
	}

	@SuppressWarnings("unchecked")
	static <T> Disposable whenComplete(Mono<T> mono, Context context, BiConsumer<? super T, ? super Throwable> callback) {
		if (EagerPolicy.on()) {
			MonoPending<T> p = (MonoPending<T>) PublisherOutcome.pending(mono);
			if (p != null) {
				EagerCallback<T> c = new EagerCallback<>(callback, context);
				Trampoline.count(EagerOperator.WHEN_COMPLETE, EagerStats.Kind.SUSPENDED);
				c.state = p;
				if (!p.addWaiter(c)) {
					c.resume(p.value, p.error);
				}
				return c;
			}
			Object o = PublisherOutcome.peek(mono);
			if (o != PublisherOutcome.NOT_RESOLVED) {
				Trampoline.count(EagerOperator.WHEN_COMPLETE, EagerStats.Kind.INLINE);
				callback.accept((T) PublisherOutcome.value(o), PublisherOutcome.error(o));
				return Disposables.disposed();
			}
			Trampoline.count(EagerOperator.WHEN_COMPLETE, EagerStats.Kind.LAZY_SUBSCRIPTION);
		}
		EagerCallback<T> c = new EagerCallback<>(callback, context);
		mono.subscribe(c);
		return c;
	}

	private boolean claim() {
		for (;;) {
			Object s = state;
			if (s == CALLED || s == DISPOSED) {
				return false;
			}
			if (STATE.compareAndSet(this, s, CALLED)) {
				return true;
			}
		}
	}

	/**
	 * Runs the callback from a continuation or a subscription: an exception it throws goes to
	 * {@code Hooks.onErrorDropped} (fatal errors are rethrown), so that it neither reaches the thread
	 * completing the awaited value nor keeps that value's other observers from their outcome.
	 */
	private void call(@Nullable T value, @Nullable Throwable error) {
		Object scope = EagerThreadLocals.restore(context);
		try {
			callback.accept(value, error);
		}
		catch (Throwable e) {
			Exceptions.throwIfFatal(e);
			Operators.onErrorDropped(e, context);
		}
		finally {
			EagerThreadLocals.close(scope);
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public void resume(@Nullable Object value, @Nullable Throwable error) {
		if (claim()) {
			call((T) value, error);
		}
		else if (error != null) {
			Operators.onErrorDropped(error, context);
		}
	}

	@Override
	public EagerOperator operator() {
		return EagerOperator.WHEN_COMPLETE;
	}

	@Override
	public Context currentContext() {
		return context;
	}

	@Override
	public void onSubscribe(Subscription s) {
		for (;;) {
			Object c = state;
			if (c == DISPOSED || c == CALLED) {
				s.cancel();
				return;
			}
			if (STATE.compareAndSet(this, c, s)) {
				s.request(Long.MAX_VALUE);
				return;
			}
		}
	}

	@Override
	public boolean claimOutcome() {
		if (hasValue) {
			return false;
		}
		hasValue = true;
		return true;
	}

	@Override
	public void onOutcome(@Nullable T value, @Nullable Throwable error) {
		if (claim()) {
			call(value, error);
		}
		else {
			OutcomeSubscriber.refuse(value, error, context);
		}
	}

	@Override
	public void dispose() {
		Object s = STATE.getAndSet(this, DISPOSED);
		if (s == CALLED) {
			state = CALLED;
			return;
		}
		if (s instanceof Subscription sub) {
			sub.cancel();
		}
		else if (s instanceof MonoPending<?> p) {
			p.removeWaiter(this);
		}
	}

	@Override
	public boolean isDisposed() {
		Object s = state;
		return s == DISPOSED || s == CALLED;
	}
}
