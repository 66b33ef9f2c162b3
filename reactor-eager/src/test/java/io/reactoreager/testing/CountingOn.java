package io.reactoreager.testing;

import io.reactoreager.EagerPolicy;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns counting on ({@link EagerPolicy#setStatsEnabled}) for a test class or a test method that
 * reads {@code EagerStats}, and restores what it found afterwards: counting is off by default.
 */
public final class CountingOn implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CountingOn.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		turnOn(context);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		restore(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		turnOn(context);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		restore(context);
	}

	private static void turnOn(ExtensionContext context) {
		context.getStore(NAMESPACE).put("was", EagerPolicy.isStatsEnabled());
		EagerPolicy.setStatsEnabled(true);
	}

	private static void restore(ExtensionContext context) {
		EagerPolicy.setStatsEnabled(Boolean.TRUE.equals(context.getStore(NAMESPACE).get("was", Boolean.class)));
	}
}
