package io.reactoreager.examples.netty;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import io.reactoreager.EagerStats;
import io.reactoreager.EagerStats.Kind;

/**
 * What the demo's load measured with the switch in one position: its requests and, from
 * {@link EagerStats} snapshots and the meters, what the eager operators did meanwhile.
 *
 * @param switchOn whether the eager operators were on (off: every operator built its stock twin)
 * @param requests requests completed by the load
 * @param failures requests that failed (a non-2xx status or an error)
 * @param cacheHits lookups answered from the cache
 * @param cacheMisses lookups that went to the backend
 * @param elapsed how long the load ran
 * @param steps the eager counters of the interval, summed over the operators, per kind
 * @param serviceBytes bytes the service's threads (every thread but the load generator's) allocated
 *        in the interval, when the JVM reports it
 * @param bytesAvoided bytes of allocation the eager operators avoided, when the meters report it
 * @param objectsAvoided objects the eager operators did not allocate, when the meters report it
 */
public record DemoPhase(boolean switchOn, long requests, long failures, long cacheHits, long cacheMisses, Duration elapsed,
		Map<Kind, Long> steps, OptionalLong serviceBytes, OptionalLong bytesAvoided, OptionalLong objectsAvoided) {

	public DemoPhase {
		Objects.requireNonNull(elapsed, "elapsed");
		steps = Map.copyOf(Objects.requireNonNull(steps, "steps"));
		Objects.requireNonNull(serviceBytes, "serviceBytes");
		Objects.requireNonNull(bytesAvoided, "bytesAvoided");
		Objects.requireNonNull(objectsAvoided, "objectsAvoided");
	}

	/**
	 * @param eager the difference of two snapshots
	 * @return its totals per kind
	 */
	static Map<Kind, Long> totals(EagerStats.Snapshot eager) {
		Map<Kind, Long> out = new EnumMap<>(Kind.class);
		for (Kind kind : Kind.values()) {
			out.put(kind, eager.total(kind));
		}
		return out;
	}

	/**
	 * @param other a load with the switch in the same position
	 * @return both loads as one
	 */
	DemoPhase plus(DemoPhase other) {
		if (other.switchOn != switchOn) {
			throw new IllegalArgumentException("a load with the switch " + (switchOn ? "on" : "off") + " plus one with it "
					+ (other.switchOn ? "on" : "off"));
		}
		Map<Kind, Long> sum = new EnumMap<>(Kind.class);
		for (Kind kind : Kind.values()) {
			sum.put(kind, total(kind) + other.total(kind));
		}
		return new DemoPhase(switchOn, requests + other.requests, failures + other.failures, cacheHits + other.cacheHits,
				cacheMisses + other.cacheMisses, elapsed.plus(other.elapsed), sum, plus(serviceBytes, other.serviceBytes),
				plus(bytesAvoided, other.bytesAvoided), plus(objectsAvoided, other.objectsAvoided));
	}

	private static OptionalLong plus(OptionalLong a, OptionalLong b) {
		return a.isPresent() && b.isPresent() ? OptionalLong.of(a.getAsLong() + b.getAsLong()) : OptionalLong.empty();
	}

	/** @return the eager steps of that kind */
	public long total(Kind kind) {
		return steps.getOrDefault(kind, 0L);
	}

	/** @return requests per second of the load */
	public double requestsPerSecond() {
		return requests / (Math.max(elapsed.toMillis(), 1) / 1000.0);
	}

	/** @return eager steps of the given kind per request, 0 without requests */
	public double perRequest(Kind kind) {
		return perRequest(total(kind));
	}

	/** @return {@code amount / requests}, 0 without requests */
	public double perRequest(long amount) {
		return requests == 0 ? 0.0 : (double) amount / requests;
	}

	/** @return inline / (inline + suspended + lazy subscriptions), 0 when nothing ran */
	public double eagerInlineRatio() {
		long inline = total(Kind.INLINE);
		long all = inline + total(Kind.SUSPENDED) + total(Kind.LAZY_SUBSCRIPTION);
		return all == 0 ? 0.0 : (double) inline / all;
	}

	/** @return cache hits / lookups, 0 when there were none */
	public double cacheHitRatio() {
		long all = cacheHits + cacheMisses;
		return all == 0 ? 0.0 : (double) cacheHits / all;
	}
}
