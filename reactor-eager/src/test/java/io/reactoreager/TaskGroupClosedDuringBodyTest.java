package io.reactoreager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import io.reactoreager.testing.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task group closed while its body runs (a fork fails, the body calls {@code cancel()}, the
 * group's subscriber cancels): nothing the body returns outlives the group. A resolved value
 * goes to the discard hook of the group's subscriber; a pending value (work the body started) is
 * cancelled unless someone else observes it; a lazy one is never subscribed.
 */
class TaskGroupClosedDuringBodyTest {

	/** How the group closes inside the body, and what its subscriber then sees. */
	enum Closing {
		FORK_FAILS, GROUP_CANCEL, SUBSCRIBER_CANCELS;

		void close(TaskGroup g, Subscription subscription) {
			switch (this) {
				case FORK_FAILS -> g.fork(Mono.error(new IllegalStateException("child failed")));
				case GROUP_CANCEL -> g.cancel();
				case SUBSCRIBER_CANCELS -> subscription.cancel();
			}
		}

		List<String> expected() {
			return switch (this) {
				case FORK_FAILS -> List.of("onError(java.lang.IllegalStateException: child failed)");
				case GROUP_CANCEL -> List.of(Signals.ON_COMPLETE);
				case SUBSCRIBER_CANCELS -> List.of();
			};
		}
	}

	/** Subscribes to a group whose body closes it (by running its second argument); returns the signals; discards go to {@code discarded}. */
	static List<String> run(Closing closing, BiFunction<TaskGroup, Runnable, Mono<String>> body, List<Object> discarded) {
		Signals.Recorder r = new Signals.Recorder(Operators.enableOnDiscard(Context.empty(), discarded::add));
		Eager.group(g -> body.apply(g, () -> closing.close(g, r.subscription()))).subscribe(r);
		return r.signals();
	}

	@ParameterizedTest
	@EnumSource(Closing.class)
	void aResolvedValueTheBodyReturnsGoesToTheDiscardHook(Closing closing) {
		List<Object> discarded = new CopyOnWriteArrayList<>();
		List<String> signals = run(closing, (g, close) -> {
			close.run();
			return Mono.just("body value");
		}, discarded);
		assertThat(signals).isEqualTo(closing.expected());
		assertThat(discarded).containsExactly("body value");
	}

	@ParameterizedTest
	@EnumSource(Closing.class)
	void workTheBodyStartedAndReturnsIsCancelled(Closing closing) {
		AtomicInteger started = new AtomicInteger();
		AtomicInteger cancelled = new AtomicInteger();
		List<String> signals = run(closing, (g, close) -> {
			close.run();
			return Eager.start(Mono.<String>never().doOnSubscribe(s -> started.incrementAndGet()).doOnCancel(cancelled::incrementAndGet));
		}, new CopyOnWriteArrayList<>());
		assertThat(signals).isEqualTo(closing.expected());
		assertThat(started).hasValue(1);
		assertThat(cancelled).as("the work the body returned does not outlive the group").hasValue(1);
	}

	@ParameterizedTest
	@EnumSource(Closing.class)
	void workTheBodyReturnsThatSomeoneElseObservesIsLeftRunning(Closing closing) {
		AtomicInteger cancelled = new AtomicInteger();
		Mono<String> shared = Eager.start(Mono.<String>never().doOnCancel(cancelled::incrementAndGet));
		Signals.Recorder other = new Signals.Recorder(Context.empty());
		shared.subscribe(other);
		List<String> signals = run(closing, (g, close) -> {
			close.run();
			return shared;
		}, new CopyOnWriteArrayList<>());
		assertThat(signals).isEqualTo(closing.expected());
		assertThat(cancelled).hasValue(0);
		other.subscription().cancel();
		assertThat(cancelled).hasValue(1);
	}

	@ParameterizedTest
	@EnumSource(Closing.class)
	void aLazyMonoTheBodyReturnsIsNeverSubscribed(Closing closing) {
		AtomicInteger subscribed = new AtomicInteger();
		List<String> signals = run(closing, (g, close) -> {
			close.run();
			return Mono.<String>never().doOnSubscribe(s -> subscribed.incrementAndGet());
		}, new CopyOnWriteArrayList<>());
		assertThat(signals).isEqualTo(closing.expected());
		assertThat(subscribed).hasValue(0);
	}
}
