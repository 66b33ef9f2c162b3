package io.reactoreager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Operators;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The value slot of a pending inner of flatMap and flatMapSequential under the races of a drain
 * loop: the thread that completes the pending offers the value while the drain owner polls the
 * head inner (a value was once lost this way: the poll read an empty slot, the offer filled it,
 * and the poll then cleared it), or while a cancel clears it. Each round races the two on two
 * threads released together; over many rounds the value is always either taken by the poll or
 * discarded by the cancel, exactly once. No timing thresholds.
 */
class FluxEagerPendingInnerRaceTest {

	static final int ROUNDS = 50_000;

	/** A parent that only answers what the inner asks of it: its Context, with a discard hook. */
	static final class Parent implements FluxEagerInnerParent<Integer> {

		final List<Object> discarded = new CopyOnWriteArrayList<>();
		final Context context = Operators.enableOnDiscard(Context.empty(), discarded::add);

		@Override
		public Context currentContext() {
			return context;
		}

		@Override
		public EagerOperator operator() {
			return EagerOperator.FLUX_FLAT_MAP_SEQUENTIAL;
		}

		@Override
		public void innerNext(FluxEagerInner<Integer> inner, Integer value) {
		}

		@Override
		public void innerReady(@Nullable Integer signal) {
		}

		@Override
		public void innerComplete(FluxEagerInner<Integer> inner) {
		}

		@Override
		public void innerResolved(FluxEagerInner<Integer> inner, @Nullable Integer value) {
		}

		@Override
		public void innerError(FluxEagerInner<Integer> inner, Throwable error) {
		}
	}

	/**
	 * Runs {@code rounds} rounds of {@code offer(v)} on one thread against {@code other} on another;
	 * returns how many rounds lost the value (neither taken by {@code other} nor discarded).
	 */
	static int lostRounds(int rounds, BiConsumer<FluxEagerPendingInner<Integer>, AtomicInteger> other, Parent parent) throws Exception {
		AtomicInteger turn = new AtomicInteger();
		@SuppressWarnings("unchecked")
		FluxEagerPendingInner<Integer>[] inner = new FluxEagerPendingInner[1];
		AtomicInteger taken = new AtomicInteger();
		Thread offerer = new Thread(() -> {
			for (int r = 0; r < rounds; r++) {
				while (turn.get() != 2 * r + 1) {
					Thread.onSpinWait();
				}
				inner[0].offer(r);
				turn.incrementAndGet();
			}
		}, "offerer");
		offerer.setDaemon(true);
		offerer.start();
		int lost = 0;
		for (int r = 0; r < rounds; r++) {
			MonoPending<Integer> pending = (MonoPending<Integer>) Eager.<Integer>sink(() -> { });
			inner[0] = new FluxEagerPendingInner<>(parent, pending);
			int before = taken.get() + parent.discarded.size();
			turn.incrementAndGet(); // releases the offerer for this round
			other.accept(inner[0], taken);
			while (turn.get() != 2 * r + 2) {
				Thread.onSpinWait();
			}
			// what is left in the slot is still the drain's to take
			if (inner[0].poll() != null) {
				taken.incrementAndGet();
			}
			if (taken.get() + parent.discarded.size() != before + 1) {
				lost++;
			}
		}
		offerer.join(10_000);
		return lost;
	}

	@Test
	void aValueOfferedWhileTheDrainPollsTheSlotIsNeverLost() throws Exception {
		int lost = lostRounds(ROUNDS, (inner, taken) -> {
			// the drain owner polling the head inner while its pending completes
			for (int i = 0; i < 64; i++) {
				if (inner.poll() != null) {
					taken.incrementAndGet();
					return;
				}
			}
		}, new Parent());
		assertThat(lost).as("rounds whose value was lost, of %s", ROUNDS).isZero();
	}

	@Test
	void aValueOfferedWhileTheInnerIsCancelledIsDiscardedExactlyOnce() throws Exception {
		Parent parent = new Parent();
		int lost = lostRounds(ROUNDS, (inner, taken) -> inner.cancel(), parent);
		assertThat(lost).as("rounds whose value was neither taken nor discarded once, of %s", ROUNDS).isZero();
	}
}
