package io.reactoreager.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.netty.channel.DefaultEventLoop;
import io.reactoreager.Eager;
import io.reactoreager.EagerFlux;
import io.reactoreager.EagerPolicy;
import io.reactoreager.EagerSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.annotation.Nullable;
import reactor.util.concurrent.Queues;

/**
 * The micronaut-core #7706 shape: a reactive controller filters 2,000 cached entities with
 * {@code filterWhen} over four concatenated {@code Mono<Boolean>} predicates that are almost always
 * synchronous. {@code Flux} of 2,000 ids, {@code flatMap} to a cache lookup that hits (resolved),
 * {@code filterWhen} of the four predicates chained with short-circuit (95% of entities decide all
 * four at once; for 5% the third predicate suspends on a Netty {@link DefaultEventLoop} timer with
 * a tiny delay), {@code map}, {@code collectList}.
 *
 * <p>Isolates the cost of the predicate machinery and of waiting for the suspending predicates.
 * Five variants of the same work: eager operators (with {@code filterWhen}'s default buffer, and
 * with a buffer of every entity), the same code with the switch off (every eager operator becomes
 * its stock twin, which tests one value at a time), the same pipeline written with stock Reactor
 * operators, and the CompletableFuture rewrite the #7706 users fell back to. The
 * {@code *AllResolved} variants run the same pipelines over entities none of whose predicates
 * suspends: no wait to overlap, only the CPU cost per value; {@code reactorSyncFloorAllResolved}
 * and {@code plainJavaAllResolved} are the floors of a Reactor pipeline and of a loop. Run with {@code -prof gc} for bytes/op.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class FilterWhenBenchmark {

	static final int ENTITIES = 2_000;
	/** One entity in twenty has a predicate that suspends. */
	static final int SUSPEND_EVERY = 20;
	static final long SUSPEND_MICROS = 10;

	/** The suspending predicate's timer delay ({@link FilterWhenDelayBenchmark} varies it). */
	long suspendMicros = SUSPEND_MICROS;

	record Entity(int id, String name, boolean visible, boolean owned, boolean active, boolean allowed, boolean suspends) { }

	List<Integer> ids;
	Map<Integer, Entity> cache;
	/** The same entities, none of whose predicates suspends: isolates the per-value CPU cost. */
	Map<Integer, Entity> resolvedCache;
	DefaultEventLoop loop;

	@Setup(Level.Trial)
	public void setUp() {
		ids = new ArrayList<>(ENTITIES);
		cache = new HashMap<>();
		resolvedCache = new HashMap<>();
		for (int i = 0; i < ENTITIES; i++) {
			ids.add(i);
			cache.put(i, new Entity(i, "entity-" + i, i % 7 != 0, i % 11 != 0, true, i % 13 != 0, i % SUSPEND_EVERY == 0));
			resolvedCache.put(i, new Entity(i, "entity-" + i, i % 7 != 0, i % 11 != 0, true, i % 13 != 0, false));
		}
		loop = new DefaultEventLoop();
	}

	@TearDown(Level.Trial)
	public void tearDown() throws InterruptedException {
		EagerPolicy.setEnabled(true);
		loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
	}

	// ------------------------------------------------------------------ eager (and switch off)

	Mono<Entity> lookupEager(Integer id) {
		return Mono.justOrEmpty(cache.get(id));
	}

	Mono<Entity> lookupEagerResolved(Integer id) {
		return Mono.justOrEmpty(resolvedCache.get(id));
	}

	/** A predicate result: resolved, or pending on the event loop's timer. */
	Mono<Boolean> verdictEager(boolean value, boolean suspend) {
		if (!suspend) {
			return Mono.just(value);
		}
		if (!EagerPolicy.isEnabled()) {
			return Mono.create(s -> loop.schedule(() -> s.success(value), suspendMicros, TimeUnit.MICROSECONDS));
		}
		EagerSink<Boolean> sink = Eager.sink(() -> { });
		loop.schedule(() -> sink.tryEmitValue(value), suspendMicros, TimeUnit.MICROSECONDS);
		return sink.asMono();
	}

	/** The four predicates concatenated with short-circuit, written with the fluent eager chain ({@code Eager.of}). */
	Mono<Boolean> allFourEager(Entity e) {
		return Eager.of(verdictEager(e.visible(), false))
				.flatMap(b -> b ? verdictEager(e.owned(), false) : Mono.just(false))
				.flatMap(b -> b ? verdictEager(e.active(), e.suspends()) : Mono.just(false))
				.flatMap(b -> b ? verdictEager(e.allowed(), false) : Mono.just(false))
				.toMono();
	}

	List<String> runEager(int bufferSize) {
		return runEager(this::lookupEager, bufferSize);
	}

	List<String> runEager(Function<Integer, Mono<Entity>> lookup, int bufferSize) {
		return runEager(lookup, this::allFourEager, bufferSize);
	}

	List<String> runEager(Function<Integer, Mono<Entity>> lookup, Function<Entity, Mono<Boolean>> test, int bufferSize) {
		return Flux.fromIterable(ids)
				.transform(EagerFlux.flatMap(lookup))
				.transform(EagerFlux.filterWhen(test, bufferSize))
				.map(Entity::name)
				.collectList()
				.block();
	}

	List<String> runEager() {
		return runEager(Queues.SMALL_BUFFER_SIZE);
	}

	/**
	 * {@link #eager} with no predicate suspending: what remains is the CPU cost per value of the
	 * lookup, the four predicates and the pipeline, with no wait to overlap.
	 */
	@Benchmark
	public List<String> eagerAllResolved(EagerSwitch.On on) {
		return runEagerAllResolved();
	}

	/** {@link #eagerAllResolved} with the in-process counters off: what exact counting costs per value. */
	@Benchmark
	public List<String> eagerAllResolvedCountingOff(EagerSwitch.CountingOff countingOff) {
		return runEagerAllResolved();
	}

	/** {@link #eagerAllResolved}, switch off. */
	@Benchmark
	public List<String> eagerAllResolvedSwitchOff(EagerSwitch.Off off) {
		return runEagerAllResolved();
	}

	// ------------------------------------------------------------------ eager, written with Eager.just

	Mono<Entity> lookupEagerJust(Integer id) {
		return eagerJustOrEmpty(cache.get(id));
	}

	Mono<Entity> lookupEagerJustResolved(Integer id) {
		return eagerJustOrEmpty(resolvedCache.get(id));
	}

	static Mono<Entity> eagerJustOrEmpty(@Nullable Entity e) {
		return e == null ? Mono.empty() : Eager.just(e);
	}

	/** {@link #verdictEager} with {@code Eager.just} for a resolved verdict: one of two shared instances. */
	Mono<Boolean> verdictEagerJust(boolean value, boolean suspend) {
		return suspend ? verdictEager(value, true) : Eager.just(value);
	}

	/**
	 * {@link #allFourEager} with {@code Eager.just} in place of {@code Mono.just}: the only change.
	 * Spelled out as user code would be: sharing one chain through a verdict-factory parameter
	 * changed what the JIT made of both (on {@code eagerAllResolved}: 152 vs 120 KB/op, 7,685 vs
	 * 11,391 ops/s, measured on 2026-11-26 at build 01e79c1).
	 */
	Mono<Boolean> allFourEagerJust(Entity e) {
		return Eager.of(verdictEagerJust(e.visible(), false))
				.flatMap(b -> b ? verdictEagerJust(e.owned(), false) : Eager.just(false))
				.flatMap(b -> b ? verdictEagerJust(e.active(), e.suspends()) : Eager.just(false))
				.flatMap(b -> b ? verdictEagerJust(e.allowed(), false) : Eager.just(false))
				.toMono();
	}

	/**
	 * {@link #eager} with the lookup and the predicates returning {@code Eager.just} instead of
	 * {@code Mono.just}: no assembly hook per value, and no allocation for a resolved verdict.
	 */
	@Benchmark
	public List<String> eagerJust(EagerSwitch.On on) {
		return runEager(this::lookupEagerJust, this::allFourEagerJust, Queues.SMALL_BUFFER_SIZE);
	}

	/** {@link #eagerJust} with a buffer of every entity. */
	@Benchmark
	public List<String> eagerJustWholeBuffer(EagerSwitch.On on) {
		return runEager(this::lookupEagerJust, this::allFourEagerJust, ENTITIES);
	}

	/** {@link #eagerJustWholeBuffer} with the in-process counters off. */
	@Benchmark
	public List<String> eagerJustWholeBufferCountingOff(EagerSwitch.CountingOff countingOff) {
		return runEager(this::lookupEagerJust, this::allFourEagerJust, ENTITIES);
	}

	/** {@link #eagerJustAllResolved} with the in-process counters off. */
	@Benchmark
	public List<String> eagerJustAllResolvedCountingOff(EagerSwitch.CountingOff countingOff) {
		return runEager(this::lookupEagerJustResolved, this::allFourEagerJust, Queues.SMALL_BUFFER_SIZE);
	}

	/** {@link #eagerJust} with no predicate suspending. */
	@Benchmark
	public List<String> eagerJustAllResolved(EagerSwitch.On on) {
		return runEager(this::lookupEagerJustResolved, this::allFourEagerJust, Queues.SMALL_BUFFER_SIZE);
	}

	List<String> runEagerAllResolved() {
		return runEager(this::lookupEagerResolved, Queues.SMALL_BUFFER_SIZE);
	}

	/**
	 * Eager with {@code filterWhen}'s default buffer (256): each value's test starts when the value
	 * arrives, so the pending tests of up to 256 buffered values wait for their timers together.
	 */
	@Benchmark
	public List<String> eager(EagerSwitch.On on) {
		return runEager();
	}

	/**
	 * Eager with a buffer of all 2,000 entities: every test starts at once and every pending one
	 * waits concurrently, as in the CompletableFuture rewrite.
	 */
	@Benchmark
	public List<String> eagerWholeBuffer(EagerSwitch.On on) {
		return runEager(ENTITIES);
	}

	/** {@link #eagerWholeBuffer} with the in-process counters off. */
	@Benchmark
	public List<String> eagerWholeBufferCountingOff(EagerSwitch.CountingOff countingOff) {
		return runEager(ENTITIES);
	}

	/** The same code as {@link #eager}, switch off for the whole fork: every eager operator is its stock twin. */
	@Benchmark
	public List<String> eagerSwitchOff(EagerSwitch.Off off) {
		return runEager();
	}

	// ------------------------------------------------------------------ stock Reactor

	Mono<Boolean> verdictStock(boolean value, boolean suspend) {
		if (!suspend) {
			return Mono.just(value);
		}
		return Mono.create(s -> loop.schedule(() -> s.success(value), suspendMicros, TimeUnit.MICROSECONDS));
	}

	Mono<Boolean> allFourStock(Entity e) {
		return verdictStock(e.visible(), false)
				.flatMap(b -> b ? verdictStock(e.owned(), false) : Mono.just(false))
				.flatMap(b -> b ? verdictStock(e.active(), e.suspends()) : Mono.just(false))
				.flatMap(b -> b ? verdictStock(e.allowed(), false) : Mono.just(false));
	}

	/** {@link #reactor} with no predicate suspending. */
	@Benchmark
	public List<String> reactorAllResolved() {
		return runReactor(resolvedCache);
	}

	/** The same pipeline written with stock Reactor operators. */
	@Benchmark
	public List<String> reactor() {
		return runReactor(cache);
	}

	List<String> runReactor(Map<Integer, Entity> cache) {
		return Flux.fromIterable(ids)
				.flatMap(id -> Mono.justOrEmpty(cache.get(id)))
				.filterWhen(this::allFourStock)
				.map(Entity::name)
				.collectList()
				.block();
	}

	// ------------------------------------------------------------------ floors (all resolved)

	/**
	 * The floor of any Reactor pipeline of this shape: the same source, lookup, {@code map} and
	 * {@code collectList} with stock operators, the four predicates read as plain booleans in a
	 * synchronous {@code filter}, so no predicate Publisher and no asynchronous operator at all.
	 * What an eager {@code flatMap} and {@code filterWhen} with four {@code Mono} predicates add
	 * per value is measured against it.
	 */
	@Benchmark
	public List<String> reactorSyncFloorAllResolved() {
		return Flux.fromIterable(ids)
				.mapNotNull(resolvedCache::get)
				.filter(e -> e.visible() && e.owned() && e.active() && e.allowed())
				.map(Entity::name)
				.collectList()
				.block();
	}

	/** The same work as a plain loop: the floor of the CompletableFuture rewrite. */
	@Benchmark
	public List<String> plainJavaAllResolved() {
		List<String> names = new ArrayList<>();
		for (Integer id : ids) {
			Entity e = resolvedCache.get(id);
			if (e != null && e.visible() && e.owned() && e.active() && e.allowed()) {
				names.add(e.name());
			}
		}
		return names;
	}

	// ------------------------------------------------------------------ CompletableFuture rewrite

	CompletableFuture<Boolean> verdictFuture(boolean value, boolean suspend) {
		if (!suspend) {
			return CompletableFuture.completedFuture(value);
		}
		CompletableFuture<Boolean> f = new CompletableFuture<>();
		loop.schedule(() -> f.complete(value), suspendMicros, TimeUnit.MICROSECONDS);
		return f;
	}

	CompletableFuture<Boolean> allFourFuture(Entity e) {
		return verdictFuture(e.visible(), false)
				.thenCompose(b -> b ? verdictFuture(e.owned(), false) : CompletableFuture.completedFuture(false))
				.thenCompose(b -> b ? verdictFuture(e.active(), e.suspends()) : CompletableFuture.completedFuture(false))
				.thenCompose(b -> b ? verdictFuture(e.allowed(), false) : CompletableFuture.completedFuture(false));
	}

	@Benchmark
	public List<String> completableFuture() {
		return completableFuture(cache);
	}

	/** {@link #completableFuture} with no predicate suspending. */
	@Benchmark
	public List<String> completableFutureAllResolved() {
		return completableFuture(resolvedCache);
	}

	List<String> completableFuture(Map<Integer, Entity> cache) {
		int n = ids.size();
		Entity[] entities = new Entity[n];
		@SuppressWarnings("unchecked")
		CompletableFuture<Boolean>[] tests = new CompletableFuture[n];
		for (int i = 0; i < n; i++) {
			Entity e = cache.get(ids.get(i));
			entities[i] = e;
			tests[i] = e == null ? CompletableFuture.completedFuture(false) : allFourFuture(e);
		}
		CompletableFuture.allOf(tests).join();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			if (tests[i].join()) {
				names.add(entities[i].name());
			}
		}
		return names;
	}
}
