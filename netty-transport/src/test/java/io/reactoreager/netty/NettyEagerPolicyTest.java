package io.reactoreager.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Promise;
import io.reactoreager.Eager;
import io.reactoreager.EagerOperator;
import io.reactoreager.EagerPolicy;
import io.reactoreager.EagerSink;
import io.reactoreager.EagerStats;
import io.reactoreager.spi.EagerLoops;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The fairness budget on a real Netty event loop ({@link DefaultEventLoop}): with
 * {@link NettyEagerPolicy} installed, a burst of completions resumed on the loop yields to the
 * loop after {@code budget} of them, so a task queued to the loop in the middle of the burst runs
 * before the burst finishes; uninstalled, the burst runs inline to the end. Ordering is asserted
 * with a list the loop thread appends to; nothing is timed.
 */
class NettyEagerPolicyTest {

	static final int BUDGET = 8;
	static final int BURST = 40;
	/** After which completion of the burst the competing task is queued to the loop. */
	static final int OTHER_QUEUED_AFTER = 2;

	EventLoop loop;
	int savedBudget;
	boolean wasInstalled;

	@BeforeEach
	void setUp() {
		loop = new DefaultEventLoop();
		savedBudget = EagerPolicy.budget();
		wasInstalled = NettyEagerPolicy.isInstalled();
		EagerPolicy.setBudget(BUDGET);
		EagerPolicy.setStatsEnabled(true); // off by default: these tests read the counts
	}

