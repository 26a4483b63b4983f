package nl.protocolbot.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two kinds of question list of a corpus: example questions per article ({@code examples/*.txt}, lines
 * {@code <article-id>: <question>}) and questions the protocols do not cover ({@code out-of-scope.txt}, one per
 * line). In both, {@code #} starts a comment line and blank lines are skipped. Every problem is reported with file
 * and line: a line without an article ID, an unknown ID, an empty question, a question listed twice.
 */
final class ExampleFiles {
    /** Longest question accepted, in characters: an example is a question, not a text. */
    static final int MAX_QUESTION = 300;
    private static final Pattern EXAMPLE_LINE = Pattern.compile("([^\\s:]+):(.*)");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private ExampleFiles() {
    }

    /** The example questions of one file; problems go to {@code problems}. */
    static List<Example> examples(Corpus.TextFile file, Set<String> articleIds, Map<String, String> seen,
                                  List<Problem> problems) {
        List<Example> out = new ArrayList<>();
        Set<String> protocols = CorpusLoader.protocolsOf(articleIds);
        String[] lines = file.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = EXAMPLE_LINE.matcher(line);
            if (m.matches() && CorpusLoader.ofAbsentProtocol(m.group(1), protocols)) {
                continue;
            }
            String where = file.name() + ":" + (i + 1);
            if (!m.matches()) {
                problems.add(new Problem(file.name(), i + 1, "regel is geen '<artikel-id>: <vraag>'"));
                continue;
            }
            String id = m.group(1);
            String question = m.group(2).strip();
            String problem = !articleIds.contains(id) ? "onbekend artikel '" + id + "'" : problem(question);
            if (problem == null) {
                problem = duplicate(seen, id + "\n" + key(question), where);
            }
            if (problem != null) {
                problems.add(new Problem(file.name(), i + 1, problem));
            } else {
                out.add(new Example(id, question, where));
            }
        }
        return out;
    }

    /** The questions of the out-of-scope file; problems go to {@code problems}. */
    static List<String> outOfScope(Corpus.TextFile file, List<Problem> problems) {
        List<String> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        String[] lines = file.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String question = lines[i].strip();
            if (question.isEmpty() || question.startsWith("#")) {
                continue;
            }
            String problem = problem(question);
            if (problem == null) {
                problem = duplicate(seen, key(question), file.name() + ":" + (i + 1));
            }
            if (problem != null) {
                problems.add(new Problem(file.name(), i + 1, problem));
            } else {
                out.add(question);
            }
        }
        return out;
    }

    /** What is wrong with a question on its own, or null. */
    static String problem(String question) {
        if (question.isEmpty()) {
            return "lege vraag";
        }
        if (question.length() > MAX_QUESTION) {
            return "vraag is langer dan " + MAX_QUESTION + " tekens";
        }
        return null;
    }

    /** Registers a question under its key; when the key was seen before, says where. */
    private static String duplicate(Map<String, String> seen, String key, String where) {
        String first = seen.putIfAbsent(key, where);
        return first == null ? null : "dubbele vraag (ook in " + first + ")";
    }

    /** Two questions are the same when they differ only in case and spacing. */
    static String key(String question) {
        return SPACE.matcher(question.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
    }
}
