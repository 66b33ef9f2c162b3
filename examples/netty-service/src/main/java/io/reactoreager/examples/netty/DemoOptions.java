package io.reactoreager.examples.netty;

import java.time.Duration;
import java.util.Objects;

/**
 * The demo's command line: {@code --duration=3s} (the load with each position of the switch: a
 * warm-up of that length, then two measured rounds of half of it),
 * {@code --exit-after-summary} (stop after printing the summary instead of serving until Ctrl-C),
 * {@code --host=127.0.0.1}, {@code --port=8080}, {@code --metrics-port=9464}, {@code --metrics-host=127.0.0.1},
 * {@code --backend=http://host:port} (use that backend instead of the embedded one),
 * {@code --concurrency=16}.
 *
 * @param duration how long the built-in load runs
 * @param exitAfterSummary whether to stop after the summary
 * @param host the address the service binds to (loopback by default)
 * @param port the service's port (0: ephemeral)
 * @param metricsPort the Prometheus endpoint's port (0: ephemeral)
 * @param metricsHost the address the Prometheus endpoint binds to (loopback by default)
 * @param backendUrl an external backend's base URL, or null for the embedded backend
 * @param concurrency requests the load keeps in flight
 */
public record DemoOptions(Duration duration, boolean exitAfterSummary, String host, int port, int metricsPort,
		String metricsHost, String backendUrl, int concurrency) {

	/** The defaults: 3 s of load, serve afterwards, 127.0.0.1:8080, metrics on 127.0.0.1:9464, embedded backend. */
	public static DemoOptions defaults() {
		return new DemoOptions(Duration.ofSeconds(3), false, "127.0.0.1", 8080, 9464, "127.0.0.1", null, 16);
	}

	public DemoOptions {
		Objects.requireNonNull(duration, "duration");
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(metricsHost, "metricsHost");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("duration must not be negative, was " + duration);
		}
		checkPort("port", port);
		checkPort("metricsPort", metricsPort);
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
		}
	}

	/**
	 * Parses {@code --name=value} arguments over the {@link #defaults()}.
	 *
	 * @param args the arguments, not null
	 * @return the options
	 * @throws IllegalArgumentException for an unknown or malformed argument
	 */
	public static DemoOptions parse(String... args) {
		Objects.requireNonNull(args, "args");
		DemoOptions o = defaults();
		Duration duration = o.duration;
		boolean exit = o.exitAfterSummary;
		String host = o.host;
		int port = o.port;
		int metricsPort = o.metricsPort;
		String metricsHost = o.metricsHost;
		String backend = o.backendUrl;
		int concurrency = o.concurrency;
		for (String arg : args) {
			String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
			String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
			switch (name) {
				case "--exit-after-summary" -> exit = true;
				case "--duration" -> duration = parseDuration(require(name, value));
				case "--host" -> host = require(name, value);
				case "--port" -> port = Integer.parseInt(require(name, value));
				case "--metrics-port" -> metricsPort = Integer.parseInt(require(name, value));
				case "--metrics-host" -> metricsHost = require(name, value);
				case "--backend" -> backend = require(name, value);
				case "--concurrency" -> concurrency = Integer.parseInt(require(name, value));
				default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + usage());
			}
		}
		return new DemoOptions(duration, exit, host, port, metricsPort, metricsHost, backend, concurrency);
	}

	/** @return the usage text */
	public static String usage() {
		return "arguments: [--duration=3s] [--exit-after-summary] [--host=127.0.0.1] [--port=8080] [--metrics-port=9464] "
				+ "[--metrics-host=127.0.0.1] [--backend=http://host:port] [--concurrency=16]";
	}

	private static String require(String name, String value) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " needs a value: " + name + "=...\n" + usage());
		}
		return value;
	}

	/** {@code 500ms}, {@code 3s}, {@code 2m}, or a number of seconds. */
	static Duration parseDuration(String text) {
		if (text.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
		}
		if (text.endsWith("s")) {
			return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
		}
		if (text.endsWith("m")) {
			return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
		}
		return Duration.ofSeconds(Long.parseLong(text));
	}

	private static void checkPort(String name, int port) {
		if (port < 0 || port > 65_535) {
			throw new IllegalArgumentException(name + " must be in 0..65535, was " + port);
		}
	}
}
