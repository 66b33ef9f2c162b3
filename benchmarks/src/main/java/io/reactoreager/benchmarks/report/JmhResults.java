package io.reactoreager.benchmarks.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON that JMH writes with {@code -rf json}; nothing else. */
public final class JmhResults {
	private JmhResults() {
	}

	/** The results of one file and the run settings of its first entry. */
	public record Run(List<JmhResult> results, String jmhVersion, String jdkVersion, String vmName,
			String settings) {
	}

	public static Run read(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return parse(JsonParser.parseReader(reader).getAsJsonArray());
		}
	}

	static Run parse(JsonArray array) {
		List<JmhResult> results = new ArrayList<>();
		String jmh = "";
		String jdk = "";
		String vm = "";
		String settings = "";
		for (JsonElement element : array) {
			JsonObject entry = element.getAsJsonObject();
			String benchmark = entry.get("benchmark").getAsString();
			int lastDot = benchmark.lastIndexOf('.');
			String qualifiedClass = benchmark.substring(0, lastDot);
			String className = qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1);
			String method = benchmark.substring(lastDot + 1);
			Map<String, String> params = new LinkedHashMap<>();
			if (entry.has("params")) {
				for (Map.Entry<String, JsonElement> p : entry.getAsJsonObject("params").entrySet()) {
					params.put(p.getKey(), p.getValue().getAsString());
				}
			}
			JsonObject primary = entry.getAsJsonObject("primaryMetric");
			double bytes = Double.NaN;
			double bytesError = Double.NaN;
			JsonObject secondary = entry.getAsJsonObject("secondaryMetrics");
			if (secondary != null && secondary.has("gc.alloc.rate.norm")) {
				JsonObject alloc = secondary.getAsJsonObject("gc.alloc.rate.norm");
				bytes = number(alloc.get("score"));
				bytesError = number(alloc.get("scoreError"));
			}
			results.add(new JmhResult(className, method, Collections.unmodifiableMap(params),
					number(primary.get("score")), number(primary.get("scoreError")),
					primary.get("scoreUnit").getAsString(), bytes, bytesError));
			if (jmh.isEmpty()) {
				jmh = string(entry, "jmhVersion");
				jdk = string(entry, "jdkVersion");
				vm = string(entry, "vmName") + " " + string(entry, "vmVersion");
				settings = "forks " + string(entry, "forks") + ", warmup " + string(entry, "warmupIterations")
						+ " x " + string(entry, "warmupTime") + ", measurement "
						+ string(entry, "measurementIterations") + " x " + string(entry, "measurementTime")
						+ ", threads " + string(entry, "threads") + ", JVM args " + entry.get("jvmArgs");
			}
		}
		return new Run(results, jmh, jdk, vm, settings);
	}

	private static double number(JsonElement element) {
		if (element == null || element.isJsonNull()) {
			return Double.NaN;
		}
		String text = element.getAsString();
		return "NaN".equals(text) ? Double.NaN : Double.parseDouble(text);
	}

	private static String string(JsonObject entry, String key) {
		JsonElement value = entry.get(key);
		return value == null || value.isJsonNull() ? "?" : value.getAsString();
	}
}
