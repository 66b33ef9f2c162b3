package io.reactoreager.testing;

import java.time.Duration;

import org.reactivestreams.tck.TestEnvironment;
import reactor.core.scheduler.Schedulers;

/** Shared settings of the Reactive Streams TCK classes. */
public final class TckPublishers {

	private TckPublishers() {
	}

	/** Generous signal timeout (the machine is shared), short no-signal wait to keep the run fast. */
	public static TestEnvironment environment() {
		return new TestEnvironment(2000, 50);
	}

	/** Runs {@code r} soon on {@code Schedulers.parallel()}, after a short delay. */
	public static void later(Runnable r) {
		Schedulers.parallel().schedule(r, 1, java.util.concurrent.TimeUnit.MILLISECONDS);
	}

	public static final Duration DELAY = Duration.ofMillis(1);
}
