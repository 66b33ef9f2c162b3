package io.reactoreager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.reactoreager.testing.Input;
import io.reactoreager.testing.InputKind;
import io.reactoreager.testing.OperatorCase;
import io.reactoreager.testing.Outcome;
import io.reactoreager.testing.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operator of {@link Eager} (with succeeding, throwing, null-returning functions and
 * functions returning each kind of Mono) over every input kind and outcome: the eager operator
 * delivers the signals of its stock twin, classifies its output as docs/semantics.md says, keeps lazy
 * inputs lazy with the subscriber's Context, and cancelling reaches the started work.
 */
class EagerOperatorMatrixTest {

	static Stream<Arguments> operatorsTimesInputs() {
		List<Arguments> l = new ArrayList<>();
		for (OperatorCase op : OperatorCase.all()) {
			for (Object[] in : Input.all()) {
				l.add(Arguments.of(op, in[0], in[1]));
			}
		}
		return l.stream();
	}

	static Stream<Arguments> operators() {
		return OperatorCase.all().stream().map(Arguments::of);
	}

	static Stream<Arguments> operatorsTimesPendingKinds() {
		List<Arguments> l = new ArrayList<>();
		for (OperatorCase op : OperatorCase.all()) {
			l.add(Arguments.of(op, InputKind.PENDING_SINK));
			l.add(Arguments.of(op, InputKind.PENDING_START));
		}
		return l.stream();
	}

	@ParameterizedTest(name = "{0} on {1} {2}")
	@MethodSource("operatorsTimesInputs")
	void operatorDeliversTheStockSignalsAndClassifiesItsOutput(OperatorCase op, InputKind kind, Outcome outcome) {
		Input in = Input.of(kind, outcome);
		Mono<?> result = op.eager().apply(in.mono());

		switch (kind) {
			case RESOLVED -> {
				if (op.resolvedOut()) {
					assertThat(Eager.isResolved(result)).as("a resolved input gives a resolved output").isTrue();
				}
			}
			case PENDING_SINK, PENDING_START -> assertThat(Eager.isPending(result)).as("a pending input gives a pending output").isTrue();
			case LAZY_CALLABLE, LAZY_CONTEXTUAL -> {
				assertThat(in.runs).as("a lazy input does not run at assembly").hasValue(0);
				assertThat(Eager.isResolved(result) || Eager.isPending(result)).as("a lazy input gives a lazy output").isFalse();
			}
		}

		List<String> expected = Signals.record(op.stock().apply(in.stock()));
		// subscribe first, then complete a pending input from another thread
		Signals.verify(result, expected, in::release);
		// a second subscriber sees the same signals: replayed if resolved/pending, run again if lazy
		Signals.verify(result, expected, () -> { });
		if (kind.isLazy()) {
			assertThat(in.runs).as("a lazy input runs once per subscription").hasValue(2);
		}
	}

	@ParameterizedTest(name = "{0} on pending {1} after it completed")
	@MethodSource("operatorsTimesPendingKinds")
	void operatorOnACompletedPendingDeliversTheStockSignals(OperatorCase op, InputKind kind) {
		for (Outcome outcome : Outcome.values()) {
			Input in = Input.of(kind, outcome);
			in.completeNow();
			Mono<?> result = op.eager().apply(in.mono());
			Signals.verify(result, Signals.record(op.stock().apply(in.stock())), () -> { });
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("operators")
	void lazyInputSeesTheSubscribersContextThroughTheEagerStep(OperatorCase op) {
		for (Outcome outcome : Outcome.values()) {
			Input in = Input.of(InputKind.LAZY_CONTEXTUAL, outcome);
			Mono<?> result = op.eager().apply(in.mono()).transform(Eager.map(x -> x)).transform(Eager.onErrorMap(e -> e));
			List<String> signals = Signals.record(result, Input.testContext());
			assertThat(signals).isEqualTo(Signals.record(op.stock().apply(in.stock())));
			assertThat(in.seenContext.get().getOrDefault("test.key", "missing")).isEqualTo("test.value");
		}
	}

	@ParameterizedTest(name = "{0} on pending {1}")
	@MethodSource("operatorsTimesPendingKinds")
	void cancellingAPendingResultReachesTheStartedWorkAndNothingIsSignalledAfter(OperatorCase op, InputKind kind) {
		Input in = Input.of(kind, Outcome.VALUE);
		Mono<?> result = op.eager().apply(in.mono());
		Signals.Recorder r = new Signals.Recorder(Context.empty());
		result.subscribe(r);
		assertThat(in.cancellations).hasValue(0);
		r.subscription().cancel();
		assertThat(in.cancellations).as("cancel reaches the sink's onCancel / the upstream subscription").hasValue(1);
		in.completeNow();
		r.subscription().cancel();
		assertThat(r.signals()).as("no signal after cancel").isEmpty();
		assertThat(in.cancellations).hasValue(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("operators")
	void cancellingALazyResultCancelsTheUpstreamSubscription(OperatorCase op) {
		AtomicInteger cancelled = new AtomicInteger();
		Mono<Integer> never = Mono.<Integer>never().doOnCancel(cancelled::incrementAndGet);
		Signals.Recorder r = new Signals.Recorder(Context.empty());
		op.eager().apply(never).subscribe(r);
		r.subscription().cancel();
		assertThat(cancelled).hasValue(1);
		assertThat(r.signals()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("operators")
	void aPendingWithTwoObserversIsCancelledOnlyWhenBothCancel(OperatorCase op) {
		Input in = Input.of(InputKind.PENDING_SINK, Outcome.VALUE);
		Mono<?> result = op.eager().apply(in.mono());
		Signals.Recorder first = new Signals.Recorder(Context.empty());
		Signals.Recorder second = new Signals.Recorder(Context.empty());
		result.subscribe(first);
		result.subscribe(second);
		first.subscription().cancel();
		assertThat(in.cancellations).hasValue(0);
		second.subscription().cancel();
		assertThat(in.cancellations).hasValue(1);

		Input in2 = Input.of(InputKind.PENDING_SINK, Outcome.VALUE);
		Mono<?> result2 = op.eager().apply(in2.mono());
		Signals.Recorder a = new Signals.Recorder(Context.empty());
		Signals.Recorder b = new Signals.Recorder(Context.empty());
		result2.subscribe(a);
		result2.subscribe(b);
		a.subscription().cancel();
		in2.release();
		b.await();
		assertThat(b.signals()).isEqualTo(Signals.record(op.stock().apply(in2.stock())));
		assertThat(a.signals()).isEmpty();
		assertThat(in2.cancellations).hasValue(0);
	}
}
