package io.reactoreager.netty.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A plain-socket HTTP/1.1 peer for tests that must send exact bytes (pipelining, malformed input)
 * and read responses one by one. Reads block the test thread only, with a 10 s socket timeout.
 */
public final class RawHttp implements Closeable {

	private final Socket socket;
	private final PushbackInputStream in;
	private final OutputStream out;

	private RawHttp(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new PushbackInputStream(socket.getInputStream(), 1);
		this.out = socket.getOutputStream();
	}

	public static RawHttp connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
		socket.setSoTimeout(10_000);
		socket.setTcpNoDelay(true);
		return new RawHttp(socket);
	}

	public RawHttp send(String raw) throws IOException {
		out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
		return this;
	}

	public static String get(String path) {
		return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
	}

	/** @return the next response, or null when the server closed the connection first */
	public Response read() throws IOException {
		String statusLine = readLine();
		if (statusLine == null) {
			return null;
		}
		String[] parts = statusLine.split(" ", 3);
		int status = Integer.parseInt(parts[1]);
		Map<String, String> headers = new HashMap<>();
		String line;
		while ((line = readLine()) != null && !line.isEmpty()) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
		}
		int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
		byte[] body = in.readNBytes(length);
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	/** @return true when the server closed the connection (EOF) within {@code wait} */
	public boolean closedByPeer(java.time.Duration wait) throws IOException {
		int timeout = socket.getSoTimeout();
		socket.setSoTimeout((int) wait.toMillis());
		try {
			return closedByPeer();
		} finally {
			socket.setSoTimeout(timeout);
		}
	}

	/**
	 * @return true when the server sent something (kept for {@link #read()}) or closed the
	 *     connection within {@code wait}
	 */
	public boolean answeredOrClosed(java.time.Duration wait) throws IOException {
		int timeout = socket.getSoTimeout();
		socket.setSoTimeout((int) wait.toMillis());
		try {
			int b = in.read();
			if (b != -1) {
				in.unread(b);
			}
			return true;
		} catch (SocketTimeoutException e) {
			return false;
		} catch (IOException reset) {
			return true;
		} finally {
			socket.setSoTimeout(timeout);
		}
	}

	/** @return true when the server closed the connection (EOF) within the socket timeout */
	public boolean closedByPeer() throws IOException {
		try {
			return in.read() == -1;
		} catch (SocketTimeoutException e) {
			return false;
		} catch (IOException reset) {
			return true;
		}
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			if (b == '\n') {
				byte[] bytes = line.toByteArray();
				int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
			}
			line.write(b);
		}
		return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

	public record Response(int status, Map<String, String> headers, String body) {
		public String header(String name) {
			return headers.get(name.toLowerCase());
		}
	}
}
