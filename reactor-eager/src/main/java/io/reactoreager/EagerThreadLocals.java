package io.reactoreager;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.core.publisher.Hooks;
import reactor.util.annotation.Nullable;
import reactor.util.context.Context;

/**
 * Automatic context propagation on the eager paths: with {@code Hooks.enableAutomaticContextPropagation()}
 * (which needs io.micrometer:context-propagation on the class path), the ThreadLocals registered
 * with a {@code ThreadLocalAccessor} are restored from a Context around the user code that an eager
 * continuation runs, as stock Reactor restores them from the subscriber's Context around the user
 * code of its operators. A pending value captures the ThreadLocals current when it is started
 * (explicit Context entries win), as an asyncio Task runs in a copy of the context it was created in.
 *
 * <p>It must never touch {@code io.micrometer.context} unless the hook is on: the dependency is
 * optional, and only {@link Micrometer} refers to it.
 */
final class EagerThreadLocals {

	private EagerThreadLocals() {
	}

	/** Whether automatic context propagation is on (Reactor's own flag: one static read). */
	static boolean enabled() {
		return Hooks.isAutomaticContextPropagationEnabled();
	}

	/**
	 * Sets the ThreadLocals found in {@code context}; returns what {@link #close} must be given
	 * once the user code has run, or {@code null} when propagation is off or there is nothing to set.
	 */
	@Nullable
	static Object restore(Context context) {
		if (context.isEmpty() || !enabled()) {
			return null;
		}
		return Micrometer.restore(context);
	}

	/** Restores the ThreadLocals {@link #restore} replaced. */
	static void close(@Nullable Object scope) {
		if (scope != null) {
			Micrometer.close(scope);
		}
	}

	/** {@code context} with the current ThreadLocals added under it; {@code context} itself when propagation is off. */
	static Context capture(Context context) {
		if (!enabled()) {
			return context;
		}
		return Micrometer.capture(context);
	}

	/** The only class that refers to io.micrometer.context: loaded once propagation is on. */
	private static final class Micrometer {

		static final ContextSnapshotFactory FACTORY = ContextSnapshotFactory.builder().build();

		static Object restore(Context context) {
			return FACTORY.setThreadLocalsFrom(context);
		}

		static void close(Object scope) {
			((ContextSnapshot.Scope) scope).close();
		}

		static Context capture(Context context) {
			Context captured = FACTORY.captureAll().updateContext(Context.empty());
			return captured.isEmpty() ? context : captured.putAll(context);
		}
	}
}
