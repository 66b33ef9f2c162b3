package io.reactoreager;

/**
 * The operators {@link EagerStats} counts, one constant per public eager operator or entry
 * point. {@link #tagValue()} is the value of the {@code operator} tag metrics use.
 */
public enum EagerOperator {
	MAP("map"),
	FLAT_MAP("flatMap"),
	FILTER("filter"),
	HANDLE("handle"),
	DO_ON_NEXT("doOnNext"),
	DO_ON_ERROR("doOnError"),
	ON_ERROR_RESUME("onErrorResume"),
	ON_ERROR_RETURN("onErrorReturn"),
	ON_ERROR_MAP("onErrorMap"),
	SWITCH_IF_EMPTY("switchIfEmpty"),
	DEFAULT_IF_EMPTY("defaultIfEmpty"),
	THEN("then"),
	THEN_RETURN("thenReturn"),
	START("start"),
	/** {@link Eager#fromFuture} and {@link Eager#fromCompletionStage}. */
	FROM_FUTURE("fromFuture"),
	FROM_CALLABLE("fromCallable"),
	WHEN("when"),
	ZIP("zip"),
	GATHER("gather"),
	WHEN_COMPLETE("whenComplete"),
	SINK("sink"),
	FILTER_WHEN("filterWhen"),
	ZIP_WHEN("zipWhen"),
	DELAY_UNTIL("delayUntil"),
	FLUX_FILTER_WHEN("flux.filterWhen"),
	FLUX_FLAT_MAP("flux.flatMap"),
	FLUX_CONCAT_MAP("flux.concatMap"),
	FLUX_FLAT_MAP_SEQUENTIAL("flux.flatMapSequential"),
	PUBLISH_ON("publishOn"),
	SUBSCRIBE_ON("subscribeOn"),
	TIMEOUT("timeout"),
	GROUP("group"),
	FORK("fork"),
	/** {@code NettyEager.from} in the netty-transport module: inline for a done future, suspended for one in flight. */
	NETTY_FUTURE("nettyFuture");

	private final String tag;

	EagerOperator(String tag) {
		this.tag = tag;
	}

	/**
	 * The operator's name as Reactor spells it, for the {@code operator} metrics tag.
	 *
	 * @return e.g. {@code "flatMap"}
	 */
	public String tagValue() {
		return tag;
	}
}
