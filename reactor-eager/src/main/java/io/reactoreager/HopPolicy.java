package io.reactoreager;

/**
 * What the operators whose stock form always hops threads or arms a timer
 * ({@link Eager#publishOn}, {@link Eager#subscribeOn}, {@link Eager#timeout}) do with a
 * <b>resolved</b> input (docs/semantics.md, "Hops, timers and the budget"). Pending and lazy inputs always get
 * the stock behaviour. Set with {@link EagerPolicy#setHopPolicy(HopPolicy)}; read at assembly.
 */
public enum HopPolicy {

	/**
	 * The default: a resolved input is delivered <b>inline</b>, on the subscribing thread, with no
	 * scheduler task and no timer (a value that already exists cannot time out). The fairness
	 * budget still applies: once the thread's budget is spent, the operator hops as stock does.
	 */
	INLINE_WHEN_RESOLVED,

	/** Every input hops or arms a timer exactly as the stock operator does. */
	ALWAYS_HOP
}
