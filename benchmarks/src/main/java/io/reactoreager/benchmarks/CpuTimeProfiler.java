package io.reactoreager.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, for comparisons on a machine whose cores are shared with other work:
 * a thread that is descheduled accrues wall time, not CPU time, so on a loaded machine CPU ns/op
 * keeps a far tighter interval than throughput does. Reports {@code cpu.worker} (the CPU time
 * of the benchmark's worker threads, per operation) and {@code cpu.process} (the whole JVM's,
 * with GC and JIT, per operation). Use with {@code -prof io.reactoreager.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
	private static final com.sun.management.OperatingSystemMXBean OS =
			(com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	private long workerStart;
	private long processStart;

	@Override
	public String getDescription() {
		return "CPU time per operation of the worker threads and of the whole JVM";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		workerStart = workerCpu();
		processStart = OS.getProcessCpuTime();
	}

	@Override
	public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
			IterationResult result) {
		long ops = result.getMetadata().getMeasuredOps();
		if (ops <= 0) {
			return List.of();
		}
		double worker = (workerCpu() - workerStart) / (double) ops;
		double process = (OS.getProcessCpuTime() - processStart) / (double) ops;
		return List.of(new ScalarResult("cpu.worker", worker, "ns/op", AggregationPolicy.AVG),
				new ScalarResult("cpu.process", process, "ns/op", AggregationPolicy.AVG));
	}

	/** CPU time of the threads JMH runs the benchmark on (named {@code ...-jmh-worker-N}). */
	private static long workerCpu() {
		long sum = 0;
		for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
			if (t != null && t.getThreadName().contains("-jmh-worker-")) {
				long cpu = THREADS.getThreadCpuTime(t.getThreadId());
				if (cpu > 0) {
					sum += cpu;
				}
			}
		}
		return sum;
	}
}
