package io.reactoreager.netty.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain-socket HTTP/1.1 peer for client tests that need a misbehaving server: each accepted
 * connection reads requests (head only) and answers each with the bytes a {@link Script} writes;
 * the script decides whether the connection stays open for the next request. Runs on its own
 * daemon threads (blocking I/O, never an event loop); {@link #close()} closes everything.
 */
public final class ScriptedServer implements Closeable {

	/** Answers one request; the request head (up to the empty line) is in {@code request}. */
	@FunctionalInterface
	public interface Script {
		/**
		 * @param connection the connection's number, from 1 in accept order
		 * @return true to keep the connection for another request, false to close it
		 */
		boolean answer(int connection, String request, OutputStream out) throws IOException;
	}

	private final ServerSocket socket;
	private final Script script;
	private final AtomicInteger accepted = new AtomicInteger();
	private final List<Socket> connections = new CopyOnWriteArrayList<>();
	private final List<String> requests = new CopyOnWriteArrayList<>();

	private ScriptedServer(Script script) throws IOException {
		this.script = script;
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::acceptLoop, "scripted-server-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public static ScriptedServer start(Script script) throws IOException {
		return new ScriptedServer(script);
	}

	/** @return the number of connections accepted so far */
	public int accepted() {
		return accepted.get();
	}

	/** @return every request head read so far, in order */
	public List<String> requests() {
		return requests;
	}

	public String url(String path) {
		return "http://127.0.0.1:" + socket.getLocalPort() + path;
	}

	/** A well-formed keep-alive 200 with a text body. */
	public static boolean ok(OutputStream out, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + bytes.length + "\r\n\r\n");
		out.write(bytes);
		out.flush();
		return true;
	}

	public static void write(OutputStream out, String raw) throws IOException {
		out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	private void acceptLoop() {
		while (!socket.isClosed()) {
			try {
				Socket connection = socket.accept();
				int number = accepted.incrementAndGet();
				connections.add(connection);
				Thread t = new Thread(() -> serve(number, connection), "scripted-server-" + number);
				t.setDaemon(true);
				t.start();
			} catch (IOException closed) {
				return;
			}
		}
	}

	private void serve(int number, Socket connection) {
		try (connection) {
			InputStream in = connection.getInputStream();
			OutputStream out = connection.getOutputStream();
			String request;
			while ((request = readHead(in)) != null) {
				requests.add(request);
				if (!script.answer(number, request, out)) {
					return;
				}
			}
		} catch (IOException gone) {
			// the client closed the connection: nothing to answer
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			head.write(b);
			byte[] h = head.toByteArray();
			int n = h.length;
			if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
				return head.toString(StandardCharsets.ISO_8859_1);
			}
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		socket.close();
		for (Socket connection : connections) {
			connection.close();
		}
	}
}
