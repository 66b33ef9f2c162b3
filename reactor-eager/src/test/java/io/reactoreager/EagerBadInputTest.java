package io.reactoreager;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.reactoreager.testing.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input: null arguments are rejected at assembly with an NPE naming the parameter, for every
 * public method of {@link Eager}; user functions throwing or returning null become error signals;
 * fatal JVM errors are rethrown at once.
 */
class EagerBadInputTest {

	/**
	 * The parameter names of every public method of Eager, by signature; zip(p1..pN) is added
	 * below. A public method missing here fails {@link #everyPublicMethodOfEagerIsCoveredByTheNullArgumentTable}.
	 */
	static final Map<String, List<String>> PARAMETERS = new HashMap<>();

	static {
		put("of(Mono)", "mono");
		put("map(Function)", "mapper");
		put("flatMap(Function)", "mapper");
		put("filter(Predicate)", "predicate");
		put("handle(BiConsumer)", "handler");
		put("doOnNext(Consumer)", "onNext");
		put("doOnError(Consumer)", "onError");
		put("doOnSuccess(Consumer)", "onSuccess");
		put("onErrorResume(Function)", "fallback");
		put("onErrorReturn(Object)", "fallbackValue");
		put("onErrorMap(Function)", "mapper");
		put("switchIfEmpty(Mono)", "alternate");
		put("defaultIfEmpty(Object)", "defaultValue");
		put("then()");
		put("then(Mono)", "next");
		put("thenReturn(Object)", "value");
		put("filterWhen(Function)", "predicate");
		put("zipWhen(Function)", "rightGenerator");
		put("zipWhen(Function,BiFunction)", "rightGenerator", "combinator");
		put("delayUntil(Function)", "triggerProvider");
		put("publishOn(Scheduler)", "scheduler");
		put("subscribeOn(Scheduler)", "scheduler");
		put("timeout(Duration)", "timeout");
		put("timeout(Duration,Mono)", "timeout", "fallback");
		put("timeout(Duration,Scheduler)", "timeout", "timer");
		put("timeout(Duration,Mono,Scheduler)", "timeout", "fallback", "timer");
		put("group(Function)", "body");
		put("start(Mono)", "mono");
		put("start(Mono,ContextView)", "mono", "context");
		put("fromCompletionStage(CompletionStage)", "stage");
		put("fromFuture(CompletableFuture)", "future");
		put("fromFuture(CompletableFuture,boolean)", "future", "suppressCancel");
		put("fromCallable(Callable)", "callable");
		put("just(Object)", "value");
		put("sink(Runnable)", "onCancel");
		put("isResolved(Publisher)", "publisher");
		put("isPending(Publisher)", "publisher");
		put("whenComplete(Mono,ContextView,BiConsumer)", "mono", "context", "callback");
		put("when(Publisher[])", "sources");
		put("when(Iterable)", "sources");
		put("zip(Iterable,Function)", "sources", "combinator");
		put("zip(Function,Mono[])", "combinator", "sources");
		put("gather(Iterable)", "sources");
		for (int n = 2; n <= 8; n++) {
			String[] names = new String[n];
			String[] types = new String[n];
			for (int i = 0; i < n; i++) {
				names[i] = "p" + (i + 1);
				types[i] = "Mono";
			}
			put("zip(" + String.join(",", types) + ")", names);
		}
	}

	private static void put(String signature, String... names) {
		PARAMETERS.put(signature, List.of(names));
	}

