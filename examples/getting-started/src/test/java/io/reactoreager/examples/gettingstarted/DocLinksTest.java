package io.reactoreager.examples.gettingstarted;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.reactoreager.examples.gettingstarted.testing.Markdown;
import io.reactoreager.examples.gettingstarted.testing.Repository;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the user's documentation (docs/, the READMEs, CONTRIBUTING.md,
 * CHANGELOG.md) points at a file or directory that exists, and every {@code #anchor} at a heading
 * of the Markdown file it names.
 */
class DocLinksTest {

	@Test
	void everyRelativeLinkAndAnchorInTheDocsResolves() throws IOException {
		Path root = Repository.root();
		List<Path> docs = documents(root);
		List<String> broken = new ArrayList<>();
		for (Path doc : docs) {
			broken.addAll(brokenLinks(root, doc));
		}

		assertThat(docs).contains(root.resolve("README.md"), root.resolve("docs/getting-started.md"));
		assertThat(broken).as("broken links").isEmpty();
	}

	@Test
	void aMissingFileAndAMissingAnchorAreReported() throws IOException {
		Path root = Repository.root();
		Path doc = Files.createTempFile(root.resolve("docs"), "links-", ".md");
		try {
			Files.writeString(doc, "# Title\n\n[ok](getting-started.md#1-add-the-dependency) [self](#title) "
					+ "`[code](nowhere.md)`\n[gone](nowhere.md) [bad anchor](getting-started.md#nowhere) [web](https://example.org/x)\n");

			assertThat(brokenLinks(root, doc)).hasSize(2)
					.anySatisfy(b -> assertThat(b).endsWith("nowhere.md"))
					.anySatisfy(b -> assertThat(b).endsWith("getting-started.md#nowhere"));
		}
		finally {
			Files.delete(doc);
		}
	}

	static List<Path> documents(Path root) throws IOException {
		List<Path> out = new ArrayList<>();
		for (String name : List.of("README.md", "CONTRIBUTING.md", "CHANGELOG.md")) {
			if (Files.isRegularFile(root.resolve(name))) {
				out.add(root.resolve(name));
			}
		}
		try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
			files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
		}
		try (Stream<Path> files = Files.walk(root.resolve("examples"))) {
			files.filter(p -> p.getFileName().toString().equals("README.md"))
					.filter(p -> !root.relativize(p).toString().contains("target"))
					.sorted()
					.forEach(out::add);
		}
		return out;
	}

	static List<String> brokenLinks(Path root, Path doc) {
		String text = Repository.read(doc);
		List<String> broken = new ArrayList<>();
		for (Map.Entry<Integer, String> link : Markdown.links(text)) {
			String target = link.getValue();
			if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
				continue;                                           // http:, https:, mailto:
			}
			int hash = target.indexOf('#');
			String file = hash < 0 ? target : target.substring(0, hash);
			String anchor = hash < 0 ? null : target.substring(hash + 1);
			Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
			String where = root.relativize(doc) + ":" + link.getKey() + ": " + target;
			if (!resolved.startsWith(root) || !Files.exists(resolved)) {
				broken.add(where);
			}
			else if (anchor != null && resolved.toString().endsWith(".md")
					&& !Markdown.anchors(Repository.read(resolved)).contains(anchor)) {
				broken.add(where);
			}
		}
		return broken;
	}
}
