package io.reactoreager;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic context propagation ({@code Hooks.enableAutomaticContextPropagation()} with
 * io.micrometer:context-propagation): a ThreadLocal registered through a ThreadLocalAccessor is
 * visible inside eager step functions where stock shows it inside the same stock functions — on
 * resolved, pending and lazy inputs, in continuations that run on another thread after a pending
 * value completes, in task groups. Each scenario runs beside its stock twin.
 */
class EagerContextPropagationTest {

	static final String KEY = "eager.test.trace";
	static final ThreadLocal<String> TRACE = new ThreadLocal<>();
	static final Context CONTEXT = Context.of(KEY, "trace-1");

	@BeforeAll
	static void enable() {
		ContextRegistry.getInstance().registerThreadLocalAccessor(KEY, TRACE::get, TRACE::set, TRACE::remove);
		Hooks.enableAutomaticContextPropagation();
	}

	@AfterAll
	static void disable() {
		Hooks.disableAutomaticContextPropagation();
		ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
	}

	/** What a step function sees: the ThreadLocal's value, or "-". */
	static String seen() {
		String v = TRACE.get();
		return v == null ? "-" : v;
	}

	/** Work that completes on another thread, after subscription: a CompletableFuture completed there. */
	static final class Later {

		final CompletableFuture<Integer> future = new CompletableFuture<>();

		Mono<Integer> mono() {
			return Mono.fromFuture(future, true);
		}

		/** Completes on a new thread, which has no ThreadLocal left over from earlier work. */
		void complete() {
			new Thread(() -> future.complete(1), "completing-thread").start();
		}
	}

	/** Subscribes {@code m} with the Context carrying the trace, completes the work, returns the value. */
	static String run(Function<Later, Mono<String>> pipeline) {
		Later later = new Later();
		CompletableFuture<String> result = Mono.defer(() -> pipeline.apply(later)).contextWrite(CONTEXT).toFuture();
		later.complete();
		return Mono.fromFuture(result).block(Duration.ofSeconds(10));
	}

	static void sideBySide(Function<Later, Mono<String>> eager, Function<Later, Mono<String>> stock) {
		String expected = run(stock);
		assertThat(expected).as("stock shows the ThreadLocal").isEqualTo("trace-1");
		assertThat(run(eager)).as("eager").isEqualTo(expected);
	}

	@Test
	void aStepOnAResolvedInputAssembledInsideAStockFunctionSeesIt() {
		sideBySide(l -> Mono.just(0).flatMap(x -> Mono.just(1).transform(Eager.map(y -> seen()))),
				l -> Mono.just(0).flatMap(x -> Mono.just(1).map(y -> seen())));
	}

	@Test
	void aStepOnALazyInputSeesIt() {
		sideBySide(l -> Mono.fromCallable(() -> 1).transform(Eager.map(y -> seen())),
				l -> Mono.fromCallable(() -> 1).map(y -> seen()));
	}

	@Test
	void aStepOnALazyInputCompletingOnAnotherThreadSeesIt() {
		sideBySide(l -> l.mono().transform(Eager.map(y -> seen())), l -> l.mono().map(y -> seen()));
	}

	@Test
	void aStepOnAPendingStartedWithTheSubscribersContextSeesItOnTheCompletingThread() {
		sideBySide(l -> Mono.deferContextual(ctx -> Eager.start(l.mono(), ctx).transform(Eager.map(y -> seen()))),
				l -> Mono.deferContextual(ctx -> Mono.fromFuture(l.mono().contextWrite(ctx).toFuture()).map(y -> seen())));
	}

	@Test
	void aStepOnAPendingStartedWhereTheThreadLocalIsSetSeesItOnTheCompletingThread() {
		sideBySide(l -> Mono.just(0).flatMap(x -> Eager.start(l.mono()).transform(Eager.map(y -> seen()))),
				l -> Mono.just(0).flatMap(x -> Mono.fromFuture(l.mono().toFuture()).map(y -> seen())));
	}

	@Test
	void aStepAfterASinkCompletedFromAnotherThreadSeesIt() {
		sideBySide(l -> Mono.just(0).flatMap(x -> {
			EagerSink<Integer> sink = Eager.sink(() -> { });
			l.future.thenAccept(sink::tryEmitValue);
			return sink.asMono().transform(Eager.flatMap(y -> Mono.just(seen())));
		}), l -> Mono.just(0).flatMap(x -> {
			Sinks.One<Integer> sink = Sinks.one();
			l.future.thenAccept(sink::tryEmitValue);
			return sink.asMono().flatMap(y -> Mono.just(seen()));
		}));
	}

	@Test
	void aLazyChainResumedFromAnotherThreadByAPendingItAwaitedSeesIt() {
		sideBySide(l -> Mono.fromCallable(() -> 1).transform(Eager.flatMap(x -> Eager.start(l.mono()))).transform(Eager.map(y -> seen())),
				l -> Mono.fromCallable(() -> 1).flatMap(x -> Mono.fromFuture(l.mono().toFuture())).map(y -> seen()));
	}

	@Test
	void aStockOperatorAfterAPendingSeesIt() {
		sideBySide(l -> Mono.deferContextual(ctx -> Eager.start(l.mono(), ctx)).map(y -> seen()),
				l -> Mono.deferContextual(ctx -> Mono.fromFuture(l.mono().contextWrite(ctx).toFuture())).map(y -> seen()));
	}

	@Test
	void aTaskGroupsBodyAndAStepOnAForkedChildSeeIt() {
		Supplier<String> body = EagerContextPropagationTest::seen;
		sideBySide(l -> Eager.group(g -> g.fork(l.mono()).transform(Eager.map(y -> body.get()))),
				l -> Mono.defer(() -> Mono.fromFuture(l.mono().toFuture()).map(y -> body.get())));
		sideBySide(l -> Eager.group(g -> Mono.just(body.get())), l -> Mono.defer(() -> Mono.just(body.get())));
	}

	@Test
	void aWhenCompleteCallbackOnAPendingSeesTheContextItWasGiven() {
		sideBySide(l -> Mono.deferContextual(ctx -> {
			Sinks.One<String> out = Sinks.one();
			Eager.whenComplete(Eager.start(l.mono(), ctx), ctx, (v, e) -> out.tryEmitValue(seen()));
			return out.asMono();
		}), l -> Mono.deferContextual(ctx -> Mono.fromFuture(l.mono().contextWrite(ctx).toFuture()).map(v -> seen())));
	}
}
