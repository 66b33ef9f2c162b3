package io.reactoreager.examples.gettingstarted;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.reactoreager.examples.gettingstarted.testing.Markdown;
import io.reactoreager.examples.gettingstarted.testing.Repository;
import io.reactoreager.examples.gettingstarted.testing.StdoutCapture;
import org.junit.jupiter.api.Test;

/**
 * docs/getting-started.md shows the example files as they are: a code block after
 * {@code <!-- file: path -->} is that whole file, after {@code <!-- file: path#tag -->} the lines
 * between {@code // tag::tag[]} and {@code // end::tag[]} (indentation removed), and after
 * {@code <!-- output: Class -->} what that example's {@code main} prints. Tabs are shown as 4 spaces.
 */
class DocSnippetsTest {

	private static final Pattern FILE = Pattern.compile("<!-- file: ([^#\\s]+)(?:#(\\S+))? -->");
	private static final Pattern OUTPUT = Pattern.compile("<!-- output: (\\w+) -->");

	@Test
	void gettingStartedQuotesTheExampleFilesAsTheyAre() throws IOException {
		Path root = Repository.root();
		List<Markdown.Block> blocks = Markdown.blocks(Repository.read(root.resolve("docs/getting-started.md")));
		List<String> quoted = new ArrayList<>();
		for (Markdown.Block block : blocks) {
			Matcher m = FILE.matcher(block.before());
			if (!m.matches()) {
				continue;
			}
			String file = Repository.read(root.resolve(m.group(1)));
			String expected = m.group(2) == null ? file : region(file, m.group(2));
			assertThat(block.content()).as("docs/getting-started.md:%d quotes %s", block.line(), block.before())
					.isEqualTo(tabsAsSpaces(expected));
			quoted.add(Path.of(m.group(1)).getFileName().toString());
		}

		assertThat(quoted).as("every example file is quoted").containsAll(exampleFiles(root));
	}

	@Test
	void gettingStartedShowsWhatTheExamplesPrint() throws Exception {
		Path root = Repository.root();
		int outputs = 0;
		for (Markdown.Block block : Markdown.blocks(Repository.read(root.resolve("docs/getting-started.md")))) {
			Matcher m = OUTPUT.matcher(block.before());
			if (!m.matches()) {
				continue;
			}
			Class<?> example = Class.forName(getClass().getPackageName() + "." + m.group(1));
			String printed = StdoutCapture.of(() -> example.getMethod("main", String[].class).invoke(null, (Object) new String[0]));
			assertThat(block.content()).as("docs/getting-started.md:%d, the output of %s", block.line(), m.group(1))
					.isEqualTo(printed);
			outputs++;
		}

		assertThat(outputs).isPositive();
	}

	@Test
	void aRegionIsTheTaggedLinesWithoutTheirIndentation() {
		String file = "class A {\n\tvoid f() {\n\t\t// tag::x[]\n\t\tint a = 1;\n\t\tif (a > 0) {\n\t\t\ta++;\n\t\t}\n\t\t// end::x[]\n\t}\n}\n";

		assertThat(tabsAsSpaces(region(file, "x"))).isEqualTo("int a = 1;\nif (a > 0) {\n    a++;\n}\n");
	}

	static String region(String file, String tag) {
		String begin = "// tag::" + tag + "[]";
		String end = "// end::" + tag + "[]";
		List<String> lines = new ArrayList<>();
		boolean in = false;
		for (String line : file.split("\n", -1)) {
			if (line.trim().equals(end)) {
				in = false;
			}
			if (in) {
				lines.add(line);
			}
			if (line.trim().equals(begin)) {
				in = true;
			}
		}
		assertThat(lines).as("region %s", tag).isNotEmpty();
		int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(DocSnippetsTest::leadingTabs).min().orElse(0);
		StringBuilder out = new StringBuilder();
		for (String line : lines) {
			out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
		}
		return out.toString();
	}

	private static int leadingTabs(String line) {
		int n = 0;
		while (n < line.length() && line.charAt(n) == '\t') {
			n++;
		}
		return n;
	}

	static String tabsAsSpaces(String text) {
		return text.replace("\t", "    ");
	}

	private static List<String> exampleFiles(Path root) throws IOException {
		try (Stream<Path> files = Files.list(root.resolve("examples/getting-started/src/main/java/io/reactoreager/examples/gettingstarted"))) {
			return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java")).sorted().toList();
		}
	}
}
