package io.reactoreager.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import io.reactoreager.EagerOperator;
import io.reactoreager.EagerPolicy;
import io.reactoreager.EagerStats;

/**
 * How an adapter module counts its own entry points in {@link EagerStats} (for example
 * {@link EagerOperator#NETTY_FUTURE}: {@code INLINE} for a future already done, {@code SUSPENDED}
 * for one in flight), exactly as the core counts its operators.
 */
public final class EagerCounters {

	private static final MethodHandle RECORD;

	static {
		MethodHandles.Lookup core = Core.lookup(EagerStats.class);
		RECORD = Core.find(core, EagerStats.class, "record",
				MethodType.methodType(void.class, EagerOperator.class, EagerStats.Kind.class));
	}

	private EagerCounters() {
	}

	/**
	 * Counts one event on the calling thread: a plain increment of the thread's own slot when
	 * counting is on ({@link EagerPolicy#isStatsEnabled()}), nothing when it is off.
	 *
	 * @param operator the operator, not null
	 * @param kind what happened, not null
	 */
	public static void record(EagerOperator operator, EagerStats.Kind kind) {
		try {
			RECORD.invokeExact(operator, kind);
		}
		catch (Throwable t) {
			throw Core.rethrow(t);
		}
	}
}
