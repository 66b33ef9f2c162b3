package io.reactoreager;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.reactivestreams.Subscription;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * The demand arbiter of one {@code concatMap} subscription, as stock's multi-subscription arbiter:
 * downstream demand, what the current inner produced, the current lazy inner's subscription, and
 * a value held for want of demand arrive from any thread as "missed" inputs and are applied in
 * turn under one work-in-progress counter ({@link #drainArbiter()}). Signals:
 * <ul>
 * <li>{@link #addRequest(long)}: more downstream demand, passed on to the current inner;</li>
 * <li>{@link #innerSubscription(Subscription)}: a new lazy inner, asked for the demand that is
 * still outstanding;</li>
 * <li>{@link #innerProduced(long)}: what the finished inner emitted, taken off the demand;</li>
 * <li>{@link #hold(Object)}: a resolved or pending inner's value, emitted through
 * {@link #emitHeld(Object)} once there is demand;</li>
 * <li>once {@link #isTerminated()}: a new subscription is cancelled and a held value
 * discarded.</li>
 * </ul>
 * It is the superclass of {@link FluxEagerConcatMapMain}, so that it costs no object of its own.
 * It must never request from a subscription or emit while holding the counter (both happen after
 * it is released, so that an inner completing synchronously can start the next one without
 * being deferred), never let demand exceed what downstream requested, and never drop a held value
 * without passing it to {@link Operators#onDiscard}.
 */
abstract sealed class FluxEagerConcatMapArbiter permits FluxEagerConcatMapMain {

	@SuppressWarnings("rawtypes")
	static final AtomicIntegerFieldUpdater<FluxEagerConcatMapArbiter> ARBITER_WIP = AtomicIntegerFieldUpdater.newUpdater(FluxEagerConcatMapArbiter.class, "arbiterWip");
	@SuppressWarnings("rawtypes")
	static final AtomicLongFieldUpdater<FluxEagerConcatMapArbiter> MISSED_REQUESTED = AtomicLongFieldUpdater.newUpdater(FluxEagerConcatMapArbiter.class, "missedRequested");
	@SuppressWarnings("rawtypes")
	static final AtomicLongFieldUpdater<FluxEagerConcatMapArbiter> MISSED_PRODUCED = AtomicLongFieldUpdater.newUpdater(FluxEagerConcatMapArbiter.class, "missedProduced");
	@SuppressWarnings("rawtypes")
	static final AtomicReferenceFieldUpdater<FluxEagerConcatMapArbiter, Subscription> MISSED_SUBSCRIPTION =
			AtomicReferenceFieldUpdater.newUpdater(FluxEagerConcatMapArbiter.class, Subscription.class, "missedSubscription");
	@SuppressWarnings("rawtypes")
	static final AtomicReferenceFieldUpdater<FluxEagerConcatMapArbiter, Object> MISSED_HELD =
			AtomicReferenceFieldUpdater.newUpdater(FluxEagerConcatMapArbiter.class, Object.class, "missedHeld");

	// arbiter inputs, from any thread
	volatile int arbiterWip;
	volatile long missedRequested;
	volatile long missedProduced;
	@Nullable
	volatile Subscription missedSubscription;
	@Nullable
	volatile Object missedHeld;

	/** Set once downstream demand is unbounded: values then go straight down, as in stock. */
	volatile boolean unbounded;

	// arbiter state, touched only by the thread that holds arbiterWip
	long requested;
	@Nullable
	Subscription subscription;
	@Nullable
	Object held;

	/** The downstream context, for discarding. */
	public abstract Context currentContext();

	/** Whether the subscription has terminated or been cancelled. */
	abstract boolean isTerminated();

	/** Emits a held value that now has demand; called outside the counter. */
	abstract void emitHeld(Object v);

	/** Adds downstream demand. */
	void addRequest(long n) {
		Operators.addCap(MISSED_REQUESTED, this, n);
		drainArbiter();
	}

	/** Holds a value until there is demand for it. */
	void hold(Object v) {
		MISSED_HELD.lazySet(this, v);
		drainArbiter();
	}

	/** A new lazy inner's subscription: it is asked for the demand still outstanding. */
	void innerSubscription(Subscription s) {
		MISSED_SUBSCRIPTION.lazySet(this, s);
		drainArbiter();
	}

	/** What the finished inner emitted, taken off the outstanding demand. */
	void innerProduced(long n) {
		Operators.addCap(MISSED_PRODUCED, this, n);
		drainArbiter();
	}

	/**
	 * Applies missed demand, produced counts, a new inner subscription and a held value under
	 * the arbiter's work-in-progress counter; the resulting request (or the held value's
	 * emission) happens after the counter is released, so that an inner completing
	 * synchronously inside it can start the next inner without being deferred (as stock's
	 * arbiter does).
	 */
	void drainArbiter() {
		if (ARBITER_WIP.getAndIncrement(this) != 0) {
			return;
		}
		int missed = 1;
		long requestAmount = 0L;
		long alreadyInRequestAmount = 0L;
		Subscription requestTarget = null;
		Object emit = null;
		for (;;) {
			long mr = missedRequested != 0L ? MISSED_REQUESTED.getAndSet(this, 0L) : 0L;
			long mp = missedProduced != 0L ? MISSED_PRODUCED.getAndSet(this, 0L) : 0L;
			Subscription ms = missedSubscription != null ? MISSED_SUBSCRIPTION.getAndSet(this, null) : null;
			Object mh = missedHeld != null ? MISSED_HELD.getAndSet(this, null) : null;
			if (mh != null) {
				held = mh;
			}
			if (isTerminated()) {
				if (ms != null) {
					ms.cancel();
				}
				Object h = held;
				held = null;
				subscription = null;
				requestAmount = 0L;
				if (emit != null) {
					Operators.onDiscard(emit, currentContext());
					emit = null;
				}
				if (h != null) {
					Operators.onDiscard(h, currentContext());
				}
			}
			else {
				long r = requested;
				if (r != Long.MAX_VALUE) {
					r = Operators.addCap(r, mr);
					if (r != Long.MAX_VALUE) {
						r = Math.max(0L, r - mp);
					}
					requested = r;
					if (r == Long.MAX_VALUE) {
						unbounded = true;
					}
				}
				if (ms != null) {
					subscription = ms;
					if (r != 0L) {
						requestAmount = Operators.addCap(requestAmount, r - alreadyInRequestAmount);
						requestTarget = ms;
					}
				}
				else if (mr != 0L && subscription != null) {
					requestAmount = Operators.addCap(requestAmount, mr);
					alreadyInRequestAmount += mr;
					requestTarget = subscription;
				}
				Object h = held;
				if (h != null && r != 0L) {
					held = null;
					if (r != Long.MAX_VALUE) {
						requested = r - 1;
					}
					emit = h;
				}
			}
			missed = ARBITER_WIP.addAndGet(this, -missed);
			if (missed == 0) {
				break;
			}
		}
		if (requestAmount != 0L && requestTarget != null) {
			requestTarget.request(requestAmount);
		}
		if (emit != null) {
			emitHeld(emit);
		}
	}
}
