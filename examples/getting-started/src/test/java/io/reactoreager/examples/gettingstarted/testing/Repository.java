package io.reactoreager.examples.gettingstarted.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's files, for tests that check the docs against the code. */
public final class Repository {

	private Repository() {
	}

	/** @return the repository root: the nearest directory above the working directory holding mvnw and docs/ */
	public static Path root() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs"))) {
				return dir;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("no repository root (mvnw and docs/) above " + Path.of("").toAbsolutePath());
	}

	/** @return the file's text, UTF-8 */
	public static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
