package io.reactoreager.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.reactoreager.Eager;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One eager operator with a concrete user function, beside its stock Reactor twin built from the
 * same function. {@code resolvedOut} says whether the step's outcome on a resolved input is
 * itself resolved (false when the function hands back a lazy or pending Mono).
 */
public record OperatorCase(String name, Function<Mono<Integer>, Mono<?>> eager, Function<Mono<Integer>, Mono<?>> stock,
		boolean resolvedOut) {

	@Override
	public String toString() {
		return name;
	}

	/**
	 * A Mono that is pending when returned and completes with {@code v} from
	 * {@code Schedulers.parallel()}; started with {@link Input#testContext()}, which the eager
	 * steps applied to it run with.
	 */
	public static <T> Mono<T> pendingOf(T v) {
		return Eager.start(Mono.just(v).delayElement(java.time.Duration.ofMillis(1), Schedulers.parallel()), Input.testContext());
	}

	private static OperatorCase op(String name, Function<Mono<Integer>, Mono<?>> eager, Function<Mono<Integer>, Mono<?>> stock) {
		return new OperatorCase(name, eager, stock, true);
	}

	private static OperatorCase opNotResolved(String name, Function<Mono<Integer>, Mono<?>> eager, Function<Mono<Integer>, Mono<?>> stock) {
		return new OperatorCase(name, eager, stock, false);
	}

	private static RuntimeException thrown(String what) {
		return new IllegalArgumentException(what + " threw");
	}

	/** Every operator of {@link Eager}, with functions that succeed, throw, return null, and return each kind of Mono. */
	public static List<OperatorCase> all() {
		List<OperatorCase> l = new ArrayList<>();
		Function<Integer, Integer> inc = x -> x + 1;
		Function<Integer, Integer> mapNull = x -> null;
		Function<Integer, Integer> mapThrow = x -> { throw thrown("map"); };
		l.add(op("map", m -> m.transform(Eager.map(inc)), m -> m.map(inc)));
		l.add(op("map returning null", m -> m.transform(Eager.map(mapNull)), m -> m.map(mapNull)));
		l.add(op("map throwing", m -> m.transform(Eager.map(mapThrow)), m -> m.map(mapThrow)));

		Function<Integer, Mono<Integer>> fmResolved = x -> Mono.just(x * 2);
		Function<Integer, Mono<Integer>> fmEmpty = x -> Mono.empty();
		Function<Integer, Mono<Integer>> fmError = x -> Mono.error(new IllegalStateException("inner " + x));
		Function<Integer, Mono<Integer>> fmLazy = x -> Mono.fromCallable(() -> x * 3);
		Function<Integer, Mono<Integer>> fmPending = x -> pendingOf(x * 5);
		Function<Integer, Mono<Integer>> fmLazyLater = x -> Mono.just(x * 7).delayElement(java.time.Duration.ofMillis(1));
		Function<Integer, Mono<Integer>> fmNull = x -> null;
		Function<Integer, Mono<Integer>> fmThrow = x -> { throw thrown("flatMap"); };
		l.add(op("flatMap to resolved value", m -> m.transform(Eager.flatMap(fmResolved)), m -> m.flatMap(fmResolved)));
		l.add(op("flatMap to resolved empty", m -> m.transform(Eager.flatMap(fmEmpty)), m -> m.flatMap(fmEmpty)));
		l.add(op("flatMap to resolved error", m -> m.transform(Eager.flatMap(fmError)), m -> m.flatMap(fmError)));
		l.add(opNotResolved("flatMap to lazy", m -> m.transform(Eager.flatMap(fmLazy)), m -> m.flatMap(fmLazy)));
		l.add(opNotResolved("flatMap to lazy completing later", m -> m.transform(Eager.flatMap(fmLazyLater)), m -> m.flatMap(fmLazyLater)));
		l.add(opNotResolved("flatMap to pending", m -> m.transform(Eager.flatMap(fmPending)), m -> m.flatMap(fmPending)));
		l.add(op("flatMap returning null", m -> m.transform(Eager.flatMap(fmNull)), m -> m.flatMap(fmNull)));
		l.add(op("flatMap throwing", m -> m.transform(Eager.flatMap(fmThrow)), m -> m.flatMap(fmThrow)));

		l.add(op("filter keeping", m -> m.transform(Eager.filter(x -> x % 2 == 0)), m -> m.filter(x -> x % 2 == 0)));
		l.add(op("filter dropping", m -> m.transform(Eager.filter(x -> x > 100)), m -> m.filter(x -> x > 100)));
		l.add(op("filter throwing", m -> m.transform(Eager.filter(x -> { throw thrown("filter"); })),
				m -> m.filter(x -> { throw thrown("filter"); })));

		l.add(op("handle emitting", m -> m.transform(Eager.<Integer, String>handle((x, s) -> s.next("h" + x))),
				m -> m.<String>handle((x, s) -> s.next("h" + x))));
		l.add(op("handle emitting nothing", m -> m.transform(Eager.<Integer, String>handle((x, s) -> { })),
				m -> m.<String>handle((x, s) -> { })));
		l.add(op("handle completing", m -> m.transform(Eager.<Integer, String>handle((x, s) -> s.complete())),
				m -> m.<String>handle((x, s) -> s.complete())));
		l.add(op("handle signalling error", m -> m.transform(Eager.<Integer, String>handle((x, s) -> s.error(new IllegalStateException("h")))),
				m -> m.<String>handle((x, s) -> s.error(new IllegalStateException("h")))));
		l.add(op("handle signalling two errors",
				m -> m.transform(Eager.<Integer, String>handle((x, s) -> { s.error(new IllegalStateException("1")); s.error(new IllegalStateException("2")); })),
				m -> m.<String>handle((x, s) -> { s.error(new IllegalStateException("1")); s.error(new IllegalStateException("2")); })));
		l.add(op("handle emitting two values", m -> m.transform(Eager.<Integer, String>handle((x, s) -> { s.next("a"); s.next("b"); })),
				m -> m.<String>handle((x, s) -> { s.next("a"); s.next("b"); })));
		l.add(op("handle completing then emitting", m -> m.transform(Eager.<Integer, String>handle((x, s) -> { s.complete(); s.next("a"); })),
				m -> m.<String>handle((x, s) -> { s.complete(); s.next("a"); })));
		l.add(op("handle signalling an error then completing",
				m -> m.transform(Eager.<Integer, String>handle((x, s) -> { s.error(new IllegalStateException("h")); s.complete(); })),
				m -> m.<String>handle((x, s) -> { s.error(new IllegalStateException("h")); s.complete(); })));
		l.add(op("handle completing twice", m -> m.transform(Eager.<Integer, String>handle((x, s) -> { s.complete(); s.complete(); })),
				m -> m.<String>handle((x, s) -> { s.complete(); s.complete(); })));
		l.add(op("handle emitting null", m -> m.transform(Eager.<Integer, String>handle((x, s) -> s.next(null))),
				m -> m.<String>handle((x, s) -> s.next(null))));
		// not covered: a handler emitting a value and then an error. Stock delivers onNext then
		// onError; an eager outcome is a value, empty or an error, so the eager handle delivers only
		// the error (a known difference, reported to the lead)
		l.add(op("handle throwing", m -> m.transform(Eager.<Integer, String>handle((x, s) -> { throw thrown("handle"); })),
				m -> m.<String>handle((x, s) -> { throw thrown("handle"); })));

		l.add(op("doOnNext", m -> m.transform(Eager.doOnNext(x -> { })), m -> m.doOnNext(x -> { })));
		l.add(op("doOnNext throwing", m -> m.transform(Eager.doOnNext(x -> { throw thrown("doOnNext"); })),
				m -> m.doOnNext(x -> { throw thrown("doOnNext"); })));
		l.add(op("doOnSuccess", m -> m.transform(Eager.doOnSuccess(x -> { })), m -> m.doOnSuccess(x -> { })));
		l.add(op("doOnSuccess throwing", m -> m.transform(Eager.doOnSuccess(x -> { throw thrown("doOnSuccess"); })),
				m -> m.doOnSuccess(x -> { throw thrown("doOnSuccess"); })));
		l.add(op("doOnError", m -> m.transform(Eager.doOnError(e -> { })), m -> m.doOnError(e -> { })));
		l.add(op("doOnError throwing", m -> m.transform(Eager.doOnError(e -> { throw thrown("doOnError"); })),
				m -> m.doOnError(e -> { throw thrown("doOnError"); })));

		Function<Throwable, Mono<Integer>> reResolved = e -> Mono.just(-1);
		Function<Throwable, Mono<Integer>> reLazy = e -> Mono.fromCallable(() -> -2);
		Function<Throwable, Mono<Integer>> rePending = e -> pendingOf(-3);
		Function<Throwable, Mono<Integer>> reLazyLater = e -> Mono.just(-4).delayElement(java.time.Duration.ofMillis(1));
		Function<Throwable, Mono<Integer>> reNull = e -> null;
		Function<Throwable, Mono<Integer>> reThrow = e -> { throw thrown("onErrorResume"); };
		l.add(op("onErrorResume to resolved", m -> m.transform(Eager.onErrorResume(reResolved)), m -> m.onErrorResume(reResolved)));
		l.add(opNotResolved("onErrorResume to lazy", m -> m.transform(Eager.onErrorResume(reLazy)), m -> m.onErrorResume(reLazy)));
		l.add(opNotResolved("onErrorResume to lazy completing later", m -> m.transform(Eager.onErrorResume(reLazyLater)),
				m -> m.onErrorResume(reLazyLater)));
		l.add(opNotResolved("onErrorResume to pending", m -> m.transform(Eager.onErrorResume(rePending)), m -> m.onErrorResume(rePending)));
		l.add(op("onErrorResume returning null", m -> m.transform(Eager.onErrorResume(reNull)), m -> m.onErrorResume(reNull)));
		l.add(op("onErrorResume throwing", m -> m.transform(Eager.onErrorResume(reThrow)), m -> m.onErrorResume(reThrow)));

		l.add(op("onErrorReturn", m -> m.transform(Eager.onErrorReturn(-9)), m -> m.onErrorReturn(-9)));

		Function<Throwable, Throwable> emap = e -> new UnsupportedOperationException("mapped " + e.getMessage());
		Function<Throwable, Throwable> emapNull = e -> null;
		Function<Throwable, Throwable> emapThrow = e -> { throw thrown("onErrorMap"); };
		l.add(op("onErrorMap", m -> m.transform(Eager.onErrorMap(emap)), m -> m.onErrorMap(emap)));
		l.add(op("onErrorMap returning null", m -> m.transform(Eager.onErrorMap(emapNull)), m -> m.onErrorMap(emapNull)));
		l.add(op("onErrorMap throwing", m -> m.transform(Eager.onErrorMap(emapThrow)), m -> m.onErrorMap(emapThrow)));

		l.add(op("switchIfEmpty to resolved", m -> m.transform(Eager.switchIfEmpty(Mono.just(7))), m -> m.switchIfEmpty(Mono.just(7))));
		l.add(opNotResolved("switchIfEmpty to lazy", m -> m.transform(Eager.switchIfEmpty(Mono.fromCallable(() -> 8))),
				m -> m.switchIfEmpty(Mono.fromCallable(() -> 8))));
		l.add(opNotResolved("switchIfEmpty to lazy completing later",
				m -> m.transform(Eager.switchIfEmpty(Mono.just(10).delayElement(java.time.Duration.ofMillis(1)))),
				m -> m.switchIfEmpty(Mono.just(10).delayElement(java.time.Duration.ofMillis(1)))));
		l.add(op("defaultIfEmpty", m -> m.transform(Eager.defaultIfEmpty(9)), m -> m.defaultIfEmpty(9)));
		l.add(op("then()", m -> m.transform(Eager.then()), Mono::then));
		l.add(op("then(resolved)", m -> m.transform(Eager.then(Mono.just("next"))), m -> m.then(Mono.just("next"))));
		l.add(opNotResolved("then(lazy)", m -> m.transform(Eager.then(Mono.fromCallable(() -> "lazy next"))),
				m -> m.then(Mono.fromCallable(() -> "lazy next"))));
		l.add(opNotResolved("then(lazy completing later)",
				m -> m.transform(Eager.then(Mono.just("later").delayElement(java.time.Duration.ofMillis(1)))),
				m -> m.then(Mono.just("later").delayElement(java.time.Duration.ofMillis(1)))));
		l.add(op("thenReturn", m -> m.transform(Eager.thenReturn("r")), m -> m.thenReturn("r")));
		return l;
	}
}
