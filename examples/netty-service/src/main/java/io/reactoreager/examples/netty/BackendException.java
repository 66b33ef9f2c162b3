package io.reactoreager.examples.netty;

/** A backend call that failed: no connection, a timeout, a non-2xx status, an unreadable body. */
public final class BackendException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	BackendException(String call, String problem) {
		super(call + ": " + problem);
	}

	BackendException(String call, Throwable cause) {
		super(call + ": " + describe(cause), cause);
	}

	private static String describe(Throwable e) {
		String m = e.getMessage();
		return m == null || m.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + m;
	}
}
