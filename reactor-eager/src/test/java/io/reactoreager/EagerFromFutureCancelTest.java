package io.reactoreager;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.reactoreager.testing.DroppedErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CompletionStage that completes after its Mono was cancelled (a stage whose cancel does not
 * stop it): its error goes to {@code Hooks.onErrorDropped} and its value is discarded, as with
 * stock {@code Mono.fromCompletionStage}; a cancellation of the stage is not reported.
 */
class EagerFromFutureCancelTest {

	@RegisterExtension
	final DroppedErrors dropped = new DroppedErrors();

	/** A future that ignores cancellation, as a stage backed by work that cannot be stopped. */
	static final class Unstoppable<T> extends CompletableFuture<T> {

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			return false;
		}
	}

	/** Subscribes, cancels, then fails the stage; returns what reached onErrorDropped. */
	List<Throwable> failAfterCancel(Function<CompletableFuture<Integer>, Mono<Integer>> from, RuntimeException error) {
		dropped.errors().clear();
		Unstoppable<Integer> stage = new Unstoppable<>();
		from.apply(stage).subscribe(v -> { }, e -> { }).dispose();
		stage.completeExceptionally(error);
		return List.copyOf(dropped.errors());
	}

	@Test
	void anErrorAfterCancellationGoesToOnErrorDropped() {
		IllegalStateException boom = new IllegalStateException("failed after cancel");
		assertThat(failAfterCancel(Mono::fromCompletionStage, boom)).as("stock").containsExactly(boom);
		assertThat(failAfterCancel(Eager::fromFuture, boom)).as("eager").containsExactly(boom);
	}

	@Test
	void aCancellationOfTheStageAfterCancellationIsNotReported() {
		java.util.concurrent.CancellationException c = new java.util.concurrent.CancellationException("cancelled");
		assertThat(failAfterCancel(Mono::fromCompletionStage, c)).as("stock").isEmpty();
		assertThat(failAfterCancel(Eager::fromFuture, c)).as("eager").isEmpty();
	}

	/** Subscribes with a discard hook, cancels, then completes the stage with a value; returns what was discarded. */
	static List<Object> discardedAfterCancel(Function<CompletableFuture<Integer>, Mono<Integer>> from) {
		List<Object> discarded = new CopyOnWriteArrayList<>();
		Unstoppable<Integer> stage = new Unstoppable<>();
		from.apply(stage).doOnDiscard(Object.class, discarded::add).subscribe(v -> { }, e -> { }).dispose();
		stage.complete(7);
		return discarded;
	}

	@Test
	void aValueAfterCancellationReachesTheDiscardHookOfTheSubscriberThatCancelled() {
		assertThat(discardedAfterCancel(Mono::fromCompletionStage)).as("stock").containsExactly(7);
		assertThat(discardedAfterCancel(Eager::fromFuture)).as("eager").containsExactly(7);
		// through a step: stock discards the stage's value, the eager pending of the step passes the
		// cancel on to the stage's pending with the subscriber's Context
		assertThat(discardedAfterCancel(f -> Mono.fromCompletionStage(f).map(x -> x + 1))).as("stock map").containsExactly(7);
		assertThat(discardedAfterCancel(f -> Eager.fromFuture(f).transform(Eager.map(x -> x + 1)))).as("eager map").containsExactly(7);
	}

	@Test
	void anErrorAfterAnotherObserverKeepsItIsDeliveredNotDropped() {
		IllegalStateException boom = new IllegalStateException("delivered");
		Unstoppable<Integer> stage = new Unstoppable<>();
		Mono<Integer> m = Eager.fromFuture(stage);
		List<Throwable> seen = new CopyOnWriteArrayList<>();
		m.subscribe(v -> { }, seen::add);
		m.subscribe(v -> { }, e -> { }).dispose();
		stage.completeExceptionally(boom);
		assertThat(seen).containsExactly(boom);
		assertThat(dropped.errors()).isEmpty();
	}
}
