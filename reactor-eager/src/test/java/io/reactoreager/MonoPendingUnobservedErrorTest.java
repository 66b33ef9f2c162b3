package io.reactoreager;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.reactoreager.testing.Signals;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
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

	private final List<Throwable> dropped = new CopyOnWriteArrayList<>();

	@BeforeEach
	void captureDroppedErrors() {
		Hooks.onErrorDropped(dropped::add);
	}

	@AfterEach
	void resetHooks() {
		Hooks.resetOnErrorDropped();
	}

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
		return dropped.stream().filter(e -> message.equals(e.getMessage())).count();
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

	private static WeakReference<Mono<Integer>> startFailingObservedByStep(String message) {
		Mono<Integer> pending = failLater(message);
		Awaitility.await().atMost(Signals.TIMEOUT).until(() -> Eager.isResolved(pending));
		Mono<Integer> recovered = pending.transform(Eager.onErrorReturn(1));
		assertThat(Eager.isResolved(recovered)).isTrue();
		return new WeakReference<>(pending);
	}
}
