package io.reactoreager;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The scope of one run of {@link Eager#group}: structured concurrency for Monos (asyncio's
 * {@code TaskGroup}, a Trio nursery, the JDK's {@code StructuredTaskScope}). Children are
 * started <b>eagerly</b> with {@link #fork}, and none outlives the group: the group's Mono
 * terminates only once its body and every child have finished; the first failure cancels every
 * pending child and the body; cancelling the group's Mono cancels them too.
 *
 * <p>A {@code TaskGroup} is handed to the body and is valid until the group closes: when its
 * first failure is recorded, when its subscriber cancels, when {@link #cancel()} is called, or
 * when it has finished. It may be
 * used from any thread (a child's continuation may fork a sibling). See docs/task-groups.md.
 */
public interface TaskGroup {

	/**
	 * Starts a child now and returns its Mono, like {@link Eager#start(Mono, ContextView)} with
	 * the group's Context (the Context of the subscriber of the group's Mono):
	 * <ul>
	 *   <li>a <b>resolved</b> child ({@code Mono.just/empty/error}, a finished eager value, or a
	 *       lazy Mono that finishes synchronously when subscribed here) is returned resolved and
	 *       costs the group nothing: no continuation and no entry in the group; if it failed, the
	 *       group fails with that error at once (siblings are cancelled);</li>
	 *   <li>a <b>pending</b> child (a lazy Mono that did not finish synchronously, or a pending
	 *       eager value the group adopts) gets one continuation and one entry; the group waits for
	 *       it, and cancels it (whoever else observes it) when the group fails or is cancelled;
	 *       the child then completes with a {@link java.util.concurrent.CancellationException}.</li>
	 * </ul>
	 * Subscribing to the returned Mono observes the child's outcome; cancelling that
	 * subscription does not cancel the child (the group still owns it). A child's error reaches
	 * the group whether or not anyone observes the child.
	 *
	 * @param child the child, not null
	 * @param <T> the value type
	 * @return the child's Mono: resolved or pending
	 * @throws IllegalStateException if the group is closed (failing, cancelled or finished); the
	 *                               child is then not started
	 */
	<T> Mono<T> fork(Mono<T> child);

	/**
	 * Stops the group from inside (asyncio's {@code TaskGroup.cancel()}, a Trio nursery's
	 * {@code cancel_scope.cancel()}): closes it, cancels every pending child and the body, and
	 * once they have finished the group's Mono <b>completes empty</b> (the body's value, if any, is
	 * discarded) — or fails, if a failure was recorded before or while they finished. May be
	 * called from a child, also from inside its eager start; does nothing on a closed group.
	 */
	void cancel();

	/**
	 * Whether the group accepts no more children: it is failing, cancelled or finished.
	 *
	 * @return {@code true} once closed
	 */
	boolean isClosed();

	/**
	 * The Context children are started with: that of the subscriber of the group's Mono.
	 *
	 * @return the group's Context
	 */
	ContextView context();
}
