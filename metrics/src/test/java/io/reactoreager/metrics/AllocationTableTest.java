package io.reactoreager.metrics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactoreager.EagerOperator;
import io.reactoreager.EagerStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in allocation table never credits more than stock allocates, and the number of time
 * series docs/metrics.md states is the number the binder registers.
 */
class AllocationTableTest {

	/** {@code # filter: <workload>; stock 64.0 B 2.00 objects, eager ...} */
	static final Pattern STEP = Pattern.compile("^# ([A-Za-z]+): .*; stock ([0-9.]+) B ([0-9.]+) objects", Pattern.MULTILINE);

	/** {@code # gather arity 2: stock 1048.0 B 19.00 objects, eager ...} */
	static final Pattern JOIN = Pattern.compile("^# ([A-Za-z]+) arity ([0-9]+): stock ([0-9.]+) B ([0-9.]+) objects", Pattern.MULTILINE);

	static String text() throws IOException {
		try (InputStream in = AllocationTable.class.getResourceAsStream(AllocationTable.RESOURCE)) {
			assertThat(in).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	static EagerOperator operator(String tag) {
		for (EagerOperator op : EagerOperator.values()) {
			if (op.tagValue().equals(tag)) {
				return op;
			}
		}
		throw new AssertionError("no operator " + tag);
	}

	@Test
	void noStepIsCreditedMoreThanItsStockTwinAllocates() throws IOException {
		AllocationTable table = AllocationTable.load();
		Matcher m = STEP.matcher(text());
		int steps = 0;
		while (m.find()) {
			EagerOperator op = operator(m.group(1));
			assertThat(table.bytes(op)).as("%s bytes", op).isLessThanOrEqualTo(Double.parseDouble(m.group(2)));
			assertThat(table.objects(op)).as("%s objects", op).isLessThanOrEqualTo(Math.round(Double.parseDouble(m.group(3))));
			steps++;
		}
		assertThat(steps).isGreaterThanOrEqualTo(17);
	}

	@Test
	void noJoinIsCreditedMoreThanItsStockTwinAllocates() throws IOException {
		AllocationTable table = AllocationTable.load();
		Matcher m = JOIN.matcher(text());
		int joins = 0;
		while (m.find()) {
			EagerOperator op = operator(m.group(1));
			int arity = Integer.parseInt(m.group(2));
			assertThat(table.bytes(op) + arity * table.childBytes(op)).as("%s arity %d bytes", op, arity)
					.isLessThanOrEqualTo(Double.parseDouble(m.group(3)));
			joins++;
		}
		assertThat(joins).isEqualTo(6);
	}

	/** docs/metrics.md states the series count with and without the allocation meters; both must be what the binder registers. */
	@Test
	void theSeriesCountTheDocsStateIsWhatTheBinderRegisters() throws IOException {
		String doc = Files.readString(Path.of("..", "docs", "metrics.md"));
		Matcher stated = Pattern.compile("\\*\\*([0-9]+)\\*\\* time series with the allocation meters, \\*\\*([0-9]+)\\*\\* without").matcher(doc);
		assertThat(stated.find()).as("docs/metrics.md states the series count").isTrue();

		SimpleMeterRegistry with = new SimpleMeterRegistry();
		new EagerMetrics(java.util.List.of(), reportingTable(true)).bindTo(with);
		SimpleMeterRegistry without = new SimpleMeterRegistry();
		new EagerMetrics(java.util.List.of(), reportingTable(false)).bindTo(without);

		assertThat(with.getMeters()).hasSize(Integer.parseInt(stated.group(1)));
		assertThat(without.getMeters()).hasSize(Integer.parseInt(stated.group(2)));
		// and the count follows from the enums: operators x outcomes, the joins, the table's entries, the gauge
		assertThat(without.getMeters()).hasSize(EagerOperator.values().length * EagerMetrics.OUTCOMES.length + EagerMetrics.JOINS.size() + 1);
		assertThat(EagerMetrics.OUTCOMES).hasSize(EagerStats.Kind.values().length - 1);
	}

	/** The checked-in table, recorded as measured on this JVM's layout or on another one. */
	static AllocationTable reportingTable(boolean matching) throws IOException {
		String t = text();
		if (!matching) {
			t = t.replaceAll("(?m)^jvm\\.compressedOops=.*$", "jvm.compressedOops=another layout");
		}
		else {
			AllocationTable load = AllocationTable.load();
			if (!load.matchesRunningJvm()) {
				// record this JVM's layout, so that the count with the meters can be checked on any JVM
				com.sun.management.HotSpotDiagnosticMXBean hs = java.lang.management.ManagementFactory
						.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
				t = t.replaceAll("(?m)^jvm\\.compressedOops=.*$", "jvm.compressedOops=" + hs.getVMOption("UseCompressedOops").getValue())
						.replaceAll("(?m)^jvm\\.compressedClassPointers=.*$",
								"jvm.compressedClassPointers=" + hs.getVMOption("UseCompressedClassPointers").getValue());
			}
		}
		return AllocationTable.of(new ByteArrayInputStream(t.getBytes(StandardCharsets.ISO_8859_1)));
	}
}
