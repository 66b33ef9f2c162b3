package io.reactoreager.metrics;

import java.util.Objects;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.reactoreager.EagerOperator;
import io.reactoreager.EagerPolicy;
import io.reactoreager.EagerStats;
import io.reactoreager.EagerStats.Kind;

/**
 * Exposes the reactor-eager in-process counters ({@link EagerStats}) to Micrometer. Every meter is
 * a {@link FunctionCounter} (or a {@link Gauge}) read when the registry is scraped: nothing here
 * runs on the eager hot path, which keeps only its plain per-thread increments. Each read sums one
 * counter slot over threads ({@link EagerStats#read}); no snapshot is built.
 *
 * <p>Meters, each tagged {@code operator} ({@link EagerOperator#tagValue()}) plus the common tags:
 * <ul>
 *   <li>{@code reactor.eager.inline}: steps run inline on a resolved outcome;</li>
 *   <li>{@code reactor.eager.suspended}: continuations registered on a pending input;</li>
 *   <li>{@code reactor.eager.lazy.subscriptions}: lazy inputs subscribed;</li>
 *   <li>{@code reactor.eager.budget.yields}: completions that yielded because the fairness budget was spent;</li>
 *   <li>{@code reactor.eager.trampolined}: steps queued on the thread's trampoline past the inline depth;</li>
 *   <li>{@code reactor.eager.fused.children}: children of inline joins read on the spot;</li>
 *   <li>{@code reactor.eager.allocations.avoided} (objects) and {@code reactor.eager.allocated.bytes.avoided}
 *       (bytes): inline completions (and fused children) times the per-operator figures of the
 *       calibrated allocation table. Registered only for operators the table has a positive figure
 *       for, and only if the running JVM has the object layout the table was measured with.</li>
 * </ul>
 * and {@code reactor.eager.enabled}, a gauge of the switch (1 on, 0 off), with the common tags.
 */
public final class EagerMetrics implements MeterBinder {

	static final String PREFIX = "reactor.eager.";
	static final String OPERATOR_TAG = "operator";

	private static final Kind[] COUNTED = {
			Kind.INLINE, Kind.SUSPENDED, Kind.LAZY_SUBSCRIPTION, Kind.BUDGET_YIELD, Kind.TRAMPOLINED, Kind.FUSED_CHILD};

	private final Iterable<Tag> tags;
	private final AllocationTable table;
	private final boolean reportAvoided;

	/** A binder with no common tags. */
	public EagerMetrics() {
		this(Tags.empty());
	}

	/**
	 * A binder adding {@code tags} to every meter.
	 *
	 * @param tags common tags, not null
	 */
	public EagerMetrics(Iterable<Tag> tags) {
		this(tags, AllocationTable.load());
	}

	EagerMetrics(Iterable<Tag> tags, AllocationTable table) {
		this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
		this.table = Objects.requireNonNull(table, "table");
		this.reportAvoided = table.matchesRunningJvm();
	}

	/**
	 * Whether the allocations-avoided meters are registered: the allocation table was measured on a
	 * JVM with this JVM's object layout.
	 *
	 * @return {@code true} if {@code reactor.eager.allocations.avoided} and
	 *         {@code reactor.eager.allocated.bytes.avoided} are reported
	 */
	public boolean reportsAllocationsAvoided() {
		return reportAvoided;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Objects.requireNonNull(registry, "registry");
		for (EagerOperator op : EagerOperator.values()) {
			Tags opTags = Tags.of(tags).and(OPERATOR_TAG, op.tagValue());
			for (Kind kind : COUNTED) {
				FunctionCounter.builder(PREFIX + kind.meterSuffix(), op, o -> EagerStats.read(o, kind))
						.tags(opTags)
						.description(description(kind))
						.register(registry);
			}
			if (reportAvoided && table.covers(op)) {
				double objects = table.objects(op);
				double childObjects = table.childObjects(op);
				FunctionCounter.builder(PREFIX + "allocations.avoided", op,
								o -> EagerStats.read(o, Kind.INLINE) * objects + EagerStats.read(o, Kind.FUSED_CHILD) * childObjects)
						.tags(opTags)
						.baseUnit("objects")
						.description("Objects the stock operator would have allocated minus those the eager path allocated, "
								+ "from the calibrated allocation table")
						.register(registry);
				double bytes = table.bytes(op);
				double childBytes = table.childBytes(op);
				FunctionCounter.builder(PREFIX + "allocated.bytes.avoided", op,
								o -> EagerStats.read(o, Kind.INLINE) * bytes + EagerStats.read(o, Kind.FUSED_CHILD) * childBytes)
						.tags(opTags)
						.baseUnit(BaseUnits.BYTES)
						.description("Bytes the stock operator would have allocated minus those the eager path allocated, "
								+ "from the calibrated allocation table")
						.register(registry);
			}
		}
		Gauge.builder(PREFIX + "enabled", () -> EagerPolicy.isEnabled() ? 1 : 0)
				.tags(tags)
				.description("The reactor-eager switch: 1 when the eager operators are active, 0 when they build their stock twins")
				.register(registry);
	}

	private static String description(Kind kind) {
		switch (kind) {
			case INLINE:
				return "Steps run inline on a resolved outcome, with no subscriber";
			case SUSPENDED:
				return "Continuations registered on a pending input";
			case LAZY_SUBSCRIPTION:
				return "Lazy inputs subscribed";
			case BUDGET_YIELD:
				return "Completions that yielded to the thread's executor because the fairness budget was spent";
			case TRAMPOLINED:
				return "Steps queued on the thread's trampoline past the inline depth bound";
			case FUSED_CHILD:
				return "Children of inline joins read on the spot, without a subscription";
			default:
				return kind.name();
		}
	}
}
