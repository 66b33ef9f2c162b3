package io.reactoreager.examples.netty;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

import io.reactoreager.EagerStats;

/**
 * What the demo prints after its load: requests and their outcome, and what the eager operators
 * did meanwhile, from the difference of two {@link EagerStats} snapshots.
 *
 * <p>The <em>eager inline ratio</em> is the share of eager steps that ran inline on a resolved
 * input: {@code inline / (inline + suspended + lazy subscriptions)}.
 *
 * @param requests requests completed by the load
 * @param failures requests that failed (a non-2xx status or an error)
 * @param cacheHits lookups answered from the cache
 * @param cacheMisses lookups that went to the backend
 * @param elapsed how long the load ran
 * @param eager the eager counters of the interval
 * @param bytesAvoided bytes of allocation avoided in the interval, when the metrics module reports it
 * @param urls URLs to try, printed at the end
 */
public record DemoSummary(long requests, long failures, long cacheHits, long cacheMisses, Duration elapsed,
		EagerStats.Snapshot eager, OptionalLong bytesAvoided, List<String> urls) {

	public DemoSummary {
		Objects.requireNonNull(elapsed, "elapsed");
		Objects.requireNonNull(eager, "eager");
		Objects.requireNonNull(bytesAvoided, "bytesAvoided");
		urls = List.copyOf(urls);
	}

	/** @return inline / (inline + suspended + lazy subscriptions), 0 when nothing ran */
	public double eagerInlineRatio() {
		long inline = eager.total(EagerStats.Kind.INLINE);
		long all = inline + eager.total(EagerStats.Kind.SUSPENDED) + eager.total(EagerStats.Kind.LAZY_SUBSCRIPTION);
		return all == 0 ? 0.0 : (double) inline / all;
	}

	/** @return cache hits / lookups, 0 when there were none */
	public double cacheHitRatio() {
		long all = cacheHits + cacheMisses;
		return all == 0 ? 0.0 : (double) cacheHits / all;
	}

	/** @return the summary as printed */
	public String render() {
		double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
		StringBuilder b = new StringBuilder();
		b.append("\n== reactor-eager demo: summary ==\n");
		line(b, "requests", String.format(Locale.ROOT, "%,d in %.1f s (%,.0f/s), %,d failed", requests, seconds,
				requests / seconds, failures));
		line(b, "cache hits", String.format(Locale.ROOT, "%,d of %,d lookups (%.1f%%)", cacheHits,
				cacheHits + cacheMisses, 100 * cacheHitRatio()));
		line(b, "eager inline ratio", String.format(Locale.ROOT, "%.1f%% of eager steps ran inline",
				100 * eagerInlineRatio()));
		line(b, "inline steps", String.format(Locale.ROOT, "%,d", eager.total(EagerStats.Kind.INLINE)));
		line(b, "suspensions", String.format(Locale.ROOT, "%,d", eager.total(EagerStats.Kind.SUSPENDED)));
		line(b, "lazy subscriptions", String.format(Locale.ROOT, "%,d", eager.total(EagerStats.Kind.LAZY_SUBSCRIPTION)));
		line(b, "budget yields", String.format(Locale.ROOT, "%,d", eager.total(EagerStats.Kind.BUDGET_YIELD)));
		line(b, "trampolined", String.format(Locale.ROOT, "%,d", eager.total(EagerStats.Kind.TRAMPOLINED)));
		line(b, "bytes avoided", bytesAvoided.isPresent()
				? String.format(Locale.ROOT, "%,d B", bytesAvoided.getAsLong())
				: "not reported (needs the metrics module, reactor-eager-micrometer)");
		if (!urls.isEmpty()) {
			b.append("\ntry:\n");
			for (String url : urls) {
				b.append("  curl -s ").append(url).append('\n');
			}
		}
		return b.toString();
	}

	private static void line(StringBuilder b, String label, String value) {
		b.append(String.format(Locale.ROOT, "  %-20s %s%n", label, value));
	}
}
