package io.reactoreager;

import java.util.Objects;
import java.util.function.Function;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * {@link Eager#group}: a lazy Mono (like {@code Mono.defer}) whose every subscription runs the
 * body once in a fresh {@link TaskGroupRun}, with the subscriber's Context. A group forked into
 * another group is not subscribed: the parent runs it the same way, on the same thread, without
 * a subscriber ({@code TaskGroupRun.fork}).
 *
 * <p>It must never run the body at assembly, and never run it twice for one subscription.
 */
final class EagerGroup<R> extends Mono<R> {

	final Function<? super TaskGroup, ? extends Mono<? extends R>> body;

	EagerGroup(Function<? super TaskGroup, ? extends Mono<? extends R>> body) {
		this.body = body;
	}

	@Override
	public void subscribe(CoreSubscriber<? super R> actual) {
		Objects.requireNonNull(actual, "actual");
		Trampoline.count(EagerOperator.GROUP, EagerStats.Kind.LAZY_SUBSCRIPTION);
		TaskGroupRun<R> run = new TaskGroupRun<>(Context.of(actual.currentContext()));
		TaskGroupDelivery<R> d = new TaskGroupDelivery<>(actual, run);
		run.attach(d);
		actual.onSubscribe(d);
		run.runBody(body);
	}

	@Override
	public String toString() {
		return "Eager.group";
	}
}
