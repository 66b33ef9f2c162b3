package io.reactoreager.examples.gettingstarted.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few pieces of Markdown the doc tests read: prose lines, headings' anchors, links, fenced blocks. */
public final class Markdown {

	private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
	private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
	private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
	private static final Pattern REFERENCE = Pattern.compile("^\\s*\\[[^\\]]+\\]:\\s*(\\S+)");

	private Markdown() {
	}

	/** A fenced code block: the line before its opening fence and its content. */
	public record Block(int line, String before, String content) {
	}

	/** @return the link targets outside code (fenced blocks and inline code), with their line numbers */
	public static List<Map.Entry<Integer, String>> links(String markdown) {
		List<Map.Entry<Integer, String>> out = new ArrayList<>();
		String[] lines = markdown.split("\n", -1);
		boolean inFence = false;
		for (int i = 0; i < lines.length; i++) {
			if (FENCE.matcher(lines[i]).find()) {
				inFence = !inFence;
				continue;
			}
			if (inFence) {
				continue;
			}
			String prose = INLINE_CODE.matcher(lines[i]).replaceAll("");
			Matcher m = LINK.matcher(prose);
			while (m.find()) {
				out.add(Map.entry(i + 1, m.group(1)));
			}
			Matcher r = REFERENCE.matcher(prose);
			if (r.find()) {
				out.add(Map.entry(i + 1, r.group(1)));
			}
		}
		return out;
	}

	/** @return the anchors GitHub gives the headings outside code blocks (duplicates numbered -1, -2, ...) */
	public static Set<String> anchors(String markdown) {
		Set<String> out = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		boolean inFence = false;
		for (String line : markdown.split("\n", -1)) {
			if (FENCE.matcher(line).find()) {
				inFence = !inFence;
				continue;
			}
			Matcher m = HEADING.matcher(line);
			if (inFence || !m.matches()) {
				continue;
			}
			String slug = slug(m.group(1));
			int n = seen.merge(slug, 1, Integer::sum) - 1;
			out.add(n == 0 ? slug : slug + "-" + n);
		}
		return out;
	}

	/** GitHub's heading anchor: the rendered text, lower case, punctuation dropped, spaces as '-'. */
	static String slug(String heading) {
		String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
		return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\- _]", "").replace(' ', '-');
	}

	/** @return every fenced code block, with the nearest non-blank line before it */
	public static List<Block> blocks(String markdown) {
		List<Block> out = new ArrayList<>();
		String[] lines = markdown.split("\n", -1);
		String before = "";
		for (int i = 0; i < lines.length; i++) {
			if (FENCE.matcher(lines[i]).find()) {
				StringBuilder content = new StringBuilder();
				int start = i;
				for (i++; i < lines.length && !FENCE.matcher(lines[i]).find(); i++) {
					content.append(lines[i]).append('\n');
				}
				out.add(new Block(start + 1, before, content.toString()));
				before = "";
			}
			else if (!lines[i].isBlank()) {
				before = lines[i].trim();
			}
		}
		return out;
	}
}
