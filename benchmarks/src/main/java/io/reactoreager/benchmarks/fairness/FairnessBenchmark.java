package io.reactoreager.benchmarks.fairness;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.reactoreager.Eager;
import io.reactoreager.EagerPolicy;
import io.reactoreager.EagerStats;
import io.reactoreager.spi.EagerLoops;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * Fairness of inline completion (docs/fairness.md): a flood of work that completes synchronously shares
 * one single-threaded loop with a latency-sensitive periodic task. Reports the periodic task's
 * start delay (p50/p99/max) and the flood's throughput, for several fairness budgets and for
 * stock Reactor.
 *
 * <p>The flood is {@value #IN_FLIGHT} requests in flight at once; a request is an asynchronous
 * loop of {@code iterations} steps, each step starting a small piece of CPU work and continuing
 * with the next step ({@code start(work).flatMap(next)}), like a handler that awaits a chain of
 * calls that all turn out to be already done. When a request ends the next one arrives as a new
 * loop task.
 * <ul>
 *   <li><b>eager</b>: {@code Eager.start(work).transform(Eager.flatMap(next))}: every step finishes
 *       synchronously, so without a budget a whole request runs inline in one loop task;</li>
 *   <li><b>stock</b>: {@code Mono.fromCallable(work).subscribeOn(loop).flatMap(next)}: each step is
 *       scheduled on the loop (what {@code create_task} does without the eager task factory).</li>
 * </ul>
 * The loop is a {@link ScheduledThreadPoolExecutor} with one thread whose {@code beforeExecute}
 * calls {@link EagerLoops#resetBudget()} (what a loop adapter does) and which is registered as
 * the thread's yield executor. The periodic task runs with a fixed delay of
 * {@value #PERIOD_MICROS} us; its lateness is how much later than due each run starts, corrected
 * for coordinated omission (a run late by L also records L - period, L - 2 period, ...: the runs
 * a fixed-rate timer would have missed). Besides wall-clock figures, which a loaded machine
 * distorts, it reports two that it does not: the longest loop task in flood steps (counted) and
 * flood steps per second of the loop thread's CPU time.
 *
 * <p>Run: {@code java -cp <classpath> io.reactoreager.benchmarks.fairness.FairnessBenchmark
 * [warmupSeconds measureSeconds iterations repetitions configs]} (defaults 2, 4, 20000, 3,
 * {@code stock,max,16,64,128,512,1024}).
 */
public final class FairnessBenchmark {

	static final int IN_FLIGHT = 4;
	static final int WORK_ROUNDS = 64;
	static final long PERIOD_MICROS = 1000;

	/** The configurations measured: "stock" or a budget ({@code Integer.MAX_VALUE} = unbounded). */
	static final int STOCK = -1;
	static int[] CONFIGS = {STOCK, Integer.MAX_VALUE, 16, 64, 128, 512, 1024};

	private FairnessBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 2;
		int measure = args.length > 1 ? Integer.parseInt(args[1]) : 4;
		int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
		int reps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
		if (args.length > 4) {
			// e.g. "stock,max,128"
			CONFIGS = Arrays.stream(args[4].split(",")).mapToInt(c -> c.equals("stock") ? STOCK : c.equals("max") ? Integer.MAX_VALUE
					: Integer.parseInt(c)).toArray();
		}
		System.out.printf(Locale.ROOT, "# fairness: %d requests in flight, %d steps each, %d-round work per step, periodic task every %d us%n",
				IN_FLIGHT, iterations, WORK_ROUNDS, PERIOD_MICROS);
		System.out.printf(Locale.ROOT, "# warmup %d s, measure %d s per configuration, %d repetitions (median shown); JDK %s, %d CPUs%n", warmup,
				measure, reps, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
		// one JIT warm-up pass over both code paths before anything is measured
		run(STOCK, warmup, 0, iterations);
		run(128, warmup, 0, iterations);
		Result[][] results = new Result[CONFIGS.length][reps];
		for (int rep = 0; rep < reps; rep++) {
			// interleave configurations across repetitions so that machine load drifts hit them all
			for (int c = 0; c < CONFIGS.length; c++) {
				results[c][rep] = run(CONFIGS[c], warmup, measure, iterations);
				System.out.printf(Locale.ROOT, "# rep %d %s: %s%n", rep + 1, name(CONFIGS[c]), results[c][rep]);
			}
		}
		System.out.println();
		System.out.println("| configuration | periodic lateness p50 (us) | p99 (us) | max (us) | longest loop task (flood steps) | flood steps/s (wall) | flood steps per loop-CPU-s | budget yields/s |");
		System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
		for (int c = 0; c < CONFIGS.length; c++) {
			Result[] r = results[c];
			System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %,.0f | %,.0f | %,.0f |%n", name(CONFIGS[c]),
					(long) median(r, x -> x.p50), (long) median(r, x -> x.p99), (long) median(r, x -> x.max),
					(long) median(r, x -> x.maxStepsPerTask), median(r, x -> x.stepsPerSecond), median(r, x -> x.stepsPerCpuSecond),
					median(r, x -> x.yields / (double) measure));
		}
	}

	static double median(Result[] rs, java.util.function.ToDoubleFunction<Result> f) {
		double[] v = new double[rs.length];
		for (int i = 0; i < rs.length; i++) {
			v[i] = f.applyAsDouble(rs[i]);
		}
		Arrays.sort(v);
		return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
	}

	static String name(int config) {
		if (config == STOCK) {
			return "stock Reactor (subscribeOn per step)";
		}
		return config == Integer.MAX_VALUE ? "eager, budget unbounded" : "eager, budget " + config;
	}

	record Result(long p50, long p99, long max, int samples, double stepsPerSecond, double stepsPerCpuSecond, long maxStepsPerTask,
			long yields) {
	}

	/** The loop: one thread; each task is a loop turn. Records the flood steps each task ran. */
	static final class Loop extends ScheduledThreadPoolExecutor {

		volatile Thread thread;
		AtomicLong steps;
		volatile boolean measuring;
		private long stepsAtTaskStart;
		long maxStepsPerTask;

		Loop() {
			super(1, r -> {
				Thread t = new Thread(r, "fairness-loop");
				t.setDaemon(true);
				return t;
			});
		}

		@Override
		protected void beforeExecute(Thread t, Runnable r) {
			thread = t;
			// a loop adapter marks each task as a loop turn
			EagerLoops.resetBudget();
			stepsAtTaskStart = steps.get();
		}

		@Override
		protected void afterExecute(Runnable r, Throwable t) {
			long d = steps.get() - stepsAtTaskStart;
			if (measuring && d > maxStepsPerTask) {
				maxStepsPerTask = d;
			}
		}
	}

	static Result run(int config, int warmupSeconds, int measureSeconds, int iterations) throws Exception {
		Loop loop = new Loop();
		Scheduler loopScheduler = Schedulers.fromExecutorService(loop, "fairness-loop");
		EagerLoops.setYieldExecutorResolver(() -> Thread.currentThread() == loop.thread ? (Executor) loop : null);
		if (config != STOCK) {
			EagerPolicy.setBudget(config);
		}
		Flood flood = new Flood(loop, loopScheduler, config == STOCK, iterations);
		loop.steps = flood.steps;
		long[] delays = new long[(int) ((warmupSeconds + measureSeconds + 60) * 1_000_000L / PERIOD_MICROS) + 1024];
		int[] count = new int[1];
		long period = TimeUnit.MICROSECONDS.toNanos(PERIOD_MICROS);
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
		long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
		long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(measureSeconds);
		// fixed delay: each run is due one period after the previous one ended; its lateness is
		// how much later it started (no catch-up bursts after a starvation)
		long[] prevEnd = {start - period};
		long[] lastDue = new long[1];
		ScheduledFuture<?> periodic = loop.scheduleWithFixedDelay(() -> {
			long due = prevEnd[0] + period;
			long now = System.nanoTime();
			if (due >= measureFrom && due < measureTo) {
				// corrected for coordinated omission (like HdrHistogram's expected interval): a run
				// late by L also stands for the runs that would have been due every period during L
				for (long late = Math.max(0, now - due); count[0] < delays.length; late -= period) {
					delays[count[0]++] = late;
					if (late < period) {
						break;
					}
				}
			}
			lastDue[0] = due;
			prevEnd[0] = System.nanoTime();
		}, TimeUnit.NANOSECONDS.toMicros(start - System.nanoTime()), PERIOD_MICROS, TimeUnit.MICROSECONDS);
		for (int i = 0; i < IN_FLIGHT; i++) {
			loop.execute(flood::startRequest);
		}
		java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
		sleepUntil(measureFrom);
		loop.measuring = true;
		long steps0 = flood.steps.get();
		long yields0 = EagerStats.total(EagerStats.Kind.BUDGET_YIELD);
		long cpu0 = mx.getThreadCpuTime(loop.thread.getId());
		long t0 = System.nanoTime();
		sleepUntil(measureTo);
		long steps1 = flood.steps.get();
		long cpu1 = mx.getThreadCpuTime(loop.thread.getId());
		long t1 = System.nanoTime();
		long yields1 = EagerStats.total(EagerStats.Kind.BUDGET_YIELD);
		loop.measuring = false;
		flood.running = false;
		// let the periodic task record a run that was due in the window but starved until now
		long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < settle && loop.submit(() -> lastDue[0]).get() < measureTo) {
			Thread.sleep(5);
		}
		long maxStepsPerTask = loop.submit(() -> loop.maxStepsPerTask).get();
		periodic.cancel(false);
		loop.shutdown();
		loop.awaitTermination(30, TimeUnit.SECONDS);
		EagerLoops.setYieldExecutorResolver(null);
		EagerPolicy.setBudget(EagerPolicy.DEFAULT_BUDGET);
		long[] d = Arrays.copyOf(delays, count[0]);
		Arrays.sort(d);
		double seconds = (t1 - t0) / 1e9;
		return new Result(percentile(d, 0.50), percentile(d, 0.99), d.length == 0 ? 0 : d[d.length - 1] / 1000, d.length,
				(steps1 - steps0) / seconds, (steps1 - steps0) / ((cpu1 - cpu0) / 1e9), maxStepsPerTask, yields1 - yields0);
	}

	static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int i = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000;
	}

	static void sleepUntil(long nanoTime) throws InterruptedException {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

	/** The flood: requests made of asynchronous steps that all finish synchronously. */
	static final class Flood {

		final Loop loop;
		final Scheduler loopScheduler;
		final boolean stock;
		final int iterations;
		final AtomicLong steps = new AtomicLong();
		volatile boolean running = true;
		long sink;

		Flood(Loop loop, Scheduler loopScheduler, boolean stock, int iterations) {
			this.loop = loop;
			this.loopScheduler = loopScheduler;
			this.stock = stock;
			this.iterations = iterations;
		}

		void startRequest() {
			if (!running) {
				return;
			}
			if (stock) {
				stockStep(0, 0L);
				return;
			}
			Eager.whenComplete(eagerStep(0, 0L), Context.empty(), (v, e) -> done(v, e));
		}

		void done(Long v, Throwable e) {
			if (e != null) {
				e.printStackTrace();
			}
			else {
				sink += v;
			}
			if (running) {
				loop.execute(this::startRequest);
			}
		}

		long work(int i, long acc) {
			long x = acc ^ (i * 0x9E3779B97F4A7C15L);
			for (int k = 0; k < WORK_ROUNDS; k++) {
				x ^= x << 13;
				x ^= x >>> 7;
				x ^= x << 17;
			}
			steps.lazySet(steps.get() + 1);
			return x;
		}

		/** Eager: each step starts now; the chain is trampolined, so it is stack-safe at any length. */
		Mono<Long> eagerStep(int i, long acc) {
			if (i == iterations || !running) {
				return Mono.just(acc);
			}
			return Eager.start(Mono.fromCallable(() -> work(i, acc)))
					.transform(Eager.flatMap(x -> eagerStep(i + 1, x)));
		}

		/**
		 * Stock: each step is scheduled on the loop and continues from its subscriber (a nested
		 * stock {@code flatMap} chain of this length would overflow the stack on completion).
		 */
		void stockStep(int i, long acc) {
			if (!running) {
				return;
			}
			if (i == iterations) {
				done(acc, null);
				return;
			}
			Mono.fromCallable(() -> work(i, acc))
					.subscribeOn(loopScheduler)
					.subscribe(x -> stockStep(i + 1, x), e -> done(null, e));
		}
	}

}
