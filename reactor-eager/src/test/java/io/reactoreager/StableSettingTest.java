package io.reactoreager;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class StableSettingTest {

	@AfterEach
	void restore() {
		EagerPolicy.setEnabled(true);
		EagerPolicy.setStatsEnabled(false);
		EagerPolicy.setMaxInlineDepth(EagerPolicy.DEFAULT_MAX_INLINE_DEPTH);
		EagerPolicy.setBudget(EagerPolicy.DEFAULT_BUDGET);
	}

	@Test
	void depthBoundAndBudgetReadsFollowTheirSetters() {
		EagerPolicy.setMaxInlineDepth(3);
		EagerPolicy.setBudget(7);
		assertThat(EagerPolicy.depthBound()).isEqualTo(3);
		assertThat(EagerPolicy.budgetNow()).isEqualTo(7);
		assertThat(EagerPolicy.maxInlineDepth()).isEqualTo(3);
		assertThat(EagerPolicy.budget()).isEqualTo(7);

		EagerPolicy.setMaxInlineDepth(64);
		EagerPolicy.setBudget(Integer.MAX_VALUE);
		assertThat(EagerPolicy.depthBound()).isEqualTo(64);
		assertThat(EagerPolicy.budgetNow()).isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void hotPathReadFollowsTheSwitch() {
		EagerPolicy.setEnabled(false);
		assertThat(EagerPolicy.on()).isFalse();
		assertThat(EagerPolicy.isEnabled()).isFalse();
		assertThat(Mono.just(1).transform(Eager.map(x -> x + 1))).isNotInstanceOf(MonoResolved.class);

		EagerPolicy.setEnabled(true);
		assertThat(EagerPolicy.on()).isTrue();
		assertThat(Mono.just(1).transform(Eager.map(x -> x + 1))).isInstanceOf(MonoResolved.class);
	}

	@Test
	void countingReadFollowsItsSetter() {
		EagerPolicy.setStatsEnabled(false);
		assertThat(EagerPolicy.counting()).isFalse();
		EagerStats.Snapshot before = EagerStats.snapshot();
		Mono.just(1).transform(Eager.map(x -> x + 1));
		assertThat(EagerStats.snapshot().minus(before).count(EagerOperator.MAP, EagerStats.Kind.INLINE)).isZero();

		EagerPolicy.setStatsEnabled(true);
		assertThat(EagerPolicy.counting()).isTrue();
		before = EagerStats.snapshot();
		Mono.just(1).transform(Eager.map(x -> x + 1));
		assertThat(EagerStats.snapshot().minus(before).count(EagerOperator.MAP, EagerStats.Kind.INLINE)).isEqualTo(1);
	}

	/**
	 * The read is a constant in compiled code; a loop that the JIT has compiled against "on" must
	 * still see the switch turned off from another thread (a plain static field read may be hoisted
	 * out of such a loop and never seen again).
	 */
	@Test
	void aCompiledLoopOnAnotherThreadSeesTheSwitchTurnedOff() throws InterruptedException {
		AtomicLong spins = new AtomicLong();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch stopped = new CountDownLatch(1);
		Thread spinner = new Thread(() -> {
			started.countDown();
			spins.set(spinWhileOn());
			stopped.countDown();
		}, "stable-flag-spinner");
		spinner.setDaemon(true);
		spinner.start();
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		// let the loop run long enough to be compiled (OSR) against the current value
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
		while (System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		EagerPolicy.setEnabled(false);
		assertThat(stopped.await(10, TimeUnit.SECONDS)).as("the spinning thread saw the switch turned off").isTrue();
		assertThat(spins.get()).isPositive();
	}

	private static long spinWhileOn() {
		long n = 0;
		while (EagerPolicy.on()) {
			n++;
		}
		return n;
	}
}
