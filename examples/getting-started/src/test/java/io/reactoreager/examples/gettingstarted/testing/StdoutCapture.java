package io.reactoreager.examples.gettingstarted.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs code with {@code System.out} captured, so an example's output is asserted instead of printed. */
public final class StdoutCapture {

	/** Code that may throw. */
	@FunctionalInterface
	public interface Body {
		void run() throws Exception;
	}

	private StdoutCapture() {
	}

	/** @return what {@code body} printed to {@code System.out} */
	public static String of(Body body) throws Exception {
		PrintStream original = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			body.run();
		}
		finally {
			System.setOut(original);
		}
		return captured.toString(StandardCharsets.UTF_8);
	}
}
