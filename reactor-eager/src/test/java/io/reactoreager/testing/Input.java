package io.reactoreager.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.reactoreager.Eager;
import io.reactoreager.EagerSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * One test input of a given {@link InputKind} and {@link Outcome}: the Mono under test, what it
 * stands for in stock Reactor, and probes (how often a lazy input ran, whether cancelling reached
 * the started work, which Context a lazy input saw). A pending input stays pending until
 * {@link #release()}, which completes it from {@code Schedulers.parallel()}.
 */
public final class Input {

	/** Every (kind, outcome) pair. */
	public static List<Object[]> all() {
		List<Object[]> l = new ArrayList<>();
		for (InputKind k : InputKind.values()) {
			for (Outcome o : Outcome.values()) {
				l.add(new Object[] {k, o});
			}
		}
		return l;
	}

	public final InputKind kind;
	public final Outcome outcome;
	/** How many times a lazy input ran (was subscribed). */
	public final AtomicInteger runs = new AtomicInteger();
	/** How many times cancelling reached the started work (sink onCancel, upstream cancel). */
	public final AtomicInteger cancellations = new AtomicInteger();
	/** The Context a lazy contextual input was last subscribed with. */
	public final AtomicReference<ContextView> seenContext = new AtomicReference<>();

	private final Mono<Integer> mono;
	private final Runnable release;
	private final Runnable complete;

	private Input(InputKind kind, Outcome outcome) {
		this.kind = kind;
		this.outcome = outcome;
		switch (kind) {
			case RESOLVED -> {
				mono = outcome.stock();
				complete = () -> { };
			}
			case PENDING_SINK -> {
				EagerSink<Integer> sink = Eager.sink(cancellations::incrementAndGet);
				mono = sink.asMono();
				complete = () -> {
					switch (outcome) {
						case VALUE -> sink.tryEmitValue(Outcome.VALUE_EMITTED);
						case EMPTY -> sink.tryEmitEmpty();
						case ERROR -> sink.tryEmitError(new IllegalStateException(Outcome.ERROR_MESSAGE));
					}
				};
			}
			case PENDING_START -> {
				Sinks.One<Integer> gate = Sinks.one();
				mono = Eager.start(gate.asMono().doOnCancel(cancellations::incrementAndGet), testContext());
				complete = () -> {
					switch (outcome) {
						case VALUE -> gate.tryEmitValue(Outcome.VALUE_EMITTED);
						case EMPTY -> gate.tryEmitEmpty();
						case ERROR -> gate.tryEmitError(new IllegalStateException(Outcome.ERROR_MESSAGE));
					}
				};
			}
			case LAZY_CALLABLE -> {
				mono = Mono.fromCallable(() -> {
					runs.incrementAndGet();
					return switch (outcome) {
						case VALUE -> Outcome.VALUE_EMITTED;
						case EMPTY -> null;
						case ERROR -> throw new IllegalStateException(Outcome.ERROR_MESSAGE);
					};
				});
				complete = () -> { };
			}
			case LAZY_CONTEXTUAL -> {
				mono = Mono.deferContextual(ctx -> {
					runs.incrementAndGet();
					seenContext.set(ctx);
					return outcome.stock();
				});
				complete = () -> { };
			}
			default -> throw new AssertionError(kind);
		}
		release = kind.isPending() ? () -> Schedulers.parallel().schedule(complete) : complete;
	}

	public static Input of(InputKind kind, Outcome outcome) {
		return new Input(kind, outcome);
	}

	/** The Mono under test. */
	public Mono<Integer> mono() {
		return mono;
	}

	/** The stock Reactor Mono with the same outcome. */
	public Mono<Integer> stock() {
		return outcome.stock();
	}

	/** Completes a pending input from another thread; nothing for resolved and lazy inputs. */
	public void release() {
		release.run();
	}

	/** Completes a pending input now, on the calling thread; nothing for resolved and lazy inputs. */
	public void completeNow() {
		complete.run();
	}

	@Override
	public String toString() {
		return kind + "/" + outcome;
	}

	/** A Context with one entry, for tests of Context propagation. */
	public static Context testContext() {
		return Context.of("test.key", "test.value");
	}
}
