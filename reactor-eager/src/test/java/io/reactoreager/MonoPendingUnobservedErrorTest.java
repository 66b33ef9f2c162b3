package io.reactoreager;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.reactoreager.testing.Signals;
import org.awaitility.Awaitility;
import io.reactoreager.testing.DroppedErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing is lost: a started task whose error nobody observed is reported to
 * {@code Hooks.onErrorDropped} once its pending value is garbage collected (Python's "Task
 * exception was never retrieved"), exactly once; an observed error is not reported.
 */
class MonoPendingUnobservedErrorTest {

	@RegisterExtension
	final DroppedErrors dropped = new DroppedErrors();

	/** Starts work that fails later, from another thread, with the given message. */
	private static Mono<Integer> failLater(String message) {
		Sinks.One<Integer> gate = Sinks.one();
		Mono<Integer> pending = Eager.start(gate.asMono());
		assertThat(Eager.isPending(pending)).isTrue();
		Schedulers.parallel().schedule(() -> gate.tryEmitError(new IllegalStateException(message)));
		return pending;
	}

	/** Starts work failing later with a unique message; waits until it failed; keeps only a weak reference. */
	private static WeakReference<Mono<Integer>> startFailing(String message, boolean observe) {
		Mono<Integer> pending = failLater(message);
		if (observe) {
			StepVerifier.create(pending).expectErrorMessage(message).verify(Signals.TIMEOUT);
		}
		else {
			Awaitility.await().atMost(Signals.TIMEOUT).until(() -> Eager.isResolved(pending));
		}
		return new WeakReference<>(pending);
	}

	private long reportsOf(String message) {
		return dropped.countWithMessage(message);
	}

	@Test
	void anErrorNobodyObservedIsReportedOnceWhenThePendingIsCollected() {
		String message = "never retrieved " + System.nanoTime();
		WeakReference<Mono<Integer>> ref = startFailing(message, false);
		assertThat(reportsOf(message)).as("not reported while the pending may still be observed").isZero();
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
			System.gc();
			return ref.get() == null && reportsOf(message) > 0;
		});
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		assertThat(reportsOf(message)).as("reported exactly once").isEqualTo(1);
	}

	@Test
	void anErrorSomeoneObservedIsNotReported() {
		String observedMessage = "observed " + System.nanoTime();
		WeakReference<Mono<Integer>> observed = startFailing(observedMessage, true);
		// an error observed by a step applied after it completed is not reported either
		String stepMessage = "observed by a step " + System.nanoTime();
		WeakReference<Mono<Integer>> observedByStep = startFailingObservedByStep(stepMessage);
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
			System.gc();
			return observed.get() == null && observedByStep.get() == null;
		});
		// a pending collected later than the observed ones proves the cleaner has run in between
		String canary = "canary " + System.nanoTime();
		WeakReference<Mono<Integer>> canaryRef = startFailing(canary, false);
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
			System.gc();
			return canaryRef.get() == null && reportsOf(canary) > 0;
		});
		assertThat(reportsOf(observedMessage)).isZero();
		assertThat(reportsOf(stepMessage)).isZero();
	}

	/**
	 * A step applied to started work after it failed, with nothing subscribing to the result, must
	 * not count as observing the error: it is reported, as it is when the step was applied before
	 * the failure.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = {"map", "onErrorMap", "filter then map"})
	void anErrorPassedToAStepWhoseResultNobodyObservesIsReported(String step) {
		int n = 20;
		String before = "applied before " + step + " " + System.nanoTime();
		String after = "applied after " + step + " " + System.nanoTime();
		List<WeakReference<Mono<Integer>>> refs = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			refs.add(applyAndForget(step, before, false));
			refs.add(applyAndForget(step, after, true));
		}
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
			System.gc();
			return refs.stream().allMatch(r -> r.get() == null) && reportsOf(before) == n && reportsOf(after) == n;
		});
		assertThat(reportsOf(after)).isEqualTo(reportsOf(before)).isEqualTo(n);
	}

	/** Starts work failing with {@code message}, applies {@code step} before or after the failure, drops the result. */
	private static WeakReference<Mono<Integer>> applyAndForget(String step, String message, boolean afterFailure) {
		Mono<Integer> pending = failLater(message);
		if (afterFailure) {
			Awaitility.await().atMost(Signals.TIMEOUT).until(() -> Eager.isResolved(pending));
		}
		Mono<Integer> result = switch (step) {
			case "map" -> pending.transform(Eager.map(x -> x + 1));
			case "onErrorMap" -> pending.transform(Eager.onErrorMap(e -> new IllegalStateException(e.getMessage())));
			default -> pending.transform(Eager.filter(x -> x > 0)).transform(Eager.map(x -> x + 1));
		};
		Awaitility.await().atMost(Signals.TIMEOUT).until(() -> Eager.isResolved(result));
		return new WeakReference<>(result);
	}

	private static WeakReference<Mono<Integer>> startFailingObservedByStep(String message) {
		Mono<Integer> pending = failLater(message);
		Awaitility.await().atMost(Signals.TIMEOUT).until(() -> Eager.isResolved(pending));
		Mono<Integer> recovered = pending.transform(Eager.onErrorReturn(1));
		assertThat(Eager.isResolved(recovered)).isTrue();
		return new WeakReference<>(pending);
	}
}
