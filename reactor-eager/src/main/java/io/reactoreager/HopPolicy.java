package io.reactoreager;

/**
 * What {@link Eager#publishOn} and {@link Eager#subscribeOn} (and their Flux forms in
 * {@link EagerFluxHops}) do with a <b>resolved</b> input. Pending and lazy inputs always get the
 * stock operator. Set with {@link EagerPolicy#setHopPolicy(HopPolicy)} or the system property
 * {@value EagerPolicy#HOP_POLICY_PROPERTY}; read at assembly.
 *
 * <p>{@code timeout} is not governed by this policy: a value that already exists cannot time
 * out, so {@link Eager#timeout} on a resolved input never arms a timer, and its signals arrive
 * on the subscribing thread, where stock delivers them too.
 */
public enum HopPolicy {

	/**
	 * The default: {@code publishOn} and {@code subscribeOn} keep their stock meaning and hop to
	 * their scheduler even when the value already exists, so that work after them (often
	 * blocking work) never runs on the caller's thread (a Netty event loop in a server).
	 */
	ALWAYS_HOP,

	/**
	 * Opt-in: a resolved input is delivered <b>inline</b>, on the subscribing thread, with no
	 * scheduler task. Only the thread differs from stock, never the signals; choose it only
	 * where nothing after the hop blocks or depends on the scheduler's thread. The fairness
	 * budget still applies: once the thread's budget is spent, the operator hops as stock does.
	 */
	INLINE_WHEN_RESOLVED
}
