package io.reactoreager;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.reactoreager.testing.CountingOn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(CountingOn.class)
class EagerStatsTest {

	static final int THREADS = 10_000;
	static final int WAVE = 50;
	static final int STEPS_PER_THREAD = 3;

	@Test
	void readGivesTheSameCountAsASnapshot() {
		Mono.just(1).transform(Eager.map(x -> x + 1));
		for (EagerOperator op : EagerOperator.values()) {
			for (EagerStats.Kind kind : EagerStats.Kind.values()) {
				assertThat(EagerStats.read(op, kind)).as("%s %s", op, kind).isEqualTo(EagerStats.snapshot().count(op, kind));
			}
		}
	}

	@Test
	void inlineGatherCountsOneCompletionAndOneFusedChildPerChild() {
		EagerStats.Snapshot before = EagerStats.snapshot();
		Eager.gather(List.of(Mono.just(1), Mono.just(2), Mono.just(3)));
		EagerStats.Snapshot d = EagerStats.snapshot().minus(before);
		assertThat(d.count(EagerOperator.GATHER, EagerStats.Kind.INLINE)).isEqualTo(1);
		assertThat(d.count(EagerOperator.GATHER, EagerStats.Kind.FUSED_CHILD)).isEqualTo(3);
	}

	@Test
	void countingIsOffUnlessItsPropertySaysTrue() {
		assertThat(EagerPolicy.initialMode(null, null)).isEqualTo(EagerPolicy.ON);
		assertThat(EagerPolicy.initialMode(null, "false")).isEqualTo(EagerPolicy.ON);
		assertThat(EagerPolicy.initialMode(null, " TRUE ")).isEqualTo(EagerPolicy.ON | EagerPolicy.COUNT);
		assertThat(EagerPolicy.initialMode("false", "true")).isEqualTo(EagerPolicy.COUNT);
	}

	/**
	 * 10,000 threads that each count a few steps and die, in waves, while another thread reads the
	 * counter over and over: the arrays of dead threads are retired (at most about twice the
	 * threads alive at once are ever held), no count is lost and no read ever goes down.
	 */
	@Test
	void shortLivedThreadsLeaveTheirCountsButNotTheirArrays() throws InterruptedException {
		EagerStats.Snapshot before = EagerStats.snapshot(); // retires what earlier tests left
		int baseline = EagerStats.retainedSlots();
		AtomicBoolean done = new AtomicBoolean();
		AtomicReference<String> readerFailure = new AtomicReference<>();
		AtomicLong reads = new AtomicLong();
		Thread reader = new Thread(() -> {
			long last = EagerStats.read(EagerOperator.MAP, EagerStats.Kind.INLINE);
			while (!done.get()) {
				long now = EagerStats.read(EagerOperator.MAP, EagerStats.Kind.INLINE);
				if (now < last) {
					readerFailure.compareAndSet(null, "read went down from " + last + " to " + now);
				}
				last = now;
				reads.incrementAndGet();
			}
		}, "stats-reader");
		reader.start();

		int maxRetained = 0;
		for (int started = 0; started < THREADS; started += WAVE) {
			CountDownLatch go = new CountDownLatch(1);
			Thread[] wave = new Thread[WAVE];
			for (int w = 0; w < WAVE; w++) {
				wave[w] = new Thread(() -> {
					try {
						go.await();
					}
					catch (InterruptedException e) {
						throw new IllegalStateException(e);
					}
					for (int s = 0; s < STEPS_PER_THREAD; s++) {
						Mono.just(s).transform(Eager.map(x -> x + 1));
					}
				}, "stats-churn");
				wave[w].start();
			}
			go.countDown();
			for (Thread t : wave) {
				t.join();
			}
			maxRetained = Math.max(maxRetained, EagerStats.retainedSlots());
		}
		done.set(true);
		reader.join();

		assertThat(readerFailure.get()).isNull();
		assertThat(reads.get()).isPositive();
		// alive at once: the baseline, the reader and one wave; sweeps run every max(64, kept) registrations
		int alive = baseline + 1 + WAVE;
		assertThat(maxRetained).as("arrays held during the churn").isLessThanOrEqualTo(2 * alive + EagerStats.MIN_REGISTRATIONS_PER_SWEEP);
		EagerStats.Snapshot after = EagerStats.snapshot();
		assertThat(after.minus(before).count(EagerOperator.MAP, EagerStats.Kind.INLINE))
				.as("every count of the dead threads").isEqualTo((long) THREADS * STEPS_PER_THREAD);
		assertThat(EagerStats.read(EagerOperator.MAP, EagerStats.Kind.INLINE)).isEqualTo(after.count(EagerOperator.MAP, EagerStats.Kind.INLINE));
		assertThat(EagerStats.retainedSlots()).as("arrays held once every churn thread is dead").isLessThanOrEqualTo(baseline + 1);
	}
}
