package io.reactoreager;

import reactor.core.CoreSubscriber;

/**
 * The Subscription of a subscriber of {@link Eager#group}: delivers the outcome of its
 * {@link TaskGroupRun} under backpressure, and cancels the run when the subscriber cancels.
 *
 * <p>It must never signal after cancellation.
 */
final class TaskGroupDelivery<R> extends MonoDelivery<R> {

	final TaskGroupRun<R> run;

	TaskGroupDelivery(CoreSubscriber<? super R> actual, TaskGroupRun<R> run) {
		super(actual);
		this.run = run;
	}

	@Override
	void onCancel() {
		run.onCancel();
	}
}
