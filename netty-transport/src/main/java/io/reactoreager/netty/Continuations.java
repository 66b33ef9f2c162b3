package io.reactoreager.netty;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.BiConsumer;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The one place this module waits for a Mono that is not resolved: pending or lazy, it attaches a
 * single callback and hands back the {@link Disposable} that abandons it.
 *
 * <p>It must never block and never signal the callback after disposal. Errors arriving after
 * disposal go to {@code Operators.onErrorDropped}, values to the discard hook.
 */
final class Continuations {

    private Continuations() {}

    /**
     * Attaches {@code callback} to a pending or lazy Mono: subscribed with {@code context};
     * the callback gets (value, null), (null, null) for empty, or (null, error).
     */
    static <T> Disposable whenComplete(Mono<T> mono, ContextView context,
                                       BiConsumer<? super T, ? super Throwable> callback) {
        Objects.requireNonNull(mono, "mono");
        CallbackSubscriber<T> s = new CallbackSubscriber<>(Context.of(context), callback);
        mono.subscribe(s);
        return s;
    }

    static final class CallbackSubscriber<T> implements CoreSubscriber<T>, Disposable {

        static final Subscription DISPOSED = Operators.cancelledSubscription();
        @SuppressWarnings("rawtypes")
        static final AtomicReferenceFieldUpdater<CallbackSubscriber, Subscription> S =
                AtomicReferenceFieldUpdater.newUpdater(CallbackSubscriber.class, Subscription.class, "s");

        final Context context;
        final BiConsumer<? super T, ? super Throwable> callback;
        volatile Subscription s;
        boolean done;

        CallbackSubscriber(Context context, BiConsumer<? super T, ? super Throwable> callback) {
            this.context = context;
            this.callback = callback;
        }

        @Override
        public Context currentContext() {
            return context;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.setOnce(S, this, subscription)) {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(T value) {
            if (done) {
                Operators.onNextDropped(value, context);
                return;
            }
            done = true;
            if (S.getAndSet(this, DISPOSED) == DISPOSED) {
                Operators.onDiscard(value, context);
                return;
            }
            // A Mono sends at most one value; completion follows and is ignored.
            callback.accept(value, null);
        }

        @Override
        public void onError(Throwable error) {
            if (done) {
                Operators.onErrorDropped(error, context);
                return;
            }
            done = true;
            if (S.getAndSet(this, DISPOSED) == DISPOSED) {
                Operators.onErrorDropped(error, context);
                return;
            }
            callback.accept(null, error);
        }

        @Override
        public void onComplete() {
            if (done) {
                return;
            }
            done = true;
            if (S.getAndSet(this, DISPOSED) != DISPOSED) {
                callback.accept(null, null);
            }
        }

        @Override
        public void dispose() {
            Subscription current = S.getAndSet(this, DISPOSED);
            if (current != null && current != DISPOSED) {
                current.cancel();
            }
        }

        @Override
        public boolean isDisposed() {
            return s == DISPOSED;
        }
    }
}
