package io.reactoreager;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.reactoreager.testing.CountingOn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The failure modes CPython hit when eager tasks met {@code asyncio.TaskGroup}, reproduced, and
 * shown not to happen here.
 */
@ExtendWith(CountingOn.class)
class TaskGroupEagerRacesTest {

	/** A lazy child that never finishes and records its subscription and cancellation. */
	static final class Probe {
		final AtomicInteger subscribed = new AtomicInteger();
		final AtomicInteger cancelled = new AtomicInteger();

		Mono<String> mono() {
			return Mono.<String>never().doOnSubscribe(s -> subscribed.incrementAndGet()).doOnCancel(cancelled::incrementAndGet);
		}
	}

	/** A subscriber that lets the test (or a child) cancel the group at any moment. */
	static final class Canceller<T> extends BaseSubscriber<T> {
		final AtomicInteger signals = new AtomicInteger();

		@Override
		protected void hookOnNext(T value) {
			signals.incrementAndGet();
		}

		@Override
		protected void hookOnComplete() {
			signals.incrementAndGet();
		}

		@Override
		protected void hookOnError(Throwable throwable) {
			signals.incrementAndGet();
		}
	}

	// ------------------------------------------------------------ (1) gh-97696 era

	@Test
	void childFailingEagerlyInsideForkBeforeItIsRecordedStillCancelsSiblingsAndFailsTheGroup() {
		Probe sibling = new Probe();
		IOException boom = new IOException("failed inside fork");
		AtomicReference<Mono<String>> failedChild = new AtomicReference<>();
		AtomicBoolean closedRightAfterFork = new AtomicBoolean();
		AtomicReference<Throwable> laterFork = new AtomicReference<>();
		Probe never = new Probe();
		Mono<String> g = Eager.group(tg -> {
			tg.fork(sibling.mono());
			// lazy, fails synchronously while fork subscribes it: before any registration
			failedChild.set(tg.fork(Mono.fromCallable(() -> {
				throw boom;
			})));
			closedRightAfterFork.set(tg.isClosed());
			try {
				tg.fork(never.mono());
			}
			catch (IllegalStateException e) {
				laterFork.set(e);
			}
			return Mono.just("unreached");
		});
		StepVerifier.create(g).expectErrorSatisfies(e -> assertThat(e).isSameAs(boom)).verify(Duration.ofSeconds(5));

		assertThat(Eager.isResolved(failedChild.get())).isTrue();
		assertThat(closedRightAfterFork).isTrue();
		assertThat(sibling.subscribed).hasValue(1);
		assertThat(sibling.cancelled).hasValue(1);
		assertThat(laterFork.get()).isInstanceOf(IllegalStateException.class);
		assertThat(never.subscribed).hasValue(0);
	}

	@Test
	void childFinishingEagerlyInsideForkIsAccountedAndTheGroupDoesNotWaitForIt() {
		EagerStats.Snapshot before = EagerStats.snapshot();
		Mono<String> g = Eager.group(tg -> {
			tg.fork(Mono.fromCallable(() -> "done inside fork"));
			tg.fork(Eager.start(Mono.fromCallable(() -> "finished eager value")));
			assertThat(((TaskGroupRun<?>) tg).registeredChildren()).isZero();
			return Mono.just("body");
		});
		StepVerifier.create(g).expectNext("body").expectComplete().verify(Duration.ofSeconds(5));
		assertThat(EagerStats.snapshot().minus(before).count(EagerOperator.FORK, EagerStats.Kind.SUSPENDED)).isZero();
	}

	/**
	 * cpython #128588 (3.12, eager tasks): a child failing eagerly inside {@code create_task}
	 * leaked a CancelledError out of the group instead of the child's error.
	 */
	@Test
	void onlyChildFailingEagerlyFailsTheGroupWithItsOwnError() {
		IOException boom = new IOException("boom");
		StepVerifier.create(Eager.group(tg -> {
			tg.fork(Mono.defer(() -> Mono.error(boom)));
			return Mono.empty();
		})).expectErrorSatisfies(e -> {
			assertThat(e).isSameAs(boom);
			assertThat(e.getSuppressed()).isEmpty();
		}).verify(Duration.ofSeconds(5));
	}

	// ------------------------------------------------------------ (2) cpython #128550

