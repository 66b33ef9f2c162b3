package io.reactoreager.benchmarks.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The results of one benchmark family laid out as a grid: categories (a workload, or one
 * parameter combination) by implementations (benchmark methods). The async_tree classes form one
 * family whose categories are the four workloads; every other class is its own family whose
 * categories are its parameter combinations.
 */
final class Family {
	/** Implementations in the order tables and plots show them; unknown methods follow, by name. */
	static final List<String> IMPLEMENTATION_ORDER = List.of("plain", "timerFloor", "completableFuture", "executionFlow",
			"executionFlowFold", "reactor", "reactorZip", "reactorSubscribed", "eagerSwitchOff", "eager", "eagerSubscribed",
			"eagerFluent", "eagerFluentSubscribed", "eagerWhenSwitchOff", "eagerWhen", "eagerWholeBuffer", "eagerGather", "eagerTaskGroup",
			"eagerWholeBufferCountingOff", "eagerJust", "eagerJustWholeBuffer", "eagerJustWholeBufferCountingOff",
			"plainJavaAllResolved", "completableFutureAllResolved", "reactorSyncFloorAllResolved", "reactorAllResolved",
			"eagerAllResolvedSwitchOff", "eagerAllResolved", "eagerAllResolvedCountingOff", "eagerJustAllResolved",
			"eagerJustAllResolvedCountingOff");
	private static final Map<String, String> LABELS = Map.ofEntries(
			Map.entry("plain", "plain Java"),
			Map.entry("timerFloor", "timer floor (plain Java + the same timers)"),
			Map.entry("reactorZip", "stock Reactor, Mono.zip"),
			Map.entry("reactorSubscribed", "stock Reactor, subscribed"),
			Map.entry("eagerSubscribed", "eager, subscribed"),
			Map.entry("eagerFluent", "eager fluent (Eager.of)"),
			Map.entry("eagerFluentSubscribed", "eager fluent (Eager.of), subscribed"),
			Map.entry("eagerWhen", "eager (when shape)"),
			Map.entry("eagerWhenSwitchOff", "eager (when shape), switch off = Mono.when"),
			Map.entry("completableFuture", "CompletableFuture"),
			Map.entry("executionFlow", "ExecutionFlow"),
			Map.entry("executionFlowFold", "ExecutionFlow (fold)"),
			Map.entry("reactor", "stock Reactor"),
			Map.entry("eagerSwitchOff", "eager, switch off"),
			Map.entry("eager", "eager"),
			Map.entry("eagerWholeBuffer", "eager (whole buffer)"),
			Map.entry("eagerGather", "eager (gather)"),
			Map.entry("eagerTaskGroup", "eager task group"),
			Map.entry("completableFutureAllResolved", "CompletableFuture, all resolved"),
			Map.entry("reactorAllResolved", "stock Reactor, all resolved"),
			Map.entry("eagerAllResolvedSwitchOff", "eager, switch off, all resolved"),
			Map.entry("eagerAllResolved", "eager, all resolved"),
			Map.entry("eagerWholeBufferCountingOff", "eager (whole buffer), counting off"),
			Map.entry("eagerJust", "eager, Eager.just"),
			Map.entry("eagerJustWholeBuffer", "eager (whole buffer), Eager.just"),
			Map.entry("eagerJustWholeBufferCountingOff", "eager (whole buffer), Eager.just, counting off"),
			Map.entry("plainJavaAllResolved", "plain Java loop, all resolved"),
			Map.entry("reactorSyncFloorAllResolved", "stock Reactor sync filter (floor), all resolved"),
			Map.entry("eagerAllResolvedCountingOff", "eager, all resolved, counting off"),
			Map.entry("eagerJustAllResolved", "eager, Eager.just, all resolved"),
			Map.entry("eagerJustAllResolvedCountingOff", "eager, Eager.just, all resolved, counting off"));
	private static final Pattern ASYNC_TREE = Pattern.compile("AsyncTree(\\w+)Benchmark");
	private static final List<String> WORKLOAD_ORDER = List.of("none", "io", "memoization", "cpu_io_mixed");

	final String name;
	final List<String> categories = new ArrayList<>();
	final List<String> implementations = new ArrayList<>();
	private final Map<String, Map<String, JmhResult>> cells = new LinkedHashMap<>();

	private Family(String name) {
		this.name = name;
	}

	static String label(String implementation) {
		return LABELS.getOrDefault(implementation, implementation);
	}

	JmhResult cell(String category, String implementation) {
		Map<String, JmhResult> row = cells.get(category);
		return row == null ? null : row.get(implementation);
	}

	/** Groups results into families, in the order they first appear (async_tree first). */
	static List<Family> of(List<JmhResult> results) {
		Map<String, Family> families = new LinkedHashMap<>();
		for (JmhResult result : results) {
			Matcher tree = ASYNC_TREE.matcher(result.className());
			String familyName = tree.matches() ? "async_tree" : result.className().replaceFirst("Benchmark$", "");
			String category = tree.matches() ? snake(tree.group(1)) : describe(result.params());
			Family family = families.computeIfAbsent(familyName, Family::new);
			family.cells.computeIfAbsent(category, c -> new LinkedHashMap<>()).put(result.method(), result);
		}
		List<Family> ordered = new ArrayList<>(families.values());
		ordered.sort(Comparator.comparing(f -> !f.name.equals("async_tree")));
		for (Family family : ordered) {
			family.categories.addAll(family.cells.keySet());
			if (family.name.equals("async_tree")) {
				family.categories.sort(Comparator.comparingInt(c -> {
					int index = WORKLOAD_ORDER.indexOf(c);
					return index < 0 ? WORKLOAD_ORDER.size() : index;
				}));
			}
			Set<String> methods = new LinkedHashSet<>();
			family.cells.values().forEach(row -> methods.addAll(row.keySet()));
			family.implementations.addAll(methods.stream().sorted(Comparator
					.comparingInt((String m) -> {
						int index = IMPLEMENTATION_ORDER.indexOf(m);
						return index < 0 ? IMPLEMENTATION_ORDER.size() : index;
					})
					.thenComparing(m -> m)).collect(Collectors.toList()));
		}
		return ordered;
	}

	private static String describe(Map<String, String> params) {
		if (params.isEmpty()) {
			return "-";
		}
		return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
				.collect(Collectors.joining(", "));
	}

	static String snake(String camel) {
		return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
	}
}
