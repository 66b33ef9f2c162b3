package io.reactoreager.benchmarks.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A closed-loop HTTP/1.1 load generator that pipelines, and measures the latency of every
 * response: what wrk cannot do. wrk with a pipelining script records one latency per batch and
 * then "corrects" its histogram for coordinated omission with an interval computed from the
 * per-response rate, which puts the synthetic entries below the histogram's minimum; its p99 then
 * reads 0 (benchmarks/results/http-pipelined.md of 2026-11-25).
 *
 * <p>Each connection writes {@code depth} GET requests in one write, reads the {@code depth}
 * responses, records for each the time from the start of its batch's write to the moment its last
 * byte was read, and writes the next batch: the same closed loop as wrk with
 * {@code pipeline.lua}. Every connection's latency is recorded with microsecond resolution in one
 * histogram; nothing is corrected (a closed loop at saturation: latency is queueing, as in wrk's
 * plain mode). One thread, one selector (like {@code wrk -t1}); a warm-up period (the generator's
 * own JIT included) is not recorded.
 *
 * <p>Prints a report in wrk's format (the lines {@code run-http.sh} reads: "N requests in",
 * "Requests/sec:", and the latency distribution's 50/75/90/99% lines), plus 99.9% and max.
 *
 * <p>Usage: {@code PipelinedLoad -c CONNECTIONS -d SECONDS -w WARMUP_SECONDS --depth N [--cpu-pid PID] URL}.
 * With {@code --cpu-pid}, it also prints the CPU time (user + system clock ticks, from
 * {@code /proc/PID/stat}) that process spent during the recorded period only, so the server's CPU
 * per request excludes the warm-up. Only
 * responses with a {@code Content-Length} (no chunked bodies) are understood, which is what the
 * load-test servers send; any other status than 200 is counted as "Non-2xx".
 */
public final class PipelinedLoad {

	/** Latencies up to this many microseconds are kept exactly; larger ones go to the overflow bucket. */
	private static final int MAX_MICROS = 2_000_000;

	private final long[] histogram = new long[MAX_MICROS + 1];
	private long recorded;
	private long non2xx;
	private long maxMicros;
	private boolean recording;

