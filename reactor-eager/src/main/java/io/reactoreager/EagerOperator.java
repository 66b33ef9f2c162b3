package io.reactoreager;

/**
 * The operators {@link EagerStats} counts, one constant per public eager operator or entry
 * point. {@link #tagValue()} is the value of the {@code operator} tag metrics use.
 */
public enum EagerOperator {
	/** {@link Eager#map}. */
	MAP("map"),
	/** {@link Eager#flatMap}. */
	FLAT_MAP("flatMap"),
	/** {@link Eager#filter}. */
	FILTER("filter"),
	/** {@link Eager#handle}. */
	HANDLE("handle"),
	/** {@link Eager#doOnNext}. */
	DO_ON_NEXT("doOnNext"),
	/** {@link Eager#doOnError}. */
	DO_ON_ERROR("doOnError"),
	/** {@link Eager#doOnSuccess}. */
	DO_ON_SUCCESS("doOnSuccess"),
	/** {@link Eager#onErrorResume}. */
	ON_ERROR_RESUME("onErrorResume"),
	/** {@link Eager#onErrorReturn}. */
	ON_ERROR_RETURN("onErrorReturn"),
	/** {@link Eager#onErrorMap}. */
	ON_ERROR_MAP("onErrorMap"),
	/** {@link Eager#switchIfEmpty}. */
	SWITCH_IF_EMPTY("switchIfEmpty"),
	/** {@link Eager#defaultIfEmpty}. */
	DEFAULT_IF_EMPTY("defaultIfEmpty"),
	/** {@link Eager#then()} and {@link Eager#then(reactor.core.publisher.Mono)}. */
	THEN("then"),
	/** {@link Eager#thenReturn}. */
	THEN_RETURN("thenReturn"),
	/** {@link Eager#start(reactor.core.publisher.Mono)}. */
	START("start"),
	/** {@link Eager#fromFuture} and {@link Eager#fromCompletionStage}. */
	FROM_FUTURE("fromFuture"),
	/** {@link Eager#fromCallable}. */
	FROM_CALLABLE("fromCallable"),
	/** {@link Eager#when(org.reactivestreams.Publisher[])}. */
	WHEN("when"),
	/** {@link Eager#zip(reactor.core.publisher.Mono, reactor.core.publisher.Mono)} and the other {@code zip} forms. */
	ZIP("zip"),
	/** {@link Eager#gather}. */
	GATHER("gather"),
	/** {@link Eager#whenComplete}. */
	WHEN_COMPLETE("whenComplete"),
	/** {@link Eager#sink}. */
	SINK("sink"),
	/** {@link Eager#filterWhen}. */
	FILTER_WHEN("filterWhen"),
	/** {@link Eager#zipWhen(java.util.function.Function)} and its combinator form. */
	ZIP_WHEN("zipWhen"),
	/** {@link Eager#delayUntil}. */
	DELAY_UNTIL("delayUntil"),
	/** {@link EagerFlux#filterWhen}. */
	FLUX_FILTER_WHEN("flux.filterWhen"),
	/** {@link EagerFlux#flatMap(java.util.function.Function)} and its concurrency form. */
	FLUX_FLAT_MAP("flux.flatMap"),
	/** {@link EagerFlux#concatMap}. */
	FLUX_CONCAT_MAP("flux.concatMap"),
	/** {@link EagerFlux#flatMapSequential}. */
	FLUX_FLAT_MAP_SEQUENTIAL("flux.flatMapSequential"),
	/** {@link Eager#publishOn} and {@link EagerFluxHops#publishOn}. */
	PUBLISH_ON("publishOn"),
	/** {@link Eager#subscribeOn} and {@link EagerFluxHops#subscribeOn}. */
	SUBSCRIBE_ON("subscribeOn"),
	/** {@link Eager#timeout(java.time.Duration)}, its other forms and {@link EagerFluxHops#timeout}. */
	TIMEOUT("timeout"),
	/** {@link Eager#group}. */
	GROUP("group"),
	/** {@link TaskGroup#fork}. */
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
