package io.reactoreager.examples.netty;

import java.util.concurrent.CountDownLatch;

/**
 * The README's demo: starts the catalogue service with its embedded backend (or the one given with
 * {@code --backend}) and its Prometheus endpoint, drives a short built-in load with a progress
 * indicator, prints a summary (requests, eager inline ratio, suspensions, budget yields, bytes
 * avoided) and URLs to try, then serves until Ctrl-C — or exits with {@code --exit-after-summary}.
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
		DemoSummary summary;
		try {
			summary = new LoadDriver(app).run(options, System.out, System.console() != null);
		}
		catch (RuntimeException | InterruptedException e) {
			app.close();
			throw e;
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
}
