package io.reactoreager.examples.netty;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.reactoreager.EagerPolicy;

/**
 * The README's demo: starts the catalogue service with its embedded backend (or the one given with
 * {@code --backend}) and its Prometheus endpoint, warms it up, then drives the same built-in load
 * with the switch off (stock Reactor operators) and on, in alternating rounds, and prints both side by side
 * ({@link DemoSummary}); then serves until Ctrl-C, or exits with {@code --exit-after-summary}.
 * See {@link DemoOptions} for the arguments.
 */
public final class Demo {

	private Demo() {
	}

	public static void main(String[] args) throws InterruptedException {
		DemoOptions options;
		try {
			options = DemoOptions.parse(args);
		}
		catch (IllegalArgumentException e) {
			System.err.println(e.getMessage());
			throw e;
		}
		CatalogueApp app = CatalogueApp.start(options);
		System.out.println("catalogue service on " + app.baseUrl() + " (backend " + app.backendUrl()
				+ (app.embeddedBackend() != null ? ", embedded" : "") + "), metrics on " + app.metricsUrl());
		boolean switchAtStart = EagerPolicy.isEnabled();
		DemoSummary summary;
		try {
			summary = compare(app, options);
		}
		catch (RuntimeException | InterruptedException e) {
			app.close();
			throw e;
		}
		finally {
			EagerPolicy.setEnabled(switchAtStart);
		}
		System.out.println(summary.render());
		if (options.exitAfterSummary()) {
			app.close();
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			app.close();
			stopped.countDown();
		}, "catalogue-shutdown"));
		System.out.println("serving until Ctrl-C");
		stopped.await();
	}

	/**
	 * A warm-up of the duration with the switch on, then off (not reported; the JIT compiles both
	 * paths), then the load in four rounds of half the duration each, switch off, on, on, off (so neither position gains from running later), each
	 * round from an empty cache.
	 */
	static DemoSummary compare(CatalogueApp app, DemoOptions options) throws InterruptedException {
		boolean terminal = System.console() != null;
		LoadDriver driver = new LoadDriver(app);
		Duration half = options.duration().dividedBy(2);
		round(driver, app, "warm-up, switch on", true, options.duration(), options, terminal);
		round(driver, app, "warm-up, switch off", false, options.duration(), options, terminal);
		DemoPhase off = round(driver, app, "switch off, round 1", false, half, options, terminal);
		DemoPhase on = round(driver, app, "switch on, round 1", true, half, options, terminal);
		on = on.plus(round(driver, app, "switch on, round 2", true, half, options, terminal));
		off = off.plus(round(driver, app, "switch off, round 2", false, half, options, terminal));
		return new DemoSummary(off, on, options.exitAfterSummary() ? List.of() : app.urlsToTry());
	}

	private static DemoPhase round(LoadDriver driver, CatalogueApp app, String label, boolean switchOn, Duration duration,
			DemoOptions options, boolean terminal) throws InterruptedException {
		EagerPolicy.setEnabled(switchOn);
		app.service().clearCache();
		return driver.run(label, duration, options, System.out, terminal);
	}
}
