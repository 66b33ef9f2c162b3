package io.reactoreager.examples.netty;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.reactoreager.Eager;
import io.reactoreager.metrics.EagerMetrics;
import io.reactoreager.netty.BoundEagerHttpServer;
import io.reactoreager.netty.EagerHttpClient;
import io.reactoreager.netty.EagerHttpResponse;
import io.reactoreager.netty.EagerHttpServer;
import io.reactoreager.netty.EagerRoutes;

/**
 * The running catalogue: the service's HTTP server, its backend (embedded on a loopback port, or
 * an external one), the pooled backend client, and a Prometheus endpoint ({@code GET /metrics}) on a
 * separate server, bound to loopback by default.
 */
public final class CatalogueApp implements AutoCloseable {

	private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

	private final BackendServer embeddedBackend;
	private final String backendUrl;
	private final PrometheusMeterRegistry registry;
	private final EagerHttpClient client;
	private final CatalogueService service;
	private final BoundEagerHttpServer server;
	private final BoundEagerHttpServer metricsServer;

	private CatalogueApp(DemoOptions options) {
		this.embeddedBackend = options.backendUrl() == null ? BackendServer.start(0) : null;
		this.backendUrl = embeddedBackend != null ? embeddedBackend.baseUrl() : options.backendUrl();
		this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		MetricsBinding.bind(registry);
		this.client = EagerHttpClient.builder()
				.maxConnectionsPerHost(32)
				.connectTimeout(Duration.ofSeconds(2))
				.responseTimeout(Duration.ofSeconds(10))
				.build();
		this.service = new CatalogueService(client, backendUrl, registry);
		this.server = EagerHttpServer.create()
				.host(options.host())
				.port(options.port())
				.handler(service.routes())
				.bindNow();
		this.metricsServer = EagerHttpServer.create()
				.host(options.metricsHost())
				.port(options.metricsPort())
				.ioThreads(1)
				.handler(EagerRoutes.route()
						.GET("/metrics", request -> Eager.fromCallable(() -> EagerHttpResponse.ok()
								.contentType(PROMETHEUS_TEXT)
								.body(registry.scrape())))
						.build())
				.bindNow();
	}

	/**
	 * Starts everything the options ask for.
	 *
	 * @param options the options, not null
	 * @return the running app
	 */
	public static CatalogueApp start(DemoOptions options) {
		return new CatalogueApp(Objects.requireNonNull(options, "options"));
	}

	/** @return the service's base URL */
	public String baseUrl() {
		return "http://" + hostForUrl(server.address().getHostString()) + ":" + server.port();
	}

	/** @return the Prometheus endpoint's URL */
	public String metricsUrl() {
		return "http://" + hostForUrl(metricsServer.address().getHostString()) + ":" + metricsServer.port() + "/metrics";
	}

	/** @return the backend's base URL */
	public String backendUrl() {
		return backendUrl;
	}

	/** @return the embedded backend, or null when an external one is used */
	public BackendServer embeddedBackend() {
		return embeddedBackend;
	}

	/** @return the service */
	public CatalogueService service() {
		return service;
	}

	/** @return the registry {@code /metrics} serves */
	public PrometheusMeterRegistry registry() {
		return registry;
	}

	/** @return bytes of allocation the eager operators avoided, when the metrics module reports it */
	public OptionalLong bytesAvoided() {
		return sum(EagerMetrics.AVOIDED_BYTES);
	}

	/** @return objects the eager operators did not allocate, when the metrics module reports it */
	public OptionalLong objectsAvoided() {
		return sum(EagerMetrics.AVOIDED_OBJECTS);
	}

	/** The sum of a meter's counters over their tags (one per operator). */
	private OptionalLong sum(String meter) {
		java.util.Collection<FunctionCounter> counters = registry.find(meter).functionCounters();
		if (counters.isEmpty()) {
			return OptionalLong.empty();
		}
		double sum = 0;
		for (FunctionCounter c : counters) {
			sum += c.count();
		}
		return OptionalLong.of((long) sum);
	}

	/** @return URLs worth trying with curl */
	public List<String> urlsToTry() {
		String base = baseUrl();
		return List.of(base + "/products/p1", base + "/products?ids=p1,p2,p3,p42", base + "/products/p7/details",
				base + "/products/" + BackendServer.FLAKY_ID + "/details", base + "/products/nope", metricsUrl());
	}

	@Override
	public void close() {
		server.shutdownGracefully(Duration.ofSeconds(5)).block(Duration.ofSeconds(15));
		metricsServer.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(15));
		client.closeGracefully().block(Duration.ofSeconds(15));
		if (embeddedBackend != null) {
			embeddedBackend.close();
		}
		registry.close();
	}

	private static String hostForUrl(String host) {
		return host.contains(":") ? "[" + host + "]" : host;
	}
}