	public static void main(String[] args) throws IOException {
		int connections = 64;
		int depth = 16;
		double seconds = 10;
		double warmup = 2;
		String url = null;
		long cpuPid = -1;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "-c" -> connections = Integer.parseInt(args[++i]);
				case "-d" -> seconds = parseSeconds(args[++i]);
				case "-w" -> warmup = parseSeconds(args[++i]);
				case "--depth" -> depth = Integer.parseInt(args[++i]);
				case "--cpu-pid" -> cpuPid = Long.parseLong(args[++i]);
				default -> url = args[i];
			}
		}
		if (url == null || connections < 1 || depth < 1 || seconds <= 0 || warmup < 0) {
			System.err.println("usage: PipelinedLoad -c CONNECTIONS -d SECONDS -w WARMUP_SECONDS --depth N [--cpu-pid PID] URL");
			System.exit(2);
		}
		PipelinedLoad load = new PipelinedLoad();
		Run run = load.run(URI.create(url), connections, depth, seconds, warmup, cpuPid);
		load.report(run.requests(), seconds, connections, depth);
		if (run.cpuTicks() >= 0) {
			System.out.println("Server CPU ticks: " + run.cpuTicks());
		}
	}

	static double parseSeconds(String s) {
		return Double.parseDouble(s.endsWith("s") ? s.substring(0, s.length() - 1) : s);
	}

	/** User + system CPU clock ticks of a process (fields 14 and 15 of {@code /proc/PID/stat}). */
	static long cpuTicks(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // f[0] is field 3
		return Long.parseLong(f[11]) + Long.parseLong(f[12]);
	}

	/** What a run counted over its recorded period: completed responses, and the server's CPU ticks (-1 if not asked). */
	record Run(long requests, long cpuTicks) { }

	/** Runs the closed loop; latencies of the recorded period are then in the histogram. */
	Run run(URI uri, int connections, int depth, double seconds, double warmup, long cpuPid) throws IOException {
		String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
		String one = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n\r\n";
		byte[] batch = one.repeat(depth).getBytes(StandardCharsets.US_ASCII);
		InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());

		Selector selector = Selector.open();
		Connection[] all = new Connection[connections];
		for (int i = 0; i < connections; i++) {
			SocketChannel ch = SocketChannel.open(address);
			ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
			ch.configureBlocking(false);
			all[i] = new Connection(ch, batch, depth);
			all[i].key = ch.register(selector, 0, all[i]);
			all[i].send(System.nanoTime());
		}

		long start = System.nanoTime();
		long recordFrom = start + (long) (warmup * 1e9);
		long end = recordFrom + (long) (seconds * 1e9);
		long completedAtRecordStart = 0;
		long completed = 0;
		long cpuAtRecordStart = 0;
		while (true) {
			long now = System.nanoTime();
			if (!recording && now >= recordFrom) {
				recording = true;
				completedAtRecordStart = completed;
				cpuAtRecordStart = cpuPid > 0 ? cpuTicks(cpuPid) : 0;
			}
			if (now >= end) {
				break;
			}
			selector.select(100);
			for (SelectionKey key : selector.selectedKeys()) {
				Connection c = (Connection) key.attachment();
				if (key.isWritable()) {
					c.flush();
				}
				if (key.isReadable()) {
					completed += c.read();
				}
			}
			selector.selectedKeys().clear();
		}
		long requests = completed - completedAtRecordStart;
		long cpu = cpuPid > 0 ? cpuTicks(cpuPid) - cpuAtRecordStart : -1;
		for (Connection c : all) {
			c.channel.close();
		}
		selector.close();
		return new Run(requests, cpu);
	}

	private void record(long nanos, int status) {
		if (!recording) {
			return;
		}
		long micros = nanos / 1000;
		histogram[(int) Math.min(micros, MAX_MICROS)]++;
		maxMicros = Math.max(maxMicros, micros);
		recorded++;
		if (status < 200 || status > 299) {
			non2xx++;
		}
	}

	/** Responses recorded (after the warm-up). */
	long recorded() {
		return recorded;
	}

	/** Recorded responses whose status was not 2xx. */
	long non2xx() {
		return non2xx;
	}

	/** The largest recorded latency, in microseconds. */
	long maxMicros() {
		return maxMicros;
	}

	/** The latency, in microseconds, at or below which {@code p} percent of the recorded responses arrived. */
	long percentile(double p) {
		long rank = (long) Math.ceil(p / 100.0 * recorded);
		long total = 0;
		for (int i = 0; i <= MAX_MICROS; i++) {
			total += histogram[i];
			if (total >= Math.max(rank, 1)) {
				return i;
			}
		}
		return maxMicros;
	}

	void report(long requests, double seconds, int connections, int depth) {
		System.out.printf(Locale.ROOT, "PipelinedLoad: %d connections, %d pipelined requests per write%n", connections, depth);
		System.out.println("  Latency Distribution");
		for (double p : new double[] {50, 75, 90, 99, 99.9}) {
			System.out.printf(Locale.ROOT, "  %s%%  %d.00us%n", p == 99.9 ? "99.9" : String.valueOf((int) p), percentile(p));
		}
		System.out.printf(Locale.ROOT, "  max  %d.00us%n", maxMicros);
		System.out.printf(Locale.ROOT, "  %d requests in %.2fs%n", requests, seconds);
		if (non2xx > 0) {
			System.out.printf(Locale.ROOT, "  Non-2xx or 3xx responses: %d%n", non2xx);
		}
		System.out.printf(Locale.ROOT, "Requests/sec: %.2f%n", requests / seconds);
	}

	/** One connection: a batch in flight, and an incremental parser of the responses. */
	private final class Connection {

		final SocketChannel channel;
		final ByteBuffer out;
		final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
		final int depth;
		SelectionKey key;

		long batchStart;
		int outstanding;

		// parser state: in the head (status line and headers) or skipping the body
		boolean inHead = true;
		final StringBuilder line = new StringBuilder();
		int status;
		long contentLength;
		long bodyLeft;

		Connection(SocketChannel channel, byte[] batch, int depth) {
			this.channel = channel;
			this.out = ByteBuffer.wrap(batch);
			this.depth = depth;
		}

		void send(long now) throws IOException {
			batchStart = now;
			outstanding = depth;
			out.clear();
			flush();
		}

		void flush() throws IOException {
			channel.write(out);
			key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
		}

		/** Reads what arrived; returns the number of responses it completed. */
		int read() throws IOException {
			in.clear();
			int n = channel.read(in);
			if (n < 0) {
				throw new IOException("the server closed a connection");
			}
			in.flip();
			int done = 0;
			while (in.hasRemaining()) {
				if (inHead) {
					char ch = (char) (in.get() & 0xff);
					if (ch == '\n') {
						if (headLine()) {
							if (bodyLeft == 0) {
								done += complete();
							}
						}
					}
					else if (ch != '\r') {
						line.append(ch);
					}
				}
				else {
					int skip = (int) Math.min(bodyLeft, in.remaining());
					in.position(in.position() + skip);
					bodyLeft -= skip;
					if (bodyLeft == 0) {
						done += complete();
					}
				}
			}
			return done;
		}

		/** Handles the line just read; returns whether it ended the head. */
		private boolean headLine() {
			if (line.length() == 0) { // the blank line: the head is over
				inHead = false;
				bodyLeft = contentLength;
				return true;
			}
			if (status == 0) {
				status = Integer.parseInt(line.substring(9, 12)); // "HTTP/1.1 200 OK"
			}
			else if (line.length() > 15 && line.substring(0, 15).equalsIgnoreCase("content-length:")) {
				contentLength = Long.parseLong(line.substring(15).trim());
			}
			line.setLength(0);
			return false;
		}

		private int complete() throws IOException {
			long now = System.nanoTime();
			record(now - batchStart, status);
			inHead = true;
			status = 0;
			contentLength = 0;
			if (--outstanding == 0) {
				send(now);
			}
			return 1;
		}
	}
}
