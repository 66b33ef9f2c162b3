package io.reactoreager;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The law of a task group, over random mixes of children: its outcome is the first failure in
 * the order failures happened (later ones suppressed), else the body's outcome; no child is left
 * running; a fork after the first failure starts nothing.
 */
class TaskGroupProperties {

	enum Kind {RESOLVED_VALUE, RESOLVED_ERROR, SYNC_VALUE, SYNC_ERROR, PENDING}

	@Provide
	Arbitrary<List<Kind>> children() {
		return Arbitraries.of(Kind.class).list().ofMinSize(0).ofMaxSize(12);
	}

	@Property(tries = 1000)
	void outcomeIsTheFirstFailureElseTheBodysOutcomeAndNoChildOutlivesTheGroup(@ForAll("children") List<Kind> kinds,
			@ForAll boolean bodyFails, @ForAll boolean bodyEmpty, @ForAll long seed) {
		Random random = new Random(seed);
		List<Throwable> expectedFailures = new ArrayList<>();
		List<EagerSink<Integer>> pending = new ArrayList<>();
		List<Boolean> pendingFails = new ArrayList<>();
		int[] refused = {0};
		int[] subscribedAfterClose = {0};
		boolean[] closedSeen = {false};
		IllegalStateException bodyError = new IllegalStateException("body");
		AtomicReference<TaskGroup> group = new AtomicReference<>();

		Mono<Integer> g = Eager.group(tg -> {
			group.set(tg);
			for (int i = 0; i < kinds.size(); i++) {
				Kind k = kinds.get(i);
				Throwable err = new RuntimeException("child " + i);
				Mono<Integer> child;
				switch (k) {
					case RESOLVED_VALUE -> child = Mono.just(i);
					case RESOLVED_ERROR -> child = Mono.error(err);
					case SYNC_VALUE -> child = Mono.fromCallable(() -> 1).doOnSubscribe(s -> {
						if (closedSeen[0]) {
							subscribedAfterClose[0]++;
						}
					});
					case SYNC_ERROR -> child = Mono.<Integer>error(err).doOnSubscribe(s -> {
						if (closedSeen[0]) {
							subscribedAfterClose[0]++;
						}
					});
					default -> child = Eager.<Integer>sink(() -> { }).asMono();
				}
				boolean fails = random.nextBoolean();
				try {
					tg.fork(child);
				}
				catch (IllegalStateException e) {
					refused[0]++;
					continue;
				}
				if (k == Kind.PENDING) {
					pending.add((EagerSink<Integer>) child);
					pendingFails.add(fails);
				}
				if ((k == Kind.RESOLVED_ERROR || k == Kind.SYNC_ERROR)) {
					expectedFailures.add(err);
					closedSeen[0] = true;
				}
			}
			if (bodyFails) {
				expectedFailures.add(bodyError);
				throw bodyError;
			}
			return bodyEmpty ? Mono.empty() : Mono.just(-1);
		});

		Outcome outcome = new Outcome();
		g.subscribe(outcome);

		// complete the pending children in a random order, with a value or an error each
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < pending.size(); i++) {
			order.add(i);
		}
		Collections.shuffle(order, random);
		for (int i : order) {
			RuntimeException err = new RuntimeException("pending " + i);
			boolean emitted = pendingFails.get(i) ? pending.get(i).tryEmitError(err) : pending.get(i).tryEmitValue(i);
			if (emitted && pendingFails.get(i)) {
				expectedFailures.add(err);
			}
		}

		// no child outlives the group; forks after the first failure were refused and started nothing
		for (EagerSink<Integer> s : pending) {
			assertThat(s.isDone()).isTrue();
		}
		assertThat(subscribedAfterClose[0]).isZero();
		assertThat(outcome.terminated).isTrue();
		assertThat(group.get().isClosed()).isTrue();
		assertThat(((TaskGroupRun<?>) group.get()).registeredChildren()).isZero();

		if (expectedFailures.isEmpty()) {
			assertThat(outcome.error).isNull();
			assertThat(outcome.value).isEqualTo(bodyEmpty ? null : -1);
			assertThat(refused[0]).isZero();
		}
		else {
			Throwable first = expectedFailures.get(0);
			assertThat(outcome.error).isSameAs(first);
			assertThat(first.getSuppressed()).containsExactlyElementsOf(expectedFailures.subList(1, expectedFailures.size()));
			assertThat(outcome.value).isNull();
		}
	}

	static final class Outcome extends BaseSubscriber<Integer> {
		Integer value;
		Throwable error;
		boolean terminated;

		@Override
		protected void hookOnNext(Integer v) {
			value = v;
		}

		@Override
		protected void hookOnError(Throwable t) {
			error = t;
			terminated = true;
		}

		@Override
		protected void hookOnComplete() {
			terminated = true;
		}
	}
}