	static String signature(Method m) {
		return m.getName() + "(" + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(",")) + ")";
	}

	static List<Method> publicMethods() {
		return Arrays.stream(Eager.class.getDeclaredMethods())
				.filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
				.toList();
	}

	/** A valid argument of each parameter type. */
	static Object valid(Class<?> type) {
		if (type == Function.class) {
			return Function.identity();
		}
		if (type == java.util.function.BiFunction.class) {
			return (java.util.function.BiFunction<Object, Object, Object>) (a, b) -> a;
		}
		if (type == Predicate.class) {
			return (Predicate<Object>) x -> true;
		}
		if (type == BiConsumer.class) {
			return (BiConsumer<Object, Object>) (a, b) -> { };
		}
		if (type == Consumer.class) {
			return (Consumer<Object>) x -> { };
		}
		if (type == Mono.class || type == Publisher.class) {
			return Mono.just(1);
		}
		if (type == ContextView.class) {
			return Context.empty();
		}
		if (type == CompletionStage.class || type == CompletableFuture.class) {
			return CompletableFuture.completedFuture(1);
		}
		if (type == Callable.class) {
			return (Callable<Object>) () -> 1;
		}
		if (type == Runnable.class) {
			return (Runnable) () -> { };
		}
		if (type == reactor.core.scheduler.Scheduler.class) {
			return reactor.core.scheduler.Schedulers.immediate();
		}
		if (type == java.time.Duration.class) {
			return java.time.Duration.ofSeconds(1);
		}
		if (type == Iterable.class) {
			return List.of(Mono.just(1));
		}
		if (type == Publisher[].class) {
			return new Publisher<?>[] {Mono.just(1)};
		}
		if (type == Mono[].class) {
			return new Mono<?>[] {Mono.just(1)};
		}
		if (type == Object.class) {
			return 1;
		}
		if (type == boolean.class) {
			return false;
		}
		throw new AssertionError("no valid value for " + type);
	}

	@Test
	void everyPublicMethodOfEagerIsCoveredByTheNullArgumentTable() {
		assertThat(publicMethods().stream().map(EagerBadInputTest::signature).collect(Collectors.toSet()))
				.isEqualTo(PARAMETERS.keySet());
	}

	static Stream<Arguments> nullArguments() {
		List<Arguments> l = new ArrayList<>();
		for (Method m : publicMethods()) {
			List<String> names = PARAMETERS.get(signature(m));
			for (int i = 0; i < m.getParameterCount(); i++) {
				if (m.getParameterTypes()[i].isPrimitive()) {
					continue; // cannot be null
				}
				l.add(Arguments.of(signature(m), m, i, names == null ? "?" : names.get(i)));
			}
		}
		return l.stream();
	}

	@ParameterizedTest(name = "{0}: null argument {2} -> NPE \"{3}\"")
	@MethodSource("nullArguments")
	void aNullArgumentIsRejectedWithAnNpeNamingTheParameter(String signature, Method m, int index, String name) {
		Object[] args = new Object[m.getParameterCount()];
		for (int i = 0; i < args.length; i++) {
			args[i] = i == index ? null : valid(m.getParameterTypes()[i]);
		}
		assertThatThrownBy(() -> invoke(m, args)).isExactlyInstanceOf(NullPointerException.class).hasMessage(name);
	}

	@Test
	void aNullElementIsRejectedWithAnNpeNamingItsIndex() {
		assertThatThrownBy(() -> Eager.when(Mono.just(1), null)).isExactlyInstanceOf(NullPointerException.class).hasMessage("sources[1]");
		assertThatThrownBy(() -> Eager.when(Arrays.asList(Mono.just(1), null))).hasMessage("sources[1]");
		assertThatThrownBy(() -> Eager.gather(Arrays.asList(null, Mono.just(1)))).hasMessage("sources[0]");
		assertThatThrownBy(() -> Eager.zip(Arrays.asList(Mono.just(1), null), v -> v)).hasMessage("sources[1]");
		assertThatThrownBy(() -> Eager.zip(v -> v, Mono.just(1), null)).hasMessage("sources[1]");
	}

	@Test
	void anOperatorAppliedToANullSourceRejectsItAndASinkRejectsNullOutcomes() {
		assertThatThrownBy(() -> Eager.map(x -> x).apply(null)).isExactlyInstanceOf(NullPointerException.class).hasMessage("source");
		EagerSink<Integer> sink = Eager.sink(() -> { });
		assertThatThrownBy(() -> sink.tryEmitValue(null)).isExactlyInstanceOf(NullPointerException.class).hasMessage("value");
		assertThatThrownBy(() -> sink.tryEmitError(null)).isExactlyInstanceOf(NullPointerException.class).hasMessage("error");
		assertThat(sink.isDone()).isFalse();
	}

	private static Object invoke(Method m, Object[] args) throws Throwable {
		try {
			return m.invoke(null, args);
		}
		catch (InvocationTargetException e) {
			throw e.getCause();
		}
	}

	// ------------------------------------------------------------------ user functions

	@Test
	void aThrowingUserFunctionBecomesTheErrorSignal() {
		RuntimeException boom = new IllegalArgumentException("user function");
		List<Mono<?>> failing = List.of(
				Mono.just(1).transform(Eager.map(x -> { throw boom; })),
				Mono.just(1).transform(Eager.flatMap(x -> { throw boom; })),
				Mono.just(1).transform(Eager.filter(x -> { throw boom; })),
				Mono.just(1).transform(Eager.handle((x, s) -> { throw boom; })),
				Mono.just(1).transform(Eager.doOnNext(x -> { throw boom; })),
				Mono.error(new IllegalStateException()).transform(Eager.doOnError(x -> { throw boom; })),
				Mono.error(new IllegalStateException()).transform(Eager.onErrorResume(x -> { throw boom; })),
				Mono.error(new IllegalStateException()).transform(Eager.onErrorMap(x -> { throw boom; })),
				Eager.fromCallable(() -> { throw boom; }),
				Eager.zip(List.of(Mono.just(1), Mono.just(2)), v -> { throw boom; }));
		for (Mono<?> m : failing) {
			assertThat(Eager.isResolved(m)).as("%s", m).isTrue();
			StepVerifier.create(m).expectErrorSatisfies(e -> assertThat(e).isSameAs(boom)).verify(Signals.TIMEOUT);
		}
	}

	@Test
	void aUserFunctionReturningNullBecomesAnNpeErrorSignal() {
		List<Mono<?>> failing = List.of(
				Mono.just(1).transform(Eager.map(x -> null)),
				Mono.just(1).transform(Eager.flatMap(x -> null)),
				Mono.error(new IllegalStateException()).transform(Eager.onErrorResume(x -> null)),
				Mono.error(new IllegalStateException()).transform(Eager.onErrorMap(x -> null)),
				Eager.zip(List.of(Mono.just(1), Mono.just(2)), v -> null));
		for (Mono<?> m : failing) {
			StepVerifier.create(m).expectError(NullPointerException.class).verify(Signals.TIMEOUT);
		}
		StepVerifier.create(Eager.fromCallable(() -> null)).as("fromCallable: null is empty").verifyComplete();
	}

	// ------------------------------------------------------------------ fatal errors

	/** A VirtualMachineError: Exceptions.throwIfFatal rethrows it. */
	static final class FatalError extends VirtualMachineError {

		private static final long serialVersionUID = 1L;

		FatalError() {
			super("fatal");
		}
	}

	static Stream<Arguments> fatalSteps() {
		FatalError fatal = new FatalError();
		List<Arguments> l = new ArrayList<>();
		l.add(Arguments.of("map", fatal, Eager.<Integer, Integer>map(x -> { throw fatal; }), false));
		l.add(Arguments.of("flatMap", fatal, Eager.<Integer, Integer>flatMap(x -> { throw fatal; }), false));
		l.add(Arguments.of("filter", fatal, Eager.<Integer>filter(x -> { throw fatal; }), false));
		l.add(Arguments.of("handle", fatal, Eager.<Integer, Integer>handle((x, s) -> { throw fatal; }), false));
		l.add(Arguments.of("doOnNext", fatal, Eager.<Integer>doOnNext(x -> { throw fatal; }), false));
		l.add(Arguments.of("doOnError", fatal, Eager.<Integer>doOnError(x -> { throw fatal; }), true));
		l.add(Arguments.of("onErrorResume", fatal, Eager.<Integer>onErrorResume(x -> { throw fatal; }), true));
		l.add(Arguments.of("onErrorMap", fatal, Eager.<Integer>onErrorMap(x -> { throw fatal; }), true));
		return l.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fatalSteps")
	void aFatalErrorFromAUserFunctionIsRethrownAtOnce(String name, FatalError fatal, Function<Mono<Integer>, Mono<?>> op, boolean onError) {
		Mono<Integer> resolved = onError ? Mono.error(new IllegalStateException()) : Mono.just(1);
		assertThatThrownBy(() -> op.apply(resolved)).as("resolved input: at assembly").isSameAs(fatal);

		Mono<Integer> lazy = onError ? Mono.fromCallable(() -> { throw new IllegalStateException(); }) : Mono.fromCallable(() -> 1);
		Mono<?> chain = op.apply(lazy);
		assertThatThrownBy(() -> chain.subscribe(x -> { }, e -> { })).as("lazy input: at subscription").isSameAs(fatal);

		EagerSink<Integer> sink = Eager.sink(() -> { });
		Mono<?> pending = op.apply(sink.asMono());
		assertThat(Eager.isPending(pending)).isTrue();
		assertThatThrownBy(() -> {
			if (onError) {
				sink.tryEmitError(new IllegalStateException());
			}
			else {
				sink.tryEmitValue(1);
			}
		}).as("pending input: to the thread completing it").isSameAs(fatal);
	}

	@Test
	void aFatalErrorFromCallOrAZipCombinatorIsRethrownAtOnce() {
		FatalError fatal = new FatalError();
		assertThatThrownBy(() -> Eager.fromCallable(() -> { throw fatal; })).isSameAs(fatal);
		assertThatThrownBy(() -> Eager.zip(List.of(Mono.just(1), Mono.just(2)), v -> { throw fatal; })).isSameAs(fatal);
		LinkageError linkage = new LinkageError("linkage");
		assertThatThrownBy(() -> Mono.just(1).transform(Eager.map(x -> { throw linkage; }))).isSameAs(linkage);
	}
}
