package io.reactoreager.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

import io.reactoreager.Eager;
import org.reactivestreams.Publisher;
import reactor.util.annotation.Nullable;

/**
 * How an adapter module reads the outcome of a resolved Mono its user code returned (an HTTP
 * handler's response, say) without subscribing, as the core's operators read theirs. Whether a
 * Publisher is resolved is {@link Eager#isResolved}: the one decision of the core.
 */
public final class EagerOutcomes {

	private static final MethodHandle CALL;

	static {
		Class<?> outcome;
		try {
			outcome = Class.forName("io.reactoreager.PublisherOutcome");
		}
		catch (ClassNotFoundException e) {
			throw new ExceptionInInitializerError(e);
		}
		CALL = Core.find(Core.lookup(outcome), outcome, "call", MethodType.methodType(Object.class, Publisher.class));
	}

	private EagerOutcomes() {
	}

	/**
	 * The outcome of a publisher for which {@link Eager#isResolved} is {@code true}: its value, or
	 * {@code null} for empty; its error is thrown as a {@code ScalarCallable}'s {@code call()}
	 * throws it (checked exceptions as they are, others possibly wrapped: read it through
	 * {@code Exceptions.unwrap}). Reading a finished pending's error counts as observing it.
	 *
	 * @param resolved a resolved publisher, not null
	 * @return its value, or {@code null} if it completed empty
	 * @throws Throwable its error
	 */
	@Nullable
	public static Object read(Publisher<?> resolved) throws Throwable {
		return (Object) CALL.invokeExact(resolved);
	}
}