	@AfterEach
	void tearDown() throws InterruptedException {
		NettyEagerPolicy.unregister(loop);
		if (wasInstalled) {
			NettyEagerPolicy.install();
		} else {
			NettyEagerPolicy.uninstall();
		}
		EagerPolicy.setBudget(savedBudget);
		EagerPolicy.setStatsEnabled(false);
		assertThat(loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void installedBurstOnEventLoopYieldsToTheLoopAfterBudgetCompletions() throws InterruptedException {
		NettyEagerPolicy.install();
		NettyEagerPolicy.register(loop);
		List<EagerSink<Integer>> sinks = sinks(BURST);

		Burst burst = runBurst(sinks.size(), i -> sinks.get(i).tryEmitValue(i), sinks);

		assertThat(burst.order).containsExactlyElementsOf(expectedYieldingOrder());
		assertThat(burst.yields).isEqualTo(expectedYields(BURST, BUDGET));
	}

	@Test
	void uninstalledBurstOnEventLoopRunsInlineToTheEnd() throws InterruptedException {
		NettyEagerPolicy.uninstall();
		NettyEagerPolicy.register(loop);
		List<EagerSink<Integer>> sinks = sinks(BURST);

		Burst burst = runBurst(sinks.size(), i -> sinks.get(i).tryEmitValue(i), sinks);

		List<String> expected = new ArrayList<>();
		for (int i = 0; i < BURST; i++) {
			expected.add("c" + i);
		}
		expected.add("other");
		assertThat(burst.order).containsExactlyElementsOf(expected);
		assertThat(burst.yields).isZero();
	}

	@Test
	void futureBridgeCompletionsOnEventLoopHonourTheBudget() throws InterruptedException {
		NettyEagerPolicy.install();
		NettyEagerPolicy.register(loop);
		List<Promise<Integer>> promises = new ArrayList<>();
		List<Mono<Integer>> monos = new ArrayList<>();
		for (int i = 0; i < BURST; i++) {
			Promise<Integer> p = loop.newPromise();
			promises.add(p);
			Mono<Integer> m = NettyEager.from(p);
			assertThat(Eager.isPending(m)).isTrue();
			monos.add(m);
		}

		Burst burst = runBurstOnMonos(i -> promises.get(i).setSuccess(i), monos);

		assertThat(burst.order).containsExactlyElementsOf(expectedYieldingOrder());
		assertThat(burst.yields).isEqualTo(expectedYields(BURST, BUDGET));
	}

	@Test
	void eventLoopThreadIsFoundOnlyWhenInstalledAndKnown() throws Exception {
		NettyEagerPolicy.uninstall();
		NettyEagerPolicy.register(loop);
		assertThat(loop.submit(NettyEagerPolicy::currentExecutor).get(10, TimeUnit.SECONDS)).isSameAs(loop);
		assertThat(NettyEagerPolicy.currentExecutor()).as("the test thread is no loop").isNull();

		EventLoop unknown = new DefaultEventLoop();
		try {
			assertThat(unknown.submit(() -> NettyEagerPolicy.currentExecutor() == null).get(10, TimeUnit.SECONDS)).isTrue();
			// netty-transport's own code on a loop thread makes it known (installed only)
			NettyEagerPolicy.install();
			assertThat(unknown.submit(() -> {
				NettyEagerPolicy.loopTurn(unknown);
				return NettyEagerPolicy.currentExecutor();
			}).get(10, TimeUnit.SECONDS)).isSameAs(unknown);
		} finally {
			unknown.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void installAndUninstallAreIdempotent() {
		NettyEagerPolicy.uninstall();
		NettyEagerPolicy.uninstall();
		assertThat(NettyEagerPolicy.isInstalled()).isFalse();
		NettyEagerPolicy.install();
		NettyEagerPolicy.install();
		assertThat(NettyEagerPolicy.isInstalled()).isTrue();
		NettyEagerPolicy.uninstall();
		assertThat(NettyEagerPolicy.isInstalled()).isFalse();
	}

	@Test
	void autoInstallCanBeTurnedOff() {
		boolean saved = NettyEagerPolicy.isAutoInstall();
		try {
			NettyEagerPolicy.uninstall();
			NettyEagerPolicy.setAutoInstall(false);
			EagerHttpServer.create().handler(r -> Mono.just(EagerHttpResponse.ok("x"))).channelInitializer();
			assertThat(NettyEagerPolicy.isInstalled()).isFalse();
			NettyEagerPolicy.setAutoInstall(true);
			EagerHttpServer.create().handler(r -> Mono.just(EagerHttpResponse.ok("x"))).channelInitializer();
			assertThat(NettyEagerPolicy.isInstalled()).isTrue();
		} finally {
			NettyEagerPolicy.setAutoInstall(saved);
		}
	}

	@Test
	void registerRejectsNull() {
		assertThatNullPointerException().isThrownBy(() -> NettyEagerPolicy.register(null)).withMessage("group");
		assertThatNullPointerException().isThrownBy(() -> NettyEagerPolicy.unregister(null)).withMessage("group");
	}

	@Test
	void exchangeResumeOnLoopYieldsWhenTheBudgetIsSpent() throws Exception {
		NettyEagerPolicy.install();
		NettyEagerPolicy.register(loop);
		// on the loop thread: BUDGET inline decisions, then the next one must be queued
		List<Boolean> decisions = loop.submit(() -> {
			EagerLoops.resetBudget();
			List<Boolean> d = new ArrayList<>();
			for (int i = 0; i <= BUDGET; i++) {
				d.add(EventLoopResume.mayRunInline(loop));
			}
			return d;
		}).get(10, TimeUnit.SECONDS);
		List<Boolean> expected = new ArrayList<>();
		for (int i = 0; i < BUDGET; i++) {
			expected.add(true);
		}
		expected.add(false);
		assertThat(decisions).containsExactlyElementsOf(expected);
		// off the loop it is never inline
		assertThat(EventLoopResume.mayRunInline(loop)).isFalse();
	}

	// ------------------------------------------------------------------ fixtures

	/** The order with the budget: BUDGET completions inline, the competing task, then the rest. */
	static List<String> expectedYieldingOrder() {
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < BUDGET; i++) {
			expected.add("c" + i);
		}
		expected.add("other");
		for (int i = BUDGET; i < BURST; i++) {
			expected.add("c" + i);
		}
		return expected;
	}

	/**
	 * Yields counted for a fan-out of {@code m} completions on one turn: every turn runs
	 * {@code n} inline and yields the rest again as one batch (each yielded continuation is
	 * counted once per yield): (m - n) + (m - 2n) + ... while positive.
	 */
	static long expectedYields(int m, int n) {
		long total = 0;
		for (int left = m - n; left > 0; left -= n) {
			total += left;
		}
		return total;
	}

	static List<EagerSink<Integer>> sinks(int n) {
		List<EagerSink<Integer>> sinks = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			sinks.add(Eager.sink(() -> {}));
		}
		return sinks;
	}

	record Burst(List<String> order, long yields) {}

	Burst runBurst(int n, IntConsumer complete, List<EagerSink<Integer>> sinks) throws InterruptedException {
		List<Mono<Integer>> monos = new ArrayList<>();
		for (EagerSink<Integer> s : sinks) {
			monos.add(s.asMono());
		}
		return runBurstOnMonos(complete, monos);
	}

	/**
	 * Observes each pending Mono with one whenComplete continuation that appends "c" + value
	 * (loop thread only), then completes all of them from one loop task, queueing a competing
	 * task to the loop after {@link #OTHER_QUEUED_AFTER} completions.
	 */
	Burst runBurstOnMonos(IntConsumer complete, List<Mono<Integer>> monos) throws InterruptedException {
		List<String> order = new ArrayList<>(); // touched only on the loop thread
		CountDownLatch done = new CountDownLatch(monos.size() + 1);
		for (Mono<Integer> m : monos) {
			Eager.whenComplete(m, Context.empty(), (v, e) -> {
				order.add(e == null ? "c" + v : "error " + e);
				done.countDown();
			});
		}
		EagerStats.Snapshot before = EagerStats.snapshot();
		loop.execute(() -> {
			// a loop-turn boundary, as netty-transport's handlers mark at each read
			EagerLoops.resetBudget();
			for (int i = 0; i < monos.size(); i++) {
				complete.accept(i);
				if (i == OTHER_QUEUED_AFTER) {
					loop.execute(() -> {
						order.add("other");
						done.countDown();
					});
				}
			}
		});
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		// read the list on the loop: its writes happen-before this task
		List<String> seen = new ArrayList<>();
		CountDownLatch copied = new CountDownLatch(1);
		loop.execute(() -> {
			seen.addAll(order);
			copied.countDown();
		});
		assertThat(copied.await(10, TimeUnit.SECONDS)).isTrue();
		long yields = EagerStats.snapshot().minus(before).count(EagerOperator.WHEN_COMPLETE, EagerStats.Kind.BUDGET_YIELD);
		return new Burst(seen, yields);
	}
}
