package io.reactoreager;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;
/**
 * One subscription of {@link FluxEagerConcatMap}: the subscriber of the source, the continuation
 * of the current pending inner (it is itself the {@link Waiter}, so a suspension allocates
 * nothing); demand goes to the successive inners through its superclass, the arbiter
 * {@link FluxEagerConcatMapArbiter}.
 * <ul>
 * <li>{@code onNext}: maps the element; a resolved inner's value is emitted inline (or held until
 * there is demand), a pending inner is waited on, a lazy inner is subscribed with a
 * {@link FluxEagerConcatMapInner}; the next element is requested when the inner completes;</li>
 * <li>{@code onError}: fails fast: cancels the current inner and delivers the error;</li>
 * <li>{@code onComplete}: completes at once when no inner is running, else after the last one;</li>
 * <li>{@code request}: asks the source for the first element, then passes demand to the current
 * inner through the arbiter (a non-positive request fails, §3.9);</li>
 * <li>{@code cancel}: cancels the source and the current inner, discarding a held value.</li>
 * </ul>
 * It must never run two inners at once, emit more than requested, or drop a value without
 * passing it to {@link Operators#onDiscard}.
 */
final class FluxEagerConcatMapMain<T, R> extends FluxEagerConcatMapArbiter implements CoreSubscriber<T>, Subscription, Waiter, Scannable,
		PublisherOutcome.InnerHandler<T, R> {

	static final int INITIAL = 0;
	static final int REQUESTED = 1;
	static final int ACTIVE = 2;
	static final int LAST_ACTIVE = 3;
	static final int TERMINATED = 4;
	static final int CANCELLED = 5;

	@SuppressWarnings("rawtypes")
	static final AtomicIntegerFieldUpdater<FluxEagerConcatMapMain> STATE = AtomicIntegerFieldUpdater.newUpdater(FluxEagerConcatMapMain.class, "state");
	@SuppressWarnings("rawtypes")
	static final AtomicReferenceFieldUpdater<FluxEagerConcatMapMain, Throwable> ERROR =
			AtomicReferenceFieldUpdater.newUpdater(FluxEagerConcatMapMain.class, Throwable.class, "error");

	final CoreSubscriber<? super R> actual;
	final Function<? super T, ? extends Publisher<? extends R>> mapper;

	Subscription upstream;

	volatile int state;
	@Nullable
	volatile Throwable error;

	/** The inner being waited on: a {@link MonoPending}, a {@link FluxEagerConcatMapInner}, or null. */
	@Nullable
	volatile Object current;

	FluxEagerConcatMapMain(CoreSubscriber<? super R> actual, Function<? super T, ? extends Publisher<? extends R>> mapper) {
		this.actual = actual;
		this.mapper = mapper;
	}

	@Override
	public Context currentContext() {
		return actual.currentContext();
	}

	@Override
	public void onSubscribe(Subscription s) {
		if (Operators.validate(this.upstream, s)) {
			this.upstream = FluxSourcePull.fuse(s, this);
			actual.onSubscribe(this);
		}
	}

	@Override
	public void onNext(T t) {
		if (!STATE.compareAndSet(this, REQUESTED, ACTIVE)) {
			int s = state;
			if (s == CANCELLED) {
				Operators.onDiscard(t, currentContext());
			}
			else if (s == TERMINATED) {
				Operators.onNextDropped(t, currentContext());
			}
			return;
		}
		Publisher<? extends R> p;
		try {
			p = Objects.requireNonNull(mapper.apply(t), "The mapper returned a null Publisher");
		}
		catch (Throwable e) {
			Context ctx = currentContext();
			Operators.onDiscard(t, ctx);
			if (!maybeOnError(Operators.onNextError(t, e, ctx), ctx, true)) {
				innerComplete();
			}
			return;
		}
		PublisherOutcome.inner(p, t, EagerOperator.FLUX_CONCAT_MAP, true, this);
	}

	/** A pending inner that had finished: a value as a resolved one, an error as a subscribed inner's. */
	@Override
	public void onFinishedPendingInner(T t, @Nullable R v, @Nullable Throwable e) {
		if (e != null) {
			// stock subscribes a pending (it is no Callable): its error goes the way of a
			// subscribed inner's (onNextInnerError, the source value not discarded)
			innerError(e);
		}
		else {
			onResolvedInner(t, v, null);
		}
	}

	/** A pending inner: this main is its one continuation. */
	@Override
	public void onPendingInner(T t, MonoPending<? extends R> mp) {
		current = mp;
		if (!mp.addWaiter(this)) {
			mp.observed();
			resume(mp.value, mp.error);
		}
		else if (state >= TERMINATED) {
			// cancelled while registering: cancel() may not have seen this pending
			mp.removeWaiter(this);
		}
	}

	/** A lazy inner: subscribed, and the current inner until it completes. */
	@Override
	public void onLazyInner(T t, Publisher<? extends R> p) {
		FluxEagerConcatMapInner<R> inner = new FluxEagerConcatMapInner<>(this);
		current = inner;
		Operators.toFluxOrMono(p).subscribe(inner);
	}

	/** A resolved inner: its value is emitted when requested, an error ends or continues as stock. */
	@Override
	public void onResolvedInner(T t, @Nullable R v, @Nullable Throwable e) {
		if (e != null) {
			Context ctx = currentContext();
			Operators.onDiscard(t, ctx);
			if (!maybeOnError(Operators.onNextError(t, e, ctx), ctx, true)) {
				innerComplete();
			}
		}
		else if (v == null) {
			innerComplete();
		}
		else {
			emitOrHold(v);
		}
	}

	/** A resolved or pending inner's value: straight down under unbounded demand, else through the arbiter. */
	void emitOrHold(Object v) {
		if (unbounded) {
			innerNext(v);
			innerComplete();
		}
		else {
			hold(v);
		}
	}

	/** The pending inner's outcome: this operator is its one continuation. */
	@Override
	@SuppressWarnings("unchecked")
	public void resume(@Nullable Object v, @Nullable Throwable e) {
		current = null;
		// the next source element may be mapped from here, on the pending's thread: with the
		// subscriber's ThreadLocals, as stock restores them around a subscribed inner's signals
		Object scope = EagerThreadLocals.restore(currentContext());
		try {
			if (e != null) {
				innerError(e);
			}
			else if (v == null) {
				innerComplete();
			}
			else if (state >= TERMINATED) {
				Operators.onDiscard(v, currentContext());
			}
			else {
				emitOrHold(v);
			}
		}
		finally {
			EagerThreadLocals.close(scope);
		}
	}

	@Override
	public EagerOperator operator() {
		return EagerOperator.FLUX_CONCAT_MAP;
	}

	@Override
	public void onError(Throwable t) {
		if (!maybeOnError(t, currentContext(), false)) {
			onComplete();
		}
	}

	@Override
	public void onComplete() {
		for (;;) {
			int s = state;
			if (s == INITIAL || s == REQUESTED) {
				if (STATE.compareAndSet(this, s, TERMINATED)) {
					deliverTerminal();
					return;
				}
			}
			else if (s == ACTIVE) {
				if (STATE.compareAndSet(this, s, LAST_ACTIVE)) {
					return;
				}
			}
			else {
				return;
			}
		}
	}

	/** Delivers the recorded error, else completion; called once, by whoever moved the state to TERMINATED. */
	void deliverTerminal() {
		Throwable ex = error;
		if (ex != null) {
			actual.onError(ex);
		}
		else {
			actual.onComplete();
		}
	}

	/** A value of the current inner, emitted under the lock that also guards a racing error. */
	synchronized void innerNext(Object v) {
		int s = state;
		if (s == ACTIVE || s == LAST_ACTIVE) {
			@SuppressWarnings("unchecked")
			R r = (R) v;
			actual.onNext(r);
		}
		else {
			Operators.onDiscard(v, currentContext());
		}
	}

	void innerComplete() {
		for (;;) {
			int s = state;
			if (s == ACTIVE) {
				if (STATE.compareAndSet(this, s, REQUESTED)) {
					upstream.request(1);
					return;
				}
			}
			else if (s == LAST_ACTIVE) {
				if (STATE.compareAndSet(this, s, TERMINATED)) {
					deliverTerminal();
					return;
				}
			}
			else {
				return;
			}
		}
	}

	void innerError(Throwable e) {
		Context ctx = currentContext();
		if (!maybeOnError(Operators.onNextInnerError(e, ctx, null), ctx, true)) {
			innerComplete();
		}
	}

	/**
	 * Fails fast: records the error, terminates, cancels the source ({@code cancelSource}) or
	 * the current inner, and delivers the error. Returns false when the error was recovered
	 * (onErrorContinue).
	 */
	boolean maybeOnError(@Nullable Throwable e, Context ctx, boolean cancelSource) {
		if (e == null) {
			return false;
		}
		if (!ERROR.compareAndSet(this, null, e)) {
			Operators.onErrorDropped(e, ctx);
		}
		for (;;) {
			int s = state;
			if (s == CANCELLED || s == TERMINATED) {
				return true;
			}
			if (STATE.compareAndSet(this, s, TERMINATED)) {
				if (cancelSource) {
					upstream.cancel();
				}
				else {
					cancelCurrent();
				}
				synchronized (this) {
					actual.onError(error);
				}
				return true;
			}
		}
	}

	@Override
	public void request(long n) {
		if (n <= 0) {
			// §3.9: stock Reactor only logs a non-positive request; a Publisher must signal it
			if (maybeOnError(BadRequest.of(n), currentContext(), true)) {
				cancelCurrent();
			}
			return;
		}
		if (STATE.compareAndSet(this, INITIAL, REQUESTED)) {
			upstream.request(1);
		}
		addRequest(n);
	}

	@Override
	public void cancel() {
		int previous = STATE.getAndSet(this, CANCELLED);
		if (previous == CANCELLED) {
			return;
		}
		cancelCurrent();
		if (previous != TERMINATED) {
			upstream.cancel();
		}
	}

	void cancelCurrent() {
		Object c = current;
		if (c instanceof MonoPending<?> mp) {
			mp.removeWaiter(this);
		}
		else if (c instanceof FluxEagerConcatMapInner<?> inner) {
			inner.cancel();
		}
		drainArbiter();
	}

	@Override
	boolean isTerminated() {
		return state >= TERMINATED;
	}

	/** The held value of a resolved or pending inner, now requested: emitted, and the inner is done. */
	@Override
	void emitHeld(Object v) {
		innerNext(v);
		innerComplete();
	}

	@Override
	@Nullable
	public Object scanUnsafe(Attr key) {
		if (key == Attr.PARENT) return upstream;
		if (key == Attr.ACTUAL) return actual;
		if (key == Attr.TERMINATED) return state == TERMINATED;
		if (key == Attr.CANCELLED) return state == CANCELLED;
		if (key == Attr.ERROR) return error;
		if (key == Attr.RUN_STYLE) return Attr.RunStyle.SYNC;
		return null;
	}
}
