package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelFuture;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.reactoreager.Eager;
import io.reactoreager.EagerOperator;
import io.reactoreager.EagerPolicy;
import io.reactoreager.EagerStats;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class NettyEagerTest {

	static EventLoop loop;

	@BeforeAll
	static void startLoop() {
		EagerPolicy.setStatsEnabled(true); // off by default: these tests read the counts
		loop = new DefaultEventLoop();
	}

	@AfterAll
	static void stopLoop() throws InterruptedException {
		EagerPolicy.setStatsEnabled(false);
		assertThat(loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void doneFutureWithValueIsResolved() {
		Mono<String> mono = NettyEager.from(ImmediateEventExecutor.INSTANCE.newSucceededFuture("v"));
		assertThat(Eager.isResolved(mono)).isTrue();
		StepVerifier.create(mono).expectNext("v").verifyComplete();
	}

	@Test
	void doneFutureWithNullIsResolvedEmpty() {
		Mono<Void> mono = NettyEager.from(ImmediateEventExecutor.INSTANCE.<Void>newSucceededFuture(null));
		assertThat(Eager.isResolved(mono)).isTrue();
		StepVerifier.create(mono).verifyComplete();
	}

	@Test
	void failedFutureIsResolvedError() {
		IOException boom = new IOException("boom");
		Mono<String> mono = NettyEager.from(ImmediateEventExecutor.INSTANCE.<String>newFailedFuture(boom));
		assertThat(Eager.isResolved(mono)).isTrue();
		StepVerifier.create(mono).expectErrorMatches(e -> e == boom).verify();
	}

	@Test
	void cancelledFutureIsResolvedCancellationError() {
		Promise<String> promise = ImmediateEventExecutor.INSTANCE.newPromise();
		promise.cancel(false);
		Mono<String> mono = NettyEager.from(promise);
		assertThat(Eager.isResolved(mono)).isTrue();
		StepVerifier.create(mono).expectError(CancellationException.class).verify();
	}

	@Test
	void inFlightFutureIsPendingAndResumesOnItsEventLoop() throws InterruptedException {
		Promise<String> promise = loop.newPromise();
		Mono<String> mono = NettyEager.from(promise);
		assertThat(Eager.isPending(mono)).isTrue();

		AtomicReference<Thread> deliveredOn = new AtomicReference<>();
		CountDownLatch delivered = new CountDownLatch(1);
		mono.subscribe(v -> {
			deliveredOn.set(Thread.currentThread());
			delivered.countDown();
		});
		AtomicReference<Thread> loopThread = new AtomicReference<>();
		loop.execute(() -> {
			loopThread.set(Thread.currentThread());
			promise.setSuccess("late");
		});
		assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(deliveredOn.get()).isSameAs(loopThread.get());
	}

	@Test
	void completionOnTheEventLoopIsDeliveredInline() throws Exception {
		Promise<String> promise = loop.newPromise();
		Mono<String> mono = NettyEager.from(promise);
		AtomicReference<String> seen = new AtomicReference<>();
		mono.subscribe(seen::set);
		// Within the same task: the subscriber saw the value before setSuccess returned.
		String seenRightAfterSuccess = loop.submit(() -> {
			promise.setSuccess("now");
			return seen.get();
		}).get(10, TimeUnit.SECONDS);
		assertThat(seenRightAfterSuccess).isEqualTo("now");
	}

	@Test
	void inFlightFailureAndCancellationAreSignalled() {
		Promise<String> failing = loop.newPromise();
		StepVerifier.create(NettyEager.from(failing))
				.then(() -> loop.execute(() -> failing.setFailure(new IOException("reset"))))
				.expectErrorMessage("reset")
				.verify(Duration.ofSeconds(10));

		Promise<String> cancelled = loop.newPromise();
		StepVerifier.create(NettyEager.from(cancelled))
				.then(() -> cancelled.cancel(false))
				.expectError(CancellationException.class)
				.verify(Duration.ofSeconds(10));
	}

	@Test
	void cancellingThePendingMonoCancelsTheFuture() {
		Promise<String> promise = loop.newPromise();
		Disposable subscription = NettyEager.from(promise).subscribe();
		assertThat(promise.isCancelled()).isFalse();
		subscription.dispose();
		assertThat(promise.isCancelled()).isTrue();
	}

	@Test
	void theFutureIsCancelledOnlyWhenTheLastObserverCancels() {
		Promise<String> promise = loop.newPromise();
		Mono<String> mono = NettyEager.from(promise);
		Disposable first = mono.subscribe();
		Disposable second = mono.subscribe();
		first.dispose();
		assertThat(promise.isCancelled()).isFalse();
		second.dispose();
		assertThat(promise.isCancelled()).isTrue();
	}

	@Test
	void lateSubscriberOfACompletedPendingMonoGetsTheValueInline() {
		Promise<String> promise = ImmediateEventExecutor.INSTANCE.newPromise();
		Mono<String> mono = NettyEager.from(promise);
		promise.setSuccess("done");
		AtomicReference<String> seen = new AtomicReference<>();
		mono.subscribe(seen::set);
		assertThat(seen.get()).isEqualTo("done");
	}

	@Test
	void channelFuturesBecomeMonoVoid() {
		EmbeddedChannel channel = new EmbeddedChannel();
		ChannelFuture written = channel.writeAndFlush("x");
		Mono<Void> mono = NettyEager.from(written);
		assertThat(Eager.isResolved(mono)).isTrue();
		StepVerifier.create(mono).verifyComplete();
		assertThat((String) channel.readOutbound()).isEqualTo("x");

		ChannelFuture pending = channel.newPromise();
		Mono<Void> pendingMono = NettyEager.from(pending);
		assertThat(Eager.isPending(pendingMono)).isTrue();
		StepVerifier.create(pendingMono)
				.then(() -> ((io.netty.channel.ChannelPromise) pending).setSuccess())
				.verifyComplete();
		assertThat(channel.finishAndReleaseAll()).isFalse();
	}

	@Test
	void doneFuturesAreCountedInlineAndInFlightOnesSuspended() {
		EagerStats.Snapshot before = EagerStats.snapshot();
		NettyEager.from(ImmediateEventExecutor.INSTANCE.newSucceededFuture("v"));
		NettyEager.from(ImmediateEventExecutor.INSTANCE.<String>newFailedFuture(new IOException("boom")));
		Promise<String> inFlight = ImmediateEventExecutor.INSTANCE.newPromise();
		Mono<String> pending = NettyEager.from(inFlight);
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);

		assertThat(delta.count(EagerOperator.NETTY_FUTURE, EagerStats.Kind.INLINE)).isEqualTo(2);
		assertThat(delta.count(EagerOperator.NETTY_FUTURE, EagerStats.Kind.SUSPENDED)).isEqualTo(1);

		// Completing the future later is the resumption, not another bridge: no further count.
		EagerStats.Snapshot beforeCompletion = EagerStats.snapshot();
		inFlight.setSuccess("late");
		StepVerifier.create(pending).expectNext("late").verifyComplete();
		EagerStats.Snapshot after = EagerStats.snapshot().minus(beforeCompletion);
		assertThat(after.count(EagerOperator.NETTY_FUTURE, EagerStats.Kind.INLINE)).isZero();
		assertThat(after.count(EagerOperator.NETTY_FUTURE, EagerStats.Kind.SUSPENDED)).isZero();
	}

	@Test
	void nettyFutureIsNotCountedWhenStatsAreOff() {
		EagerPolicy.setStatsEnabled(false);
		try {
			EagerStats.Snapshot before = EagerStats.snapshot();
			NettyEager.from(ImmediateEventExecutor.INSTANCE.newSucceededFuture("v"));
			NettyEager.from(ImmediateEventExecutor.INSTANCE.<String>newPromise());
			EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);
			assertThat(delta.count(EagerOperator.NETTY_FUTURE, EagerStats.Kind.INLINE)).isZero();
			assertThat(delta.count(EagerOperator.NETTY_FUTURE, EagerStats.Kind.SUSPENDED)).isZero();
		} finally {
			EagerPolicy.setStatsEnabled(true);
		}
	}
}
