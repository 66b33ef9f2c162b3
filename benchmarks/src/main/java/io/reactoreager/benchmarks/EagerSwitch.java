package io.reactoreager.benchmarks;

import io.reactoreager.EagerPolicy;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH states that set the global switch for one benchmark method: a method that takes
 * {@link On} runs with the eager operators, one that takes {@link Off} runs the very same code
 * with every eager operator built as its stock twin. The switch is read at assembly, and JMH runs
 * each benchmark method in its own fork, so one method's setting never leaks into another's.
 */
public final class EagerSwitch {
	private EagerSwitch() {
	}

	/** The switch on (the default). */
	@State(Scope.Benchmark)
	public static class On {
		@Setup(Level.Trial)
		public void on() {
			EagerPolicy.setEnabled(true);
		}
	}

	/**
	 * The switch on and the in-process counters off for the whole trial (restored afterwards).
	 * Counting is off by default; this state keeps it off even when the fork was started with
	 * {@code -Dreactor.eager.stats.enabled=true}.
	 */
	@State(Scope.Benchmark)
	public static class CountingOff {
		private boolean was;

		@Setup(Level.Trial)
		public void off() {
			was = EagerPolicy.isStatsEnabled();
			EagerPolicy.setEnabled(true);
			EagerPolicy.setStatsEnabled(false);
		}

		@TearDown(Level.Trial)
		public void restore() {
			EagerPolicy.setStatsEnabled(was);
		}
	}

	/** The switch off for the whole trial, restored afterwards. */
	@State(Scope.Benchmark)
	public static class Off {
		@Setup(Level.Trial)
		public void off() {
			EagerPolicy.setEnabled(false);
		}

		@TearDown(Level.Trial)
		public void restore() {
			EagerPolicy.setEnabled(true);
		}
	}
}
