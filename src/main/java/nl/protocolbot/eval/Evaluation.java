package nl.protocolbot.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.Protocol;

/**
 * Measures answer quality on questions with expected phrases (the format of {@code shared/eval/dev.jsonl}):
 * Hit@1, Hit@3, MRR@5 over the on-topic questions, and the share of off-topic questions answered with no article.
 */
public final class Evaluation {
    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    static final int DEPTH = 5;

    /** One question and the phrases of which at least one must be in a right article; none for off-topic. */
    public record Case(String question, List<String> expect, int line) {
        public boolean offTopic() {
            return expect.isEmpty();
        }
    }

    /** A question the bot got wrong: what it answered instead. */
    public record Miss(Case testCase, List<String> answeredIds) {
    }

    /** The figures of one run. */
    public record Report(int onTopic, int offTopic, double hit1, double hit3, double mrr5, int rejected,
                         double millisPerQuestion, List<Miss> misses) {
        public double rejection() {
            return offTopic == 0 ? 1 : (double) rejected / offTopic;
        }
    }

    private Evaluation() {
    }

    /** Reads a JSON Lines file of cases; a bad line is an error naming file and line. */
    public static List<Case> read(Path file) throws IOException {
        List<Case> cases = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                String q = o.get("q").getAsString();
                List<String> expect = new ArrayList<>();
                JsonArray arr = o.getAsJsonArray("expect");
                for (JsonElement e : arr) {
                    expect.add(e.getAsString());
                }
                cases.add(new Case(q, expect, i + 1));
            } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException e) {
                throw new IOException(file + ":" + (i + 1) + ": geen geldige regel {\"q\": ..., \"expect\": [...]}");
            }
        }
        return cases;
    }

    public static Report run(Answerer answerer, List<Case> cases, Optional<String> protocol) {
        int onTopic = 0;
        int offTopic = 0;
        int hit1 = 0;
        int hit3 = 0;
        double rr = 0;
        int rejected = 0;
        List<Miss> misses = new ArrayList<>();
        long start = System.nanoTime();
        for (Case c : cases) {
            Answer answer = answerer.ask(c.question(), DEPTH, protocol);
            List<String> ids = answer.items().stream().map(Answer.Item::id).toList();
            if (c.offTopic()) {
                offTopic++;
                if (answer.items().isEmpty()) {
                    rejected++;
                } else {
                    misses.add(new Miss(c, ids));
                }
                continue;
            }
            onTopic++;
            int rank = 0;
            for (int i = 0; i < answer.items().size() && i < DEPTH; i++) {
                if (matches(answer.items().get(i).text(), c.expect())) {
                    rank = i + 1;
                    break;
                }
            }
            if (rank == 1) {
                hit1++;
            }
            if (rank >= 1 && rank <= 3) {
                hit3++;
            } else {
                misses.add(new Miss(c, ids));
            }
            if (rank > 0) {
                rr += 1.0 / rank;
            }
        }
        double ms = cases.isEmpty() ? 0 : (System.nanoTime() - start) / 1e6 / cases.size();
        return new Report(onTopic, offTopic, ratio(hit1, onTopic), ratio(hit3, onTopic),
                onTopic == 0 ? 0 : rr / onTopic, rejected, ms, misses);
    }

    /**
     * The cases that count for one protocol, as a board that runs it alone sees them: the on-topic questions one of
     * whose expected phrases is in one of its articles, with only those phrases, and every off-topic question.
     */
    public static List<Case> forProtocol(List<Case> cases, Protocol protocol) {
        List<String> texts = protocol.articles().stream().map(a -> normalise(a.text())).toList();
        List<Case> out = new ArrayList<>();
        for (Case c : cases) {
            List<String> own = c.expect().stream().filter(e -> {
                String n = normalise(e);
                return !n.isEmpty() && texts.stream().anyMatch(t -> t.contains(n));
            }).toList();
            if (c.offTopic() || !own.isEmpty()) {
                out.add(new Case(c.question(), own, c.line()));
            }
        }
        return out;
    }

    /** One protocol's figures in a per-protocol run. */
    public record ProtocolReport(String protocol, Report report) {
    }

    /**
     * The figures per protocol, their means and the weakest protocol (by Hit@3). A protocol that no on-topic question
     * of the set counts for is left out of the means and the weakest (it was not measured), not counted as 0.
     */
    public record Summary(List<ProtocolReport> protocols) {
        private java.util.stream.DoubleStream measured(java.util.function.ToDoubleFunction<Report> figure) {
            return protocols.stream().map(ProtocolReport::report).filter(r -> r.onTopic() > 0).mapToDouble(figure);
        }

        public double meanHit1() {
            return measured(Report::hit1).average().orElse(0);
        }

        public double meanHit3() {
            return measured(Report::hit3).average().orElse(0);
        }

        public double meanMrr5() {
            return measured(Report::mrr5).average().orElse(0);
        }

        /** The measured protocol with the lowest Hit@3, if any was measured. */
        public Optional<ProtocolReport> weakest() {
            return protocols.stream().filter(p -> p.report().onTopic() > 0)
                    .min(java.util.Comparator.comparingDouble(p -> p.report().hit3()));
        }

        /** The lowest share of off-topic questions refused by any protocol. */
        public double minRejection() {
            return protocols.stream().mapToDouble(p -> p.report().rejection()).min().orElse(1);
        }
    }

    static boolean matches(String text, List<String> expect) {
        String t = normalise(text);
        for (String e : expect) {
            String n = normalise(e);
            if (!n.isEmpty() && t.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** NFKD without accents, lower case, every run outside [a-z0-9] one space, trimmed. */
    static String normalise(String s) {
        String n = ACCENTS.matcher(Normalizer.normalize(s, Normalizer.Form.NFKD)).replaceAll("");
        return NON_ALNUM.matcher(n.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
