package io.reactoreager.benchmarks.http;

import io.reactoreager.netty.NettyTransport;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The in-memory map every load-test server answers its cache-hit endpoint from, and the shared
 * shape of the endpoints, so that the three servers differ only in the HTTP layer.
 *
 * <ul>
 *   <li>{@code GET /cache/{key}}: 200 with the cached body (keys {@code k0}..{@code k99}), 404 otherwise;</li>
 *   <li>{@code GET /miss/{key}}: calls the backend's {@code GET /item/{key}} and answers its body
 *       (our adapter and reactor-netty only);</li>
 *   <li>the backend ({@link BackendServer}) answers {@code /item/{key}} with {@link #backendBody}.</li>
 * </ul>
 */
final class CacheData {

	static final String CACHE_PREFIX = "/cache/";
	static final String MISS_PREFIX = "/miss/";
	static final String ITEM_PREFIX = "/item/";
	static final String CONTENT_TYPE = "application/json";

	private static final Map<String, byte[]> BODIES = new HashMap<>();

	static {
		for (int i = 0; i < 100; i++) {
			BODIES.put("k" + i, body(i));
		}
	}

	private CacheData() {}

	/** @return the cached body for a key, or null on a miss */
	static byte[] lookup(String key) {
		return BODIES.get(key);
	}

	/** @return the key after {@code prefix} in a request target (query string ignored) */
	static String key(String uri, String prefix) {
		int end = uri.indexOf('?');
		return uri.substring(prefix.length(), end < 0 ? uri.length() : end);
	}

	/** @return the body the backend answers for a key: the same shape as a cached body */
	static byte[] backendBody(String key) {
		return ("{\"id\":\"" + key + "\",\"name\":\"item " + key + "\",\"price\":1299,\"tags\":[\"a\",\"b\",\"c\"],"
				+ "\"source\":\"backend\"}").getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] body(int i) {
		return ("{\"id\":\"k" + i + "\",\"name\":\"item k" + i + "\",\"price\":1299,\"tags\":[\"a\",\"b\",\"c\"],"
				+ "\"source\":\"cache\"}").getBytes(StandardCharsets.UTF_8);
	}

	/** Parses positional integer arguments (options such as {@code --transport=} skipped): the index-th, or a default. */
	static int intArg(String[] args, int index, int fallback) {
		String[] positional = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
		return positional.length > index ? Integer.parseInt(positional[index]) : fallback;
	}

	/**
	 * The {@code --transport=nio|epoll|io_uring|auto} option: the event loops' transport (NIO when
	 * absent; {@code auto} is {@link NettyTransport#preferred()}).
	 */
	static NettyTransport transport(String[] args) {
		for (String arg : args) {
			if (arg.startsWith("--transport=")) {
				String name = arg.substring("--transport=".length()).toUpperCase(Locale.ROOT).replace('-', '_');
				return name.equals("AUTO") ? NettyTransport.preferred() : NettyTransport.valueOf(name);
			}
		}
		return NettyTransport.NIO;
	}

	/** Tells the script the server is up (it waits for this line) and where. */
	static void ready(String name, int port) {
		System.out.println("READY " + name + " port=" + port + " pid=" + ProcessHandle.current().pid());
		System.out.flush();
	}
}
