package io.reactoreager;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.reactoreager.testing.CountingOn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The semantics table of task groups: completion, failure, cancellation, nesting, scale. */
@ExtendWith(CountingOn.class)
class TaskGroupTest {

	/** A pending child that counts how often its work was cancelled. */
	static final class Child {
		final AtomicInteger cancels = new AtomicInteger();
		final EagerSink<String> sink = Eager.sink(cancels::incrementAndGet);

		Mono<String> mono() {
			return sink.asMono();
		}
	}

	@Test
	void groupCompletesWithBodyValueOnlyAfterEveryChildFinished() {
		Child a = new Child();
		Child b = new Child();
		Mono<String> g = Eager.group(tg -> {
			tg.fork(a.mono());
			tg.fork(b.mono());
			return Mono.just("body");
		});
		StepVerifier.create(g)
				.expectSubscription()
				.expectNoEvent(Duration.ZERO)
				.then(() -> a.sink.tryEmitValue("a"))
				.expectNoEvent(Duration.ZERO)
				.then(() -> b.sink.tryEmitEmpty())
				.expectNext("body")
				.verifyComplete();
		assertThat(a.cancels).hasValue(0);
		assertThat(b.cancels).hasValue(0);
	}

	@Test
	void groupIsLazyAndRunsTheBodyOncePerSubscription() {
		AtomicInteger runs = new AtomicInteger();
		Mono<Integer> g = Eager.group(tg -> Mono.just(runs.incrementAndGet()));
		assertThat(runs).hasValue(0);
		StepVerifier.create(g).expectNext(1).verifyComplete();
		StepVerifier.create(g).expectNext(2).verifyComplete();
	}

	@Test
	void bodyCanAwaitItsChildren() {
		Child a = new Child();
		Mono<String> g = Eager.group(tg -> tg.fork(a.mono()).transform(Eager.map(s -> s + "!")));
		StepVerifier.create(g)
				.then(() -> a.sink.tryEmitValue("a"))
				.expectNext("a!")
				.verifyComplete();
	}

	@Test
	void childFailureCancelsPendingSiblingsAndBodyAndFailsTheGroup() {
		Child sibling = new Child();
		Child failing = new Child();
		AtomicReference<Mono<String>> siblingMono = new AtomicReference<>();
		IOException boom = new IOException("boom");
		Mono<String> g = Eager.group(tg -> {
			siblingMono.set(tg.fork(sibling.mono()));
			tg.fork(failing.mono());
			return Mono.<String>never();
		});
		StepVerifier.create(g)
				.then(() -> failing.sink.tryEmitError(boom))
				.expectErrorSatisfies(e -> {
					assertThat(e).isSameAs(boom);
					assertThat(e.getSuppressed()).isEmpty();
				})
				.verify(Duration.ofSeconds(5));
		assertThat(sibling.cancels).hasValue(1);
		StepVerifier.create(siblingMono.get()).expectError(CancellationException.class).verify();
	}

	@Test
	void bodyFailureCancelsChildren() {
		Child a = new Child();
		IllegalArgumentException bad = new IllegalArgumentException("bad body");
		Mono<String> g = Eager.group(tg -> {
			tg.fork(a.mono());
			throw bad;
		});
		StepVerifier.create(g).expectErrorSatisfies(e -> assertThat(e).isSameAs(bad)).verify();
		assertThat(a.cancels).hasValue(1);
	}

	@Test
	void laterFailuresAreAddedAsSuppressedToTheFirst() {
		IOException first = new IOException("first");
		IOException second = new IOException("second");
		// a sibling that fails as it is being cancelled: a genuine second failure
		EagerSink<String>[] failsOnCancel = new EagerSink[1];
		failsOnCancel[0] = Eager.sink(() -> failsOnCancel[0].tryEmitError(second));
		IllegalStateException bodyError = new IllegalStateException("body");
		Mono<String> g = Eager.group(tg -> {
			tg.fork(failsOnCancel[0].asMono());
			tg.fork(Mono.<String>error(first));
			throw bodyError;
		});
		StepVerifier.create(g)
				.expectErrorSatisfies(e -> {
					assertThat(e).isSameAs(first);
					assertThat(e.getSuppressed()).containsExactly(second, bodyError);
				})
				.verify();
	}

	@Test
	void cancellationsCausedByTheGroupAreNotFailures() {
		Child a = new Child();
		IOException boom = new IOException("boom");
		// the body awaits a, which the group cancels when b fails: the body's CancellationException is not aggregated
		Mono<String> g = Eager.group(tg -> {
			Mono<String> awaited = tg.fork(a.mono()).transform(Eager.map(s -> s));
			tg.fork(Mono.<String>error(boom));
			return awaited;
		});
		StepVerifier.create(g).expectErrorSatisfies(e -> {
			assertThat(e).isSameAs(boom);
			assertThat(e.getSuppressed()).isEmpty();
		}).verify();
	}

