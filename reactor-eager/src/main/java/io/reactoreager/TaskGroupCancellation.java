package io.reactoreager;

import java.util.concurrent.CancellationException;

/**
 * The outcome of a child (or body) that its {@link TaskGroup} cancelled: because a sibling or the
 * body failed, or because the group's subscriber cancelled. The group never counts it as a
 * failure of its own, and an unobserved one is not reported as a dropped error.
 */
final class TaskGroupCancellation extends CancellationException {

	private static final long serialVersionUID = 1L;

	TaskGroupCancellation(String message) {
		super(message);
	}
}
