package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactoreager.Eager;
import io.reactoreager.EagerOperator;
import io.reactoreager.EagerPolicy;
import io.reactoreager.EagerStats;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link NettyEagerPolicy} as the server and client install it, on real event loops (the default transport). */
class NettyEagerPolicyServerTest {

	BoundEagerHttpServer server;
	EagerHttpClient client;
	int savedBudget;
	boolean wasInstalled;
	boolean savedAutoInstall;

	@BeforeEach
	void save() {
		savedBudget = EagerPolicy.budget();
		wasInstalled = NettyEagerPolicy.isInstalled();
		savedAutoInstall = NettyEagerPolicy.isAutoInstall();
		NettyEagerPolicy.uninstall();
		NettyEagerPolicy.setAutoInstall(true);
		EagerPolicy.setStatsEnabled(true); // off by default: these tests read the counts
	}

	@AfterEach
	void restore() {
		if (client != null) {
			client.closeGracefully().block(Duration.ofSeconds(10));
		}
		if (server != null) {
			server.shutdownGracefully(Duration.ZERO).block(Duration.ofSeconds(10));
		}
		EagerPolicy.setBudget(savedBudget);
		EagerPolicy.setStatsEnabled(false);
		NettyEagerPolicy.setAutoInstall(savedAutoInstall);
		if (wasInstalled) {
			NettyEagerPolicy.install();
		} else {
			NettyEagerPolicy.uninstall();
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.port() + path;
	}

	void start(Function<EagerHttpRequest, Mono<EagerHttpResponse>> handler) {
		server = EagerHttpServer.create().host("127.0.0.1").ioThreads(1).handler(handler).bindNow();
		client = EagerHttpClient.builder().ioThreads(1).build();
	}

	@Test
	void serverInstallsThePolicyAndItsEventLoopIsKnownWithoutRegistration() {
		start(request -> {
			// runs in channelRead, on the connection's event loop
			var loop = NettyEagerPolicy.currentExecutor();
			return Mono.just(EagerHttpResponse.ok(String.valueOf(loop != null && loop.inEventLoop())));
		});
		assertThat(NettyEagerPolicy.isInstalled()).isTrue();
		assertThat(client.get(url("/where")).map(EagerHttpClientResponse::bodyAsString).block(Duration.ofSeconds(10)))
				.isEqualTo("true");
	}

	@Test
	void withBudgetOneEveryResponseArrivesWhileStartsYieldToTheServerLoop() {
		EagerPolicy.setBudget(1);
		// two eager starts per request: the read spends one unit of budget on the first, so the
		// second finds it spent and yields (subscribes from a task on the server's loop)
		start(request -> Eager.start(Mono.fromCallable(request::path))
				.transform(Eager.flatMap(path -> Eager.start(Mono.fromCallable(() -> EagerHttpResponse.ok(path))))));
		EagerStats.Snapshot before = EagerStats.snapshot();

		List<String> bodies = Flux.range(0, 40)
				.flatMap(i -> client.get(url("/n/" + i)).map(EagerHttpClientResponse::bodyAsString), 8)
				.collectList()
				.block(Duration.ofSeconds(30));

		assertThat(bodies).hasSize(40);
		for (int i = 0; i < 40; i++) {
			assertThat(bodies).contains("/n/" + i);
		}
		EagerStats.Snapshot delta = EagerStats.snapshot().minus(before);
		assertThat(delta.count(EagerOperator.START, EagerStats.Kind.BUDGET_YIELD))
				.as("second starts yielded to the server loop with budget 1: %s", delta)
				.isEqualTo(40);
	}

	@Test
	void optingOutLeavesThePolicyUninstalled() {
		NettyEagerPolicy.setAutoInstall(false);
		start(request -> Mono.just(EagerHttpResponse.ok(String.valueOf(NettyEagerPolicy.currentExecutor() != null))));
		assertThat(NettyEagerPolicy.isInstalled()).isFalse();
		assertThat(client.get(url("/where")).map(EagerHttpClientResponse::bodyAsString).block(Duration.ofSeconds(10)))
				.isEqualTo("false");
	}
}
