package io.reactoreager.examples.netty;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.reactoreager.EagerPolicy;
import io.reactoreager.EagerStats;

/**
 * The demo's built-in load: a few workers over the JDK's own HTTP client (so the client side adds
 * nothing to the eager counters), each sending its next request when the previous one answered,
 * for a fixed duration (and at least {@link #MIN_REQUESTS} requests). The mix is mostly single lookups of 20 products (misses on the first round,
 * cache hits after), with a multi-id lookup every 10th request and a details fan-out every 50th.
 */
final class LoadDriver {

	static final int PRODUCTS = 20;

	/**
	 * The load never stops before this many requests, whatever the duration: the first round over
	 * the products misses the cache, so a short run on a slow machine would otherwise show no hit.
	 */
	static final int MIN_REQUESTS = 3 * PRODUCTS;

	/**
	 * Per request: longer than the service's own backend timeout (10 s), so on a loaded machine a
	 * slow answer is counted by what the service answered, not by the driver giving up first.
	 */
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final CatalogueApp app;
	private final HttpClient http;
	private final AtomicLong sequence = new AtomicLong();
	private final LongAdder done = new LongAdder();
	private final LongAdder failed = new LongAdder();

	LoadDriver(CatalogueApp app) {
		this.app = Objects.requireNonNull(app, "app");
		this.http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(2))
				.build();
	}

	/**
	 * Runs the load for {@code duration} with the options' concurrency, showing progress labelled
	 * {@code label}, and sums it up. The caller sets the switch.
	 */
	DemoPhase run(String label, Duration duration, DemoOptions options, PrintStream out, boolean terminal) throws InterruptedException {
		Progress progress = new Progress(out, terminal, label, duration);
		sequence.set(0);
		done.reset();
		failed.reset();
		long hits0 = app.service().cacheHits();
		long misses0 = app.service().cacheMisses();
		OptionalLong bytes0 = app.bytesAvoided();
		OptionalLong objects0 = app.objectsAvoided();
		OptionalLong service0 = ServiceAllocation.bytesSoFar();
		EagerStats.Snapshot before = EagerStats.snapshot();
		long start = System.nanoTime();
		long end = start + duration.toNanos();

		CompletableFuture<?>[] workers = new CompletableFuture<?>[options.concurrency()];
		for (int i = 0; i < workers.length; i++) {
			workers[i] = loop(end);
		}
		CompletableFuture<Void> all = CompletableFuture.allOf(workers);
		long tick = terminal ? 100 : 1000;
		while (!all.isDone()) {
			progress.update(Duration.ofNanos(System.nanoTime() - start), done.sum());
			try {
				all.get(tick, TimeUnit.MILLISECONDS);
			}
			catch (java.util.concurrent.TimeoutException e) {
				// next progress update
			}
			catch (java.util.concurrent.ExecutionException e) {
				throw new IllegalStateException("load driver failed", e.getCause());
			}
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		OptionalLong service = ServiceAllocation.difference(service0, ServiceAllocation.bytesSoFar());
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);
		progress.update(duration, done.sum());
		progress.done();

		return new DemoPhase(EagerPolicy.isEnabled(), done.sum(), failed.sum(), app.service().cacheHits() - hits0,
				app.service().cacheMisses() - misses0, elapsed, DemoPhase.totals(delta), service,
				ServiceAllocation.difference(bytes0, app.bytesAvoided()),
				ServiceAllocation.difference(objects0, app.objectsAvoided()));
	}

	/** One worker: request after request until the deadline (and at least {@link #MIN_REQUESTS} in all). */
	private CompletableFuture<Void> loop(long end) {
		if (System.nanoTime() >= end && sequence.get() >= MIN_REQUESTS) {
			return CompletableFuture.completedFuture(null);
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + nextPath()))
				.timeout(REQUEST_TIMEOUT)
				.GET()
				.build();
		return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
				.handle((response, error) -> {
					if (error != null || response.statusCode() / 100 != 2) {
						failed.increment();
					}
					done.increment();
					return null;
				})
				.thenCompose(ignored -> loop(end));
	}

	private String nextPath() {
		long n = sequence.getAndIncrement();
		if (n % 50 == 49) {
			return "/products/p" + (1 + n % PRODUCTS) + "/details";
		}
		if (n % 10 == 9) {
			StringBuilder b = new StringBuilder("/products?ids=");
			for (int i = 0; i < 5; i++) {
				b.append(i == 0 ? "" : ",").append('p').append(1 + (n + i) % PRODUCTS);
			}
			return b.toString();
		}
		return "/products/p" + (1 + n % PRODUCTS);
	}
}
