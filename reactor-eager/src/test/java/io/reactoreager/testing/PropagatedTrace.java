package io.reactoreager.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.micrometer.context.ContextRegistry;
import reactor.core.publisher.Hooks;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * Automatic context propagation for one differential run: a ThreadLocal registered with
 * io.micrometer's {@code ContextRegistry} under {@link #KEY}, {@code Hooks.enableAutomaticContextPropagation()}
 * while a run records, and a log of what the step functions saw. The shared step functions of a
 * differential test call {@link #see(String)}; outside a recording it does nothing, so the other
 * properties are unaffected. {@link #record} turns propagation off again before it returns.
 */
public final class PropagatedTrace {

	/** The Context key and ThreadLocal accessor name. */
	public static final String KEY = "reactor.eager.fuzz.trace";

	/** The value the subscriber's Context carries. */
	public static final String VALUE = "trace-1";

	static final ThreadLocal<String> TRACE = new ThreadLocal<>();

	@Nullable
	private static volatile List<String> log;

	private PropagatedTrace() {
	}

	/** The subscriber's Context with the traced entry added. */
	public static Context withTrace(Context context) {
		return context.put(KEY, VALUE);
	}

	/** Called by a step function: logs {@code where} with the ThreadLocal's value on this thread ("-" if unset). */
	public static void see(String where) {
		List<String> l = log;
		if (l != null) {
			String v = TRACE.get();
			l.add(where + " saw " + (v == null ? "-" : v));
		}
	}

	/**
	 * Runs {@code run} (assembly, subscription and completion) with the ThreadLocal registered and
	 * automatic propagation on; returns its result and, appended, what the step functions saw.
	 */
	public static <T> Recorded<T> record(Supplier<T> run) {
		ContextRegistry.getInstance().registerThreadLocalAccessor(KEY, TRACE::get, TRACE::set, TRACE::remove);
		Hooks.enableAutomaticContextPropagation();
		List<String> l = new CopyOnWriteArrayList<>();
		log = l;
		try {
			T result = run.get();
			return new Recorded<>(result, List.copyOf(l));
		}
		finally {
			log = null;
			Hooks.disableAutomaticContextPropagation();
			ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
			TRACE.remove();
		}
	}

	/** What a recorded run returned and what its step functions saw, in order. */
	public record Recorded<T>(T result, List<String> seen) {
	}
}