	@Test
	void cancellingTheGroupCancelsEveryChildAndTheBodyAndSignalsNothing() {
		Child a = new Child();
		Child b = new Child();
		AtomicInteger bodyCancelled = new AtomicInteger();
		AtomicReference<TaskGroup> group = new AtomicReference<>();
		Mono<String> g = Eager.group(tg -> {
			group.set(tg);
			tg.fork(a.mono());
			tg.fork(b.mono());
			return Mono.<String>never().doOnCancel(bodyCancelled::incrementAndGet);
		});
		AtomicInteger signals = new AtomicInteger();
		reactor.core.Disposable d = g.subscribe(v -> signals.incrementAndGet(), e -> signals.incrementAndGet(), signals::incrementAndGet);
		assertThat(a.cancels).hasValue(0);
		d.dispose();
		a.sink.tryEmitValue("late");
		assertThat(signals).hasValue(0);
		assertThat(a.cancels).hasValue(1);
		assertThat(b.cancels).hasValue(1);
		assertThat(bodyCancelled).hasValue(1);
		assertThat(group.get().isClosed()).isTrue();
	}

	@Test
	void cancelFromInsideStopsChildrenAndCompletesEmpty() {
		Child a = new Child();
		AtomicReference<TaskGroup> group = new AtomicReference<>();
		Mono<String> g = Eager.group(tg -> {
			group.set(tg);
			tg.fork(a.mono());
			return Mono.just("body");
		});
		StepVerifier.create(g)
				.then(() -> group.get().cancel())
				.expectComplete()
				.verify(Duration.ofSeconds(5));
		assertThat(a.cancels).hasValue(1);
		assertThatThrownBy(() -> group.get().fork(Mono.just("x"))).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void failureWhileStoppingStillFailsTheGroup() {
		IOException late = new IOException("failed while being cancelled");
		EagerSink<String>[] failsOnCancel = new EagerSink[1];
		failsOnCancel[0] = Eager.sink(() -> failsOnCancel[0].tryEmitError(late));
		Mono<String> g = Eager.group(tg -> {
			tg.fork(failsOnCancel[0].asMono());
			tg.cancel();
			return Mono.just("body");
		});
		StepVerifier.create(g).expectErrorSatisfies(e -> assertThat(e).isSameAs(late)).verify();
	}

	@Test
	void forkAfterTheGroupFinishedThrowsIllegalStateAndStartsNothing() {
		AtomicReference<TaskGroup> group = new AtomicReference<>();
		StepVerifier.create(Eager.group(tg -> {
			group.set(tg);
			return Mono.just(1);
		})).expectNext(1).verifyComplete();
		AtomicInteger subscribed = new AtomicInteger();
		assertThat(group.get().isClosed()).isTrue();
		assertThatThrownBy(() -> group.get().fork(Mono.fromCallable(subscribed::incrementAndGet)))
				.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> group.get().fork(Mono.just(1))).isInstanceOf(IllegalStateException.class);
		assertThat(subscribed).hasValue(0);
	}

	@Test
	void childrenStartWithTheGroupSubscribersContext() {
		Mono<String> g = Eager.group(tg -> tg.fork(Mono.deferContextual(c -> Mono.just(c.<String>get("user")))))
				.contextWrite(c -> c.put("user", "alice"));
		StepVerifier.create(g).expectNext("alice").verifyComplete();
	}

	@Test
	void nestedGroupIsCancelledWhenTheOuterGroupFails() {
		Child inner = new Child();
		AtomicReference<TaskGroup> innerGroup = new AtomicReference<>();
		IOException boom = new IOException("outer child failed");
		Child trigger = new Child();
		Mono<String> g = Eager.group(outer -> {
			outer.fork(Eager.group(in -> {
				innerGroup.set(in);
				in.fork(inner.mono());
				return Mono.just("inner");
			}));
			outer.fork(trigger.mono());
			return Mono.just("outer");
		});
		StepVerifier.create(g)
				.then(() -> trigger.sink.tryEmitError(boom))
				.expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
				.verify();
		assertThat(inner.cancels).hasValue(1);
		assertThat(innerGroup.get().isClosed()).isTrue();
	}

	@Test
	void nestedGroupFailurePropagatesToTheOuterGroup() {
		IOException boom = new IOException("inner child failed");
		Child outerSibling = new Child();
		Mono<String> g = Eager.group(outer -> {
			outer.fork(outerSibling.mono());
			outer.fork(Eager.group(in -> {
				in.fork(Mono.error(boom));
				return Mono.just("inner");
			}));
			return Mono.just("outer");
		});
		StepVerifier.create(g).expectErrorSatisfies(e -> assertThat(e).isSameAs(boom)).verify();
		assertThat(outerSibling.cancels).hasValue(1);
	}

