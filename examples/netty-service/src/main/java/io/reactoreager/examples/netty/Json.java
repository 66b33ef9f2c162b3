package io.reactoreager.examples.netty;

/** The little JSON the example writes by hand. */
final class Json {

	private Json() {
	}

	/** Escapes a string for use between JSON double quotes. */
	static String escape(String s) {
		StringBuilder b = new StringBuilder(s.length() + 8);
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> b.append("\\\"");
				case '\\' -> b.append("\\\\");
				case '\n' -> b.append("\\n");
				case '\r' -> b.append("\\r");
				case '\t' -> b.append("\\t");
				default -> {
					if (c < 0x20) {
						b.append(String.format("\\u%04x", (int) c));
					}
					else {
						b.append(c);
					}
				}
			}
		}
		return b.toString();
	}

	/** {@code {"error":"..."}}. */
	static String error(String message) {
		return "{\"error\":\"" + escape(message) + "\"}";
	}
}