	/**
	 * cpython #128550, its exact shape: a child, while it is being created (eagerly), creates a
	 * sibling that fails eagerly, then suspends. The failure aborted the group before the first
	 * child was recorded, so it was never cancelled and the group deadlocked.
	 */
	@Test
	void childStillBeingForkedWhenASiblingItForkedFailsIsCancelledAndTheGroupFails() {
		IOException boom = new IOException("third task failed");
		Probe second = new Probe();
		Mono<String> g = Eager.group(tg -> {
			tg.fork(Mono.defer(() -> {
				tg.fork(Mono.error(boom));
				return second.mono();
			}));
			return Mono.empty();
		});
		StepVerifier.create(g).expectErrorSatisfies(e -> assertThat(e).isSameAs(boom)).verify(Duration.ofSeconds(5));
		assertThat(second.subscribed).hasValue(1);
		assertThat(second.cancelled).hasValue(1);
	}

	@Test
	void cancelWhileTheBodyIsStillForkingLeavesNoChildRunningAndNoForkAfterClose() {
		Probe first = new Probe();
		Probe afterCancel = new Probe();
		Canceller<String> subscriber = new Canceller<>();
		AtomicReference<Throwable> forkError = new AtomicReference<>();
		Mono<String> g = Eager.group(tg -> {
			tg.fork(first.mono());
			subscriber.dispose(); // the group is cancelled between two forks
			try {
				tg.fork(afterCancel.mono());
			}
			catch (IllegalStateException e) {
				forkError.set(e);
			}
			return Mono.just("body");
		});
		g.subscribe(subscriber);

		assertThat(first.subscribed).hasValue(1);
		assertThat(first.cancelled).hasValue(1);
		assertThat(forkError.get()).isInstanceOf(IllegalStateException.class);
		assertThat(afterCancel.subscribed).hasValue(0);
		assertThat(subscriber.signals).hasValue(0);
	}

	@Test
	void cancelRacingWithForksFromAnotherThreadLeavesNoChildRunning() throws InterruptedException {
		for (int round = 0; round < 300; round++) {
			List<Probe> probes = new ArrayList<>();
			AtomicInteger accepted = new AtomicInteger();
			AtomicInteger refused = new AtomicInteger();
			CountDownLatch forking = new CountDownLatch(1);
			Canceller<String> subscriber = new Canceller<>();
			Mono<String> g = Eager.group(tg -> {
				for (int i = 0; i < 10_000; i++) {
					Probe p = new Probe();
					try {
						tg.fork(p.mono());
						accepted.incrementAndGet();
					}
					catch (IllegalStateException e) {
						refused.incrementAndGet();
						probes.add(p);
						break;
					}
					probes.add(p);
					forking.countDown();
				}
				return Mono.never();
			});
			cancelWhileTheBodyForks(g, subscriber, forking);

			// every child that started was cancelled; the first fork after close started nothing
			int started = 0;
			for (Probe p : probes) {
				started += p.subscribed.get();
				assertThat(p.cancelled.get()).isEqualTo(p.subscribed.get());
			}
			assertThat(started).isEqualTo(accepted.get());
			assertThat(refused.get()).isLessThanOrEqualTo(1);
			assertThat(subscriber.signals).hasValue(0);
		}
	}

	/**
	 * The same race with nested groups, each waiting on a pending child of its own: a forked group
	 * that started is a child of the outer group as soon as it waits, so the cancel reaches its
	 * pending child whichever side of the race its registration falls on.
	 */
	@Test
	void cancelRacingWithNestedGroupsForkedFromAnotherThreadCancelsEveryStartedLeaf() throws InterruptedException {
		for (int round = 0; round < 100; round++) {
			AtomicInteger started = new AtomicInteger();
			AtomicInteger cancelled = new AtomicInteger();
			CountDownLatch forking = new CountDownLatch(1);
			Canceller<Long> subscriber = new Canceller<>();
			Mono<Long> g = Eager.group(tg -> {
				try {
					for (int i = 0; i < 1_000; i++) {
						tg.fork(Eager.group(in -> {
							started.incrementAndGet();
							return in.fork(Eager.<Long>sink(cancelled::incrementAndGet).asMono());
						}));
						forking.countDown();
					}
				}
				catch (IllegalStateException closed) {
					// the first fork after the cancel: refused, nothing started
				}
				return Mono.never();
			});
			cancelWhileTheBodyForks(g, subscriber, forking);
			assertThat(cancelled.get()).isEqualTo(started.get());
			assertThat(subscriber.signals).hasValue(0);
		}
	}