	@Test
	void tenThousandPendingChildrenCompletedFromOtherThreads() {
		int n = 10_000;
		List<EagerSink<Integer>> sinks = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			sinks.add(Eager.sink(() -> { }));
		}
		AtomicInteger observed = new AtomicInteger();
		Mono<Integer> g = Eager.group(tg -> {
			for (EagerSink<Integer> s : sinks) {
				tg.fork(s.asMono()).transform(Eager.doOnNext(v -> observed.incrementAndGet()));
			}
			assertThat(((TaskGroupRun<?>) tg).registeredChildren()).isEqualTo(n);
			return Mono.just(n);
		});
		StepVerifier.create(g)
				.then(() -> {
					for (int i = 0; i < n; i++) {
						EagerSink<Integer> s = sinks.get(i);
						int v = i;
						Schedulers.parallel().schedule(() -> s.tryEmitValue(v));
					}
				})
				.expectNext(n)
				.expectComplete()
				.verify(Duration.ofSeconds(30));
		assertThat(observed).hasValue(n);
	}

	@Test
	void tenThousandResolvedChildrenCostNoContinuationAndNoEntry() {
		int n = 10_000;
		EagerStats.Snapshot before = EagerStats.snapshot();
		Mono<Integer> g = Eager.group(tg -> {
			for (int i = 0; i < n; i++) {
				tg.fork(i % 2 == 0 ? Mono.just(i) : Eager.fromCallable(() -> 1));
			}
			assertThat(((TaskGroupRun<?>) tg).registeredChildren()).isZero();
			return Mono.just(n);
		});
		StepVerifier.create(g).expectNext(n).verifyComplete();
		EagerStats.Snapshot d = EagerStats.snapshot().minus(before);
		assertThat(d.count(EagerOperator.FORK, EagerStats.Kind.INLINE)).isEqualTo(n);
		assertThat(d.count(EagerOperator.FORK, EagerStats.Kind.SUSPENDED)).isZero();
		assertThat(d.count(EagerOperator.FORK, EagerStats.Kind.LAZY_SUBSCRIPTION)).isZero();
	}

	@Test
	void mixedResolvedAndPendingChildrenRegisterOnlyThePendingOnes() {
		List<Child> pending = new ArrayList<>();
		EagerStats.Snapshot before = EagerStats.snapshot();
		Mono<List<String>> g = Eager.group(tg -> {
			List<Mono<String>> all = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				if (i % 3 == 0) {
					Child c = new Child();
					pending.add(c);
					all.add(tg.fork(c.mono()));
				}
				else if (i % 3 == 1) {
					all.add(tg.fork(Mono.just("r" + i)));
				}
				else {
					// lazy, but finishes synchronously when forked: resolved at fork
					int k = i;
					all.add(tg.fork(Mono.fromCallable(() -> "l" + k)));
				}
			}
			return Eager.gather(all);
		});
		StepVerifier.create(g)
				.then(() -> pending.forEach(c -> c.sink.tryEmitValue("p")))
				.assertNext(list -> assertThat(list).hasSize(30).contains("p", "r1", "l2"))
				.verifyComplete();
		EagerStats.Snapshot d = EagerStats.snapshot().minus(before);
		assertThat(d.count(EagerOperator.FORK, EagerStats.Kind.SUSPENDED)).isEqualTo(10);
		assertThat(d.count(EagerOperator.FORK, EagerStats.Kind.INLINE)).isEqualTo(20);
		assertThat(d.count(EagerOperator.FORK, EagerStats.Kind.LAZY_SUBSCRIPTION)).isEqualTo(10);
	}

	@Test
	void cancelledBeforeTheBodyRanTheBodyNeverRuns() {
		AtomicInteger runs = new AtomicInteger();
		StepVerifier.create(Eager.group(tg -> Mono.just(runs.incrementAndGet()))).thenCancel().verify();
		assertThat(runs).hasValue(0);
	}

	@Test
	void childForkedFromAForkedContinuationIsPartOfTheGroup() {
		Child first = new Child();
		Child second = new Child();
		Mono<String> g = Eager.group(tg -> {
			// the continuation that forks is itself a child, so the group waits for it
			tg.fork(tg.fork(first.mono()).transform(Eager.flatMap(v -> tg.fork(second.mono()))));
			return Mono.just("done");
		});
		StepVerifier.create(g)
				.then(() -> first.sink.tryEmitValue("1"))
				.expectNoEvent(Duration.ZERO)
				.then(() -> second.sink.tryEmitValue("2"))
				.expectNext("done")
				.verifyComplete();
	}

	@Test
	void bodyValueIsDeliveredUnderBackpressureOnlyWhenRequested() {
		StepVerifier.create(Eager.group(tg -> Mono.just("v")), 0)
				.expectSubscription()
				.expectNoEvent(Duration.ZERO)
				.thenRequest(1)
				.expectNext("v")
				.verifyComplete();
	}

	@Test
	void groupRejectsNullBody() {
		assertThatThrownBy(() -> Eager.group(null)).isInstanceOf(NullPointerException.class).hasMessage("body");
		StepVerifier.create(Eager.group(tg -> null)).expectError(NullPointerException.class).verify();
	}
}
