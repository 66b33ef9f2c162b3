package io.reactoreager;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.BiConsumer;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * {@link Eager#whenComplete}: a callback on a Mono's outcome. On a resolved Mono it runs inline;
 * on a pending one it is the one continuation; on a lazy one it is the subscriber. It runs the
 * callback at most once and never after disposal.
 */
final class EagerCallback<T> implements Waiter, CoreSubscriber<T>, Disposable {

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(EagerCallback.class, "state", Object.class);
		}
		catch (ReflectiveOperationException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

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
		if (EagerPolicy.enabled) {
			if (mono instanceof MonoResolved<T> r) {
				Trampoline.count(EagerOperator.WHEN_COMPLETE, EagerStats.Kind.INLINE);
				callback.accept(r.value(), r.error());
				return Disposables.disposed();
			}
			if (mono instanceof MonoPending<T> p) {
				EagerCallback<T> c = new EagerCallback<>(callback, context);
				if (p.isDone()) {
					Trampoline.count(EagerOperator.WHEN_COMPLETE, EagerStats.Kind.INLINE);
					p.observed();
					callback.accept(p.value, p.error);
					return Disposables.disposed();
				}
				Trampoline.count(EagerOperator.WHEN_COMPLETE, EagerStats.Kind.SUSPENDED);
				c.state = p;
				if (!p.addWaiter(c)) {
					c.resume(p.value, p.error);
				}
				return c;
			}
			if (mono instanceof Fuseable.ScalarCallable<?> sc) {
				Trampoline.count(EagerOperator.WHEN_COMPLETE, EagerStats.Kind.INLINE);
				T v;
				try {
					v = (T) sc.call();
				}
				catch (Throwable e) {
					Exceptions.throwIfFatal(e);
					callback.accept(null, Exceptions.unwrap(e));
					return Disposables.disposed();
				}
				callback.accept(v, null);
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

	@Override
	@SuppressWarnings("unchecked")
	public void resume(@Nullable Object value, @Nullable Throwable error) {
		if (claim()) {
			callback.accept((T) value, error);
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
	public void onNext(T t) {
		if (hasValue) {
			Operators.onNextDropped(t, context);
			return;
		}
		hasValue = true;
		if (claim()) {
			callback.accept(t, null);
		}
		else {
			Operators.onDiscard(t, context);
		}
	}

	@Override
	public void onError(Throwable t) {
		if (hasValue || !claim()) {
			Operators.onErrorDropped(t, context);
			return;
		}
		callback.accept(null, t);
	}

	@Override
	public void onComplete() {
		if (!hasValue && claim()) {
			callback.accept(null, null);
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
