package io.reactoreager.examples.netty;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.reactoreager.Eager;
import io.reactoreager.EagerStats;
import reactor.core.publisher.Mono;

/**
 * TEMPORARY demo until the netty-transport module is on main: runs the catalogue lookup (cache
 * hit: resolved, inline; miss: a pending backend call completed on another thread) in-process
 * under a short load and prints the {@link EagerStats} summary. It is replaced by the HTTP
 * service with its embedded backend once netty-transport lands.
 */
public final class Demo {

	private Demo() {
	}

	public static void main(String[] args) throws Exception {
		DemoOptions options;
		try {
			options = DemoOptions.parse(args);
		}
		catch (IllegalArgumentException e) {
			System.err.println(e.getMessage());
			System.exit(2);
			return;
		}
		DemoSummary summary = run(options, System.out, System.console() != null);
		System.out.println(summary.render());
		System.out.println("(in-process demo: the HTTP service arrives with the netty-transport module)");
	}

	/** Runs the load and returns its summary. */
	static DemoSummary run(DemoOptions options, PrintStream out, boolean terminal) throws InterruptedException {
		Map<String, String> store = Map.of("p1", "Espresso cup", "p2", "Milk jug", "p3", "Tamper", "p4", "Grinder");
		Map<String, String> cache = new ConcurrentHashMap<>();
		LongAdder hits = new LongAdder();
		LongAdder misses = new LongAdder();
		LongAdder done = new LongAdder();
		LongAdder failed = new LongAdder();
		Semaphore inFlight = new Semaphore(options.concurrency());
		String[] ids = {"p1", "p2", "p3", "p4", "p9"};

		Progress progress = new Progress(out, terminal, options.duration());
		EagerStats.Snapshot before = EagerStats.snapshot();
		long start = System.nanoTime();
		long end = start + options.duration().toNanos();
		long nextUpdate = start;
		long n = 0;
		while (System.nanoTime() < end) {
			inFlight.acquire();
			String id = ids[(int) (n++ % ids.length)];
			Mono<String> lookup;
			String cached = cache.get(id);
			if (cached != null) {
				hits.increment();
				lookup = Mono.just(cached);
			}
			else {
				misses.increment();
				CompletableFuture<String> backend = CompletableFuture.supplyAsync(() -> store.get(id),
						CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
				lookup = Eager.fromFuture(backend).transform(Eager.doOnNext(name -> cache.put(id, name)));
			}
			lookup.transform(Eager.map(name -> "{\"id\":\"" + id + "\",\"name\":\"" + name + "\"}"))
					.transform(Eager.defaultIfEmpty("not found"))
					.subscribe(body -> { }, e -> {
						failed.increment();
						done.increment();
						inFlight.release();
					}, () -> {
						done.increment();
						inFlight.release();
					});
			long now = System.nanoTime();
			if (now >= nextUpdate) {
				progress.update(Duration.ofNanos(now - start), done.sum());
				nextUpdate = now + TimeUnit.MILLISECONDS.toNanos(terminal ? 100 : 1000);
			}
		}
		inFlight.acquire(options.concurrency());
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		progress.update(options.duration(), done.sum());
		progress.done();
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);
		return new DemoSummary(done.sum(), failed.sum(), hits.sum(), misses.sum(), elapsed, delta,
				OptionalLong.empty(), List.of());
	}
}
