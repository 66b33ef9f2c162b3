package io.reactoreager.benchmarks.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.reactoreager.Eager;
import io.reactoreager.EagerOperator;
import io.reactoreager.benchmarks.calibration.Probe.Shape;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The calibration workloads, one per operator, each on a resolved input with the outcome the
 * operator most often sees (a value). Step functions are allocated once, as constants, like
 * well-written application code; whatever the user functions allocate ({@code Mono.just} in a
 * {@code flatMap}) is allocated in both modes and cancels out.
 */
final class Probes {

	static final Sink SINK = new Sink();

	static final Function<Mono<Object>, Mono<Object>> MAP = Eager.map(x -> x);
	static final Function<Mono<Object>, Mono<Object>> FILTER = Eager.filter(x -> x != null);
	static final Function<Mono<Object>, Mono<Object>> FLAT_MAP = Eager.flatMap(x -> Mono.just(x));
	static final Function<Mono<Object>, Mono<Object>> HANDLE = Eager.handle((x, sink) -> sink.next(x));
	static final Function<Mono<Object>, Mono<Object>> DO_ON_NEXT = Eager.doOnNext(x -> { });
	static final Function<Mono<Object>, Mono<Object>> DO_ON_ERROR = Eager.doOnError(e -> { });
	static final Function<Mono<Object>, Mono<Object>> DO_ON_SUCCESS = Eager.doOnSuccess(x -> { });
	static final Function<Mono<Object>, Mono<Object>> ON_ERROR_RESUME = Eager.onErrorResume(e -> Mono.just(0));
	static final Function<Mono<Object>, Mono<Object>> ON_ERROR_RETURN = Eager.onErrorReturn(0);
	static final Function<Mono<Object>, Mono<Object>> ON_ERROR_MAP = Eager.onErrorMap(e -> e);
	static final Function<Mono<Object>, Mono<Object>> SWITCH_IF_EMPTY = Eager.switchIfEmpty(Mono.just(0));
	static final Function<Mono<Object>, Mono<Object>> DEFAULT_IF_EMPTY = Eager.defaultIfEmpty(0);
	static final Function<Mono<Object>, Mono<Object>> THEN = Eager.then(Mono.just(1));
	static final Function<Mono<Object>, Mono<Object>> THEN_RETURN = Eager.thenReturn(1);

	static final Callable<Object> CALLABLE = () -> 1;
	static final CompletableFuture<Object> DONE = CompletableFuture.completedFuture(1);
	static final BiConsumer<Object, Throwable> CALLBACK = (v, e) -> SINK.values++;
	static final Function<Object[], Object> FIRST = a -> a[0];

	private Probes() {
	}

	/** Small values, so that boxing hits the Integer cache in both modes. */
	static Integer input(int i) {
		return i & 31;
	}

	static List<Probe> all() {
		List<Probe> p = new ArrayList<>();
		p.add(chain(EagerOperator.MAP, "map(x -> x)", MAP));
		p.add(chain(EagerOperator.FILTER, "filter(x -> x != null), kept", FILTER));
		p.add(chain(EagerOperator.FLAT_MAP, "flatMap(x -> Mono.just(x))", FLAT_MAP));
		p.add(chain(EagerOperator.HANDLE, "handle((x, sink) -> sink.next(x))", HANDLE));
		p.add(chain(EagerOperator.DO_ON_NEXT, "doOnNext(x -> {})", DO_ON_NEXT));
		p.add(chain(EagerOperator.DO_ON_ERROR, "doOnError(e -> {}) on a value", DO_ON_ERROR));
		p.add(chain(EagerOperator.DO_ON_SUCCESS, "doOnSuccess(x -> {})", DO_ON_SUCCESS));
		p.add(chain(EagerOperator.ON_ERROR_RESUME, "onErrorResume(e -> Mono.just(0)) on a value", ON_ERROR_RESUME));
		p.add(chain(EagerOperator.ON_ERROR_RETURN, "onErrorReturn(0) on a value", ON_ERROR_RETURN));
		p.add(chain(EagerOperator.ON_ERROR_MAP, "onErrorMap(e -> e) on a value", ON_ERROR_MAP));
		p.add(chain(EagerOperator.SWITCH_IF_EMPTY, "switchIfEmpty(Mono.just(0)) on a value", SWITCH_IF_EMPTY));
		p.add(chain(EagerOperator.DEFAULT_IF_EMPTY, "defaultIfEmpty(0) on a value", DEFAULT_IF_EMPTY));
		p.add(chain(EagerOperator.THEN, "then(Mono.just(1)) on a value", THEN));
		p.add(chain(EagerOperator.THEN_RETURN, "thenReturn(1) on a value", THEN_RETURN));

		p.add(new Probe(EagerOperator.FROM_CALLABLE, Shape.SOURCE, "fromCallable(() -> 1), subscribed", (i, n) -> {
			for (int k = 0; k < n; k++) {
				Eager.fromCallable(CALLABLE).subscribe(SINK);
			}
		}));
		p.add(new Probe(EagerOperator.FROM_FUTURE, Shape.SOURCE, "fromFuture(a completed CompletableFuture), subscribed", (i, n) -> {
			for (int k = 0; k < n; k++) {
				Eager.fromFuture(DONE).subscribe(SINK);
			}
		}));
		p.add(new Probe(EagerOperator.START, Shape.SOURCE, "start(Mono.just(x)), subscribed", (i, n) -> {
			for (int k = 0; k < n; k++) {
				Eager.start(Mono.just(input(i))).subscribe(SINK);
			}
		}));
		p.add(new Probe(EagerOperator.WHEN_COMPLETE, Shape.SOURCE, "whenComplete(Mono.just(x), Context.empty(), callback)", (i, n) -> {
			for (int k = 0; k < n; k++) {
				Eager.whenComplete(Mono.just(input(i)), Context.empty(), CALLBACK);
			}
		}));

		for (int arity : AllocationCalibration.ARITIES) {
			p.add(join(EagerOperator.GATHER, arity, "gather", Eager::gather));
			p.add(join(EagerOperator.ZIP, arity, "zip(sources, a -> a[0])", l -> Eager.zip(l, FIRST)));
			p.add(join(EagerOperator.WHEN, arity, "when(sources)", Eager::when));
		}
		return p;
	}

	static Probe chain(EagerOperator op, String workload, Function<Mono<Object>, Mono<Object>> step) {
		// the head map makes the stock input a non-scalar operator, as inside a real chain (stock
		// defaultIfEmpty returns Mono.just itself); it is the same at both lengths and cancels out
		return new Probe(op, Shape.CHAIN, 0, workload + " after Mono.just(x).map(x -> x)", (i, n) -> {
			Mono<Object> m = Mono.<Object>just(input(i)).transform(MAP);
			for (int k = 0; k < n; k++) {
				m = m.transform(step);
			}
			m.subscribe(SINK);
		});
	}

	@SuppressWarnings({"unchecked", "rawtypes"})
	static Probe join(EagerOperator op, int arity, String name, Function<List<Mono<Object>>, Mono<?>> join) {
		String workload = "nested " + name + ": each level joins the previous level and " + (arity - 1) + " Mono.just(x)";
		return new Probe(op, Shape.JOIN, arity, workload, (i, n) -> {
			Mono<Object> m = Mono.just(input(i));
			for (int level = 0; level < n; level++) {
				List<Mono<Object>> children = new ArrayList<>(arity);
				children.add(m);
				for (int c = 1; c < arity; c++) {
					children.add(Mono.just(input(i + c)));
				}
				m = (Mono) join.apply(children);
			}
			m.subscribe(SINK);
		});
	}
}
