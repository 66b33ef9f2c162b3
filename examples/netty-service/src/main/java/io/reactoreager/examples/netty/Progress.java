package io.reactoreager.examples.netty;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A progress indicator for the demo's load: a bar redrawn in place on a terminal, one line per
 * update otherwise (CI logs).
 */
final class Progress {

	private static final int WIDTH = 30;

	private final PrintStream out;
	private final boolean terminal;
	private final String label;
	private final Duration total;

	Progress(PrintStream out, boolean terminal, String label, Duration total) {
		this.out = Objects.requireNonNull(out, "out");
		this.terminal = terminal;
		this.label = Objects.requireNonNull(label, "label");
		this.total = Objects.requireNonNull(total, "total");
	}

	/** Shows how far the load has got and how many requests completed. */
	void update(Duration elapsed, long requests) {
		double fraction = total.isZero() ? 1.0 : Math.min(1.0, (double) elapsed.toMillis() / total.toMillis());
		int filled = (int) Math.round(fraction * WIDTH);
		String bar = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "]";
		String text = String.format(Locale.ROOT, "%-19s %s %3.0f%%  %,d requests", label, bar, fraction * 100, requests);
		if (terminal) {
			out.print("\r" + text);
		}
		else {
			out.println(text);
		}
		out.flush();
	}

	/** Ends the indicator's line on a terminal. */
	void done() {
		if (terminal) {
			out.println();
		}
	}
}
