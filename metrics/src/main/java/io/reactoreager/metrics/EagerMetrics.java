package io.reactoreager.metrics;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

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
 * Exposes the reactor-eager in-process counters ({@link EagerStats}) to Micrometer.
 *
 * <p>Binding turns counting on ({@link EagerPolicy#setStatsEnabled(boolean)}): without a bound
 * registry (and unless the application turned it on) the eager hot path counts nothing. Every
 * meter is a {@link FunctionCounter} (or a {@link Gauge}) read when the registry is scraped:
 * nothing here runs on the eager hot path, which keeps only its plain per-thread increments. Each
 * read sums one counter over threads ({@link EagerStats#read}), without a lock or a snapshot.
 *
 * <p>Meters, each with the common tags given to the constructor:
 * <ul>
 *   <li>{@value #STEPS}{@code {operator, outcome}}: eager steps by how they met their input,
 *       {@code outcome} = {@code inline} (a resolved input: the step ran at once),
 *       {@code suspended} (a pending input: a continuation was registered), {@code lazy} (a lazy
 *       input was subscribed); and, counted in addition when a continuation runs,
 *       {@code deferred} (past the inline depth bound, queued on the thread's trampoline) and
 *       {@code yielded} (the fairness budget was spent, handed to the thread's executor);</li>
 *   <li>{@value #FUSED_CHILDREN}{@code {operator}}: children of an inline {@code zip},
 *       {@code when} or {@code gather} read on the spot, without a subscription;</li>
 *   <li>{@value #AVOIDED_BYTES}{@code {operator}} (bytes) and {@value #AVOIDED_OBJECTS}{@code {operator}}
 *       (objects): inline steps (and fused children) times the per-operator figures of the
 *       calibrated allocation table; registered only for operators the table has a positive
 *       figure for, and only if the running JVM has the object layout the table was measured with
 *       ({@link #reportsAllocationsAvoided()});</li>
 *   <li>{@value #ENABLED}: a gauge of the switch, 1 on, 0 off.</li>
 * </ul>
 * The number of series is fixed by the enums: {@link EagerOperator} × 5 outcomes, 3 joins, the
 * table's entries and the gauge.
 */
public final class EagerMetrics implements MeterBinder {

	/** Eager steps, tagged {@code operator} and {@code outcome}. */
	public static final String STEPS = "reactor.eager.steps";

	/** Children of inline joins read on the spot, tagged {@code operator}. */
	public static final String FUSED_CHILDREN = "reactor.eager.fused.children";

	/** Bytes the stock operators would have allocated beyond the eager path, tagged {@code operator}. */
	public static final String AVOIDED_BYTES = "reactor.eager.allocation.avoided";

	/** Objects the stock operators would have allocated beyond the eager path, tagged {@code operator}. */
	public static final String AVOIDED_OBJECTS = "reactor.eager.allocation.avoided.objects";

	/** The switch, 1 on and 0 off. */
	public static final String ENABLED = "reactor.eager.enabled";

	static final String OPERATOR_TAG = "operator";
	static final String OUTCOME_TAG = "outcome";

	/** The kinds counted as {@code outcome}s of {@value #STEPS}. */
	static final Kind[] OUTCOMES = {Kind.INLINE, Kind.SUSPENDED, Kind.LAZY_SUBSCRIPTION, Kind.TRAMPOLINED, Kind.BUDGET_YIELD};

	/** The operators that fuse resolved children ({@link Kind#FUSED_CHILD}). */
	static final Set<EagerOperator> JOINS = EnumSet.of(EagerOperator.WHEN, EagerOperator.ZIP, EagerOperator.GATHER);

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
	 * Whether the allocation-avoided meters are registered: the allocation table was measured on a
	 * JVM with this JVM's object layout.
	 *
	 * @return {@code true} if {@value #AVOIDED_BYTES} and {@value #AVOIDED_OBJECTS} are reported
	 */
	public boolean reportsAllocationsAvoided() {
		return reportAvoided;
	}

	/**
	 * Registers the meters and turns counting on.
	 *
	 * @param registry the registry, not null
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		Objects.requireNonNull(registry, "registry");
		for (EagerOperator op : EagerOperator.values()) {
			Tags opTags = Tags.of(tags).and(OPERATOR_TAG, op.tagValue());
			for (Kind kind : OUTCOMES) {
				FunctionCounter.builder(STEPS, op, o -> EagerStats.read(o, kind))
						.tags(opTags.and(OUTCOME_TAG, kind.tagValue()))
						.description("Eager steps by operator and outcome: inline (resolved input), suspended (pending input), "
								+ "lazy (lazy input subscribed); deferred (past the inline depth) and yielded (budget spent) "
								+ "are counted in addition when a continuation runs")
						.register(registry);
			}
			if (JOINS.contains(op)) {
				FunctionCounter.builder(FUSED_CHILDREN, op, o -> EagerStats.read(o, Kind.FUSED_CHILD))
						.tags(opTags)
						.description("Children of inline joins read on the spot, without a subscription")
						.register(registry);
			}
			if (reportAvoided) {
				registerAvoided(registry, op, opTags);
			}
		}
		Gauge.builder(ENABLED, () -> EagerPolicy.isEnabled() ? 1 : 0)
				.tags(tags)
				.description("The reactor-eager switch: 1 when the eager operators are active, 0 when they build their stock twins")
				.register(registry);
		EagerPolicy.setStatsEnabled(true);
	}

	private void registerAvoided(MeterRegistry registry, EagerOperator op, Tags opTags) {
		registerAvoided(registry, AVOIDED_BYTES, BaseUnits.BYTES, "Bytes", op, opTags, table.bytes(op), table.childBytes(op));
		registerAvoided(registry, AVOIDED_OBJECTS, BaseUnits.OBJECTS, "Objects", op, opTags, table.objects(op), table.childObjects(op));
	}

	/** One allocation-avoided counter: inline steps times {@code perStep}, plus fused children times {@code perChild}. */
	private static void registerAvoided(MeterRegistry registry, String name, String unit, String what, EagerOperator op, Tags opTags,
			double perStep, double perChild) {
		if (perStep <= 0 && perChild <= 0) {
			return;
		}
		FunctionCounter.builder(name, op, o -> EagerStats.read(o, Kind.INLINE) * perStep + EagerStats.read(o, Kind.FUSED_CHILD) * perChild)
				.tags(opTags)
				.baseUnit(unit)
				.description(what + " the stock operator would have allocated minus those the eager path allocated, "
						+ "from the calibrated allocation table")
				.register(registry);
	}
}
