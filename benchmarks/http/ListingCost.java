import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.reactoreager.examples.webflux.EntityController;
import io.reactoreager.examples.webflux.EntityStore;

/**
 * The handler part of the WebFlux listing without HTTP: CPU time and bytes allocated per call of
 * {@code EntityController.list(form, n, false, ...)} on a warm cache (every check resolved), run on
 * one thread, blocking on the returned Mono. What {@code run-webflux.sh} measures end to end minus
 * Netty, WebFlux's dispatch, Jackson and Actuator's observation.
 *
 * <p>Run by {@code run-webflux.sh} with the switch on (the default):
 * {@code java -cp <the webflux-app jar's classes and libraries> benchmarks/http/ListingCost.java 20 100}.
 * Prints one line per form and N ({@code stock}, {@code eager}, and {@code floor}: the kept list,
 * no operator): the median of five measured rounds of 20,000 calls each, after 40,000 warm-up calls.
 */
public final class ListingCost {

	static final int CALLS = 20_000;
	static final int ROUNDS = 5;

	public static void main(String[] args) {
		var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		EntityController controller = new EntityController(new EntityStore());
		for (String arg : args) {
			int n = Integer.parseInt(arg);
			for (String form : List.of("stock", "eager", "floor")) {
				for (int i = 0; i < 2 * CALLS; i++) {
					controller.list(form, n, false, "acme", "eu", "user").block();
				}
				List<Double> micros = new ArrayList<>();
				List<Long> bytes = new ArrayList<>();
				for (int r = 0; r < ROUNDS; r++) {
					long cpu = threads.getCurrentThreadCpuTime();
					long allocated = threads.getCurrentThreadAllocatedBytes();
					for (int i = 0; i < CALLS; i++) {
						controller.list(form, n, false, "acme", "eu", "user").block();
					}
					micros.add((threads.getCurrentThreadCpuTime() - cpu) / 1e3 / CALLS);
					bytes.add((threads.getCurrentThreadAllocatedBytes() - allocated) / CALLS);
				}
				Collections.sort(micros);
				Collections.sort(bytes);
				System.out.printf("handler n=%d %s: %.2f us/call (min %.2f, max %.2f), %d B/call%n",
						n, form, micros.get(ROUNDS / 2), micros.get(0), micros.get(ROUNDS - 1), bytes.get(ROUNDS / 2));
			}
		}
	}
}
