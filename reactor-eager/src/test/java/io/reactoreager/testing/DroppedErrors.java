package io.reactoreager.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.core.publisher.Hooks;

/**
 * Captures what reaches {@code Hooks.onErrorDropped} during each test (instead of logging it),
 * and resets the hook after it: {@code @RegisterExtension final DroppedErrors dropped = new DroppedErrors();}.
 */
public final class DroppedErrors implements BeforeEachCallback, AfterEachCallback {

	private final List<Throwable> errors = new CopyOnWriteArrayList<>();

	@Override
	public void beforeEach(ExtensionContext context) {
		errors.clear();
		Hooks.onErrorDropped(errors::add);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		Hooks.resetOnErrorDropped();
	}

	/** The errors dropped so far in this test, live. */
	public List<Throwable> errors() {
		return errors;
	}

	/** How many dropped errors have this message. */
	public long countWithMessage(String message) {
		return errors.stream().filter(e -> message.equals(e.getMessage())).count();
	}
}
