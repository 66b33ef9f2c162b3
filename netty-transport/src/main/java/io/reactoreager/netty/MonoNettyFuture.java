package io.reactoreager.netty;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * The pending Mono of a Netty future that was not done when {@link NettyEager#from} was called.
 *
 * <p>Each subscriber adds one listener to the future (its continuation); the future's
 * notification delivers the signal, so the thread is the future's executor. When the last
 * subscriber still waiting cancels, the future is cancelled. It must never block, and never
 * deliver a signal after its subscriber cancelled (a late error goes to
 * {@code Operators.onErrorDropped}, a late value to the discard hook).
 */
final class MonoNettyFuture<T> extends Mono<T> implements Scannable {

    final Future<? extends T> future;
    /** Subscribers still waiting; reaching zero through a cancel cancels the future. */
    final AtomicInteger waiting = new AtomicInteger();

    MonoNettyFuture(Future<? extends T> future) {
        this.future = future;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        FutureSubscription<T> s = new FutureSubscription<>(actual, this);
        waiting.incrementAndGet();
        actual.onSubscribe(s);
        if (s.isCancelled()) {
            return;
        }
        // A done future notifies the listener at once, on this thread: the late subscriber is
        // answered inline. Otherwise the future's executor runs it on completion.
        future.addListener(s);
    }

    void waiterCancelled(FutureSubscription<T> s) {
        future.removeListener(s);
        if (waiting.decrementAndGet() == 0 && !future.isDone()) {
            future.cancel(false);
        }
    }

    @Override
    public Object scanUnsafe(Attr key) {
        if (key == Attr.RUN_STYLE) {
            return Attr.RunStyle.ASYNC;
        }
        return null;
    }

    static final class FutureSubscription<T> extends Operators.MonoSubscriber<T, T>
            implements GenericFutureListener<Future<T>> {

        static final int WAITING = 0;
        static final int NOTIFIED = 1;
        static final int ABANDONED = 2;
        static final AtomicIntegerFieldUpdater<FutureSubscription> PHASE =
                AtomicIntegerFieldUpdater.newUpdater(FutureSubscription.class, "phase");

        final MonoNettyFuture<T> parent;
        /** WAITING until either the future notified us or our subscriber cancelled first. */
        volatile int phase;

        FutureSubscription(CoreSubscriber<? super T> actual, MonoNettyFuture<T> parent) {
            super(actual);
            this.parent = parent;
        }

        @Override
        public void operationComplete(Future<T> f) {
            if (!PHASE.compareAndSet(this, WAITING, NOTIFIED)) {
                return; // cancelled first: nothing may be signalled, and the future is done anyway
            }
            parent.waiting.decrementAndGet();
            if (f.isSuccess()) {
                T value = f.getNow();
                if (value == null) {
                    if (!isCancelled()) {
                        actual.onComplete();
                    }
                } else {
                    complete(value);
                }
                return;
            }
            Throwable error = f.isCancelled() ? NettyEager.cancelled() : f.cause();
            if (isCancelled()) {
                Operators.onErrorDropped(error, actual.currentContext());
            } else {
                actual.onError(error);
            }
        }

        @Override
        public void cancel() {
            super.cancel();
            if (PHASE.compareAndSet(this, WAITING, ABANDONED)) {
                parent.waiterCancelled(this);
            }
        }
    }
}