	/** Subscribes {@code group} on another thread, cancels it once the body has forked, and waits for the body to return. */
	static <T> void cancelWhileTheBodyForks(Mono<T> group, Canceller<T> subscriber, CountDownLatch forking) throws InterruptedException {
		CountDownLatch bodyDone = new CountDownLatch(1);
		Schedulers.parallel().schedule(() -> {
			group.subscribe(subscriber);
			bodyDone.countDown();
		});
		assertThat(forking.await(10, TimeUnit.SECONDS)).isTrue();
		subscriber.dispose();
		assertThat(bodyDone.await(10, TimeUnit.SECONDS)).isTrue();
	}

	// ------------------------------------------------------------ (3) cpython #155418

	/**
	 * cpython #155418, its exact shape: a child calls {@code tg.cancel()} before its first
	 * suspension; the abort ran before the child was recorded, so it was never cancelled and the
	 * group hung. Here the group completes (empty) and the child is cancelled.
	 */
	@Test
	void childCallingCancelOnTheGroupBeforeItsFirstSuspensionIsCancelledAndTheGroupExits() {
		Probe self = new Probe();
		Probe sibling = new Probe();
		Mono<String> g = Eager.group(tg -> {
			tg.fork(sibling.mono());
			tg.fork(Mono.defer(() -> {
				tg.cancel();
				return self.mono();
			}));
			return Mono.just("body value is discarded");
		});
		StepVerifier.create(g).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(self.subscribed).hasValue(1);
		assertThat(self.cancelled).hasValue(1);
		assertThat(sibling.cancelled).hasValue(1);
	}

	@Test
	void childCancellingTheGroupFromItsEagerBodyBeforeItIsJoinedIsCancelledItself() {
		Probe sibling = new Probe();
		Probe self = new Probe();
		Probe later = new Probe();
		Canceller<String> subscriber = new Canceller<>();
		AtomicReference<Mono<String>> selfMono = new AtomicReference<>();
		AtomicReference<Throwable> laterFork = new AtomicReference<>();
		Mono<String> g = Eager.group(tg -> {
			tg.fork(sibling.mono());
			selfMono.set(tg.fork(Mono.defer(() -> {
				subscriber.dispose(); // cancels the group from inside its own eager start
				return self.mono();
			})));
			try {
				tg.fork(later.mono());
			}
			catch (IllegalStateException e) {
				laterFork.set(e);
			}
			return Mono.just("body");
		});
		g.subscribe(subscriber);

		assertThat(sibling.cancelled).hasValue(1);
		assertThat(self.subscribed).hasValue(1);
		assertThat(self.cancelled).hasValue(1);
		StepVerifier.create(selfMono.get()).expectError(java.util.concurrent.CancellationException.class).verify();
		assertThat(laterFork.get()).isInstanceOf(IllegalStateException.class);
		assertThat(later.subscribed).hasValue(0);
		assertThat(subscriber.signals).hasValue(0);
	}

	@Test
	void childFailingTheGroupFromItsEagerBodyAfterForkingASiblingCancelsThatSibling() {
		IOException boom = new IOException("boom");
		AtomicReference<TaskGroup> group = new AtomicReference<>();
		Probe grandSibling = new Probe();
		Mono<String> g = Eager.group(tg -> {
			group.set(tg);
			tg.fork(Mono.defer(() -> {
				// a child that forks a sibling from its eager start, then fails
				tg.fork(grandSibling.mono());
				return Mono.error(boom);
			}));
			return Mono.just("body");
		});
		StepVerifier.create(g).expectErrorSatisfies(e -> assertThat(e).isSameAs(boom)).verify();
		assertThat(grandSibling.subscribed).hasValue(1);
		assertThat(grandSibling.cancelled).hasValue(1);
		assertThatThrownBy(() -> group.get().fork(Mono.just("x"))).isInstanceOf(IllegalStateException.class);
	}
}
