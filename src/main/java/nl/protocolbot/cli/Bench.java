package nl.protocolbot.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.Corpus;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.corpus.Protocol;
import nl.protocolbot.search.SearchEngine;
import nl.protocolbot.search.Tuning;

/** The measurements behind {@code protocolbot bench}; each returns figures for the report table. */
final class Bench {
    /** One line of the report: what, the measured value, the target. */
    record Row(String figure, String value, String target, Boolean met) {
    }

    private final PrintWriter progress;
    private final List<String> questions;
    final List<Row> rows = new ArrayList<>();

    Bench(PrintWriter progress) throws IOException {
        this.progress = progress;
        this.questions = questions();
    }

    static List<String> questions() throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = Bench.class.getResourceAsStream("bench-questions.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
        }
        return out;
    }

    void row(String figure, String value, String target, Boolean met) {
        rows.add(new Row(figure, value, target, met));
        progress.println("  " + figure + ": " + value);
        progress.flush();
    }

    /** Latencies of answering every question {@code rounds} times on {@code threads} threads, in nanoseconds. */
    record Run(long[] nanos, double seconds) {
        double p(double q) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)] / 1e6;
        }

        double perSecond() {
            return nanos.length / seconds;
        }

        double meanMs() {
            return Arrays.stream(nanos).average().orElse(0) / 1e6;
        }
    }

    interface Ask {
        void ask(String question);
    }

    Run run(Ask ask, int rounds, int threads) throws InterruptedException {
        long[][] per = new long[threads][];
        Thread[] ts = new Thread[threads];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            ts[t] = new Thread(() -> {
                long[] n = new long[rounds * questions.size()];
                int k = 0;
                for (int r = 0; r < rounds; r++) {
                    for (String q : questions) {
                        long s = System.nanoTime();
                        ask.ask(q);
                        n[k++] = System.nanoTime() - s;
                    }
                }
                per[id] = n;
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(per).flatMapToLong(Arrays::stream).toArray();
        return new Run(all, seconds);
    }

    /** Answer latency and throughput on the real corpus, and the same for a bare BM25 search. */
    void latency(int rounds) throws Exception {
        Corpus corpus = CorpusLoader.bundled();
        Answerer answerer = new Answerer(SearchEngine.build(corpus));
        Ask ours = q -> answerer.ask(q, SearchEngine.DEFAULT_LIMIT, Optional.empty());
        // Warm-up as long as the measurement: a server answers for days, and on two cores the JIT compiler still
        // competes with the answers for a while after start-up.
        run(ours, Math.max(5, rounds), 1);
        Run one = run(ours, rounds, 1);
        Run two = run(ours, rounds, 2);
        row("answer latency p50 / p95 / p99, 1 thread", String.format(Locale.ROOT, "%.3f / %.3f / %.3f ms",
                one.p(0.5), one.p(0.95), one.p(0.99)), "p99 ≤ 2 ms", one.p(0.99) <= 2.0);
        row("throughput, 1 thread", String.format(Locale.ROOT, "%.0f questions/s", one.perSecond()), "", null);
        row("answer latency p50 / p95 / p99, 2 threads", String.format(Locale.ROOT, "%.3f / %.3f / %.3f ms",
                two.p(0.5), two.p(0.95), two.p(0.99)), "", null);
        row("throughput, 2 threads", String.format(Locale.ROOT, "%.0f questions/s", two.perSecond()), "", null);

        // as a board runs it (PROTOCOLBOT_ORG): each question within one protocol, the protocols taken in turn by
        // question (a question no protocol of its board covers also asks the others, for "Jouw protocol zegt…")
        List<String> slugs = corpus.protocols().stream().map(p -> p.slug()).toList();
        Ask board = q -> answerer.ask(q, SearchEngine.DEFAULT_LIMIT,
                Optional.of(slugs.get(Math.floorMod(q.hashCode(), slugs.size()))));
        run(board, Math.max(5, rounds), 1);
        Run scoped = run(board, rounds, 1);
        row("answer latency p50 / p95 / p99 within one protocol (`PROTOCOLBOT_ORG`), 1 thread",
                String.format(Locale.ROOT, "%.3f / %.3f / %.3f ms", scoped.p(0.5), scoped.p(0.95), scoped.p(0.99)),
                "p99 ≤ 2 ms", scoped.p(0.99) <= 2.0);

        SearchEngine bare = SearchEngine.build(corpus, Tuning.BASELINE);
        Ask plain = q -> bare.search(q, SearchEngine.DEFAULT_LIMIT, Optional.empty());
        run(plain, Math.max(5, rounds), 1);
        Run b = run(plain, rounds, 1);
        row("bare BM25 (DutchAnalyzer, no synonyms, decompounding or highlighting) p50 / p99",
                String.format(Locale.ROOT, "%.3f / %.3f ms", b.p(0.5), b.p(0.99)), "", null);
        double ratio = one.meanMs() / b.meanMs();
        row("cost of a full answer / bare BM25 (mean time)", String.format(Locale.ROOT, "%.1f×", ratio), "≤ 3×",
                ratio <= 3.0);
    }

    /** Index build time on the real corpus: the first build in this JVM, and warm. */
    void build() throws Exception {
        long s = System.nanoTime();
        Corpus corpus = CorpusLoader.bundled();
        SearchEngine.build(corpus);
        double first = (System.nanoTime() - s) / 1e6;
        long[] warm = new long[5];
        for (int i = 0; i < warm.length; i++) {
            long t = System.nanoTime();
            SearchEngine.build(CorpusLoader.bundled());
            warm[i] = System.nanoTime() - t;
        }
        Arrays.sort(warm);
        row("index build, real corpus (" + corpus.size() + " articles): first in JVM / warm median",
                String.format(Locale.ROOT, "%.0f / %.0f ms", first, warm[2] / 1e6), "", null);
    }

    /**
     * Importing a 20-page PDF: {@code protocolbot import} as a new process (JVM start, reading, structuring, checking
     * and writing), median of three. The PDF is laid out here from the bundled protocols' text.
     */
    void importPdf() throws Exception {
        Path dir = Files.createTempDirectory("protocolbot-bench-import");
        try {
            Path pdf = dir.resolve("protocol.pdf");
            int pages = writePdf(CorpusLoader.bundled(), 20, pdf);
            long[] t = new long[3];
            for (int i = 0; i < t.length; i++) {
                long s = System.nanoTime();
                Process p = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                        "nl.protocolbot.cli.Main", "import", pdf.toString(), "--org", "bench", "--organisation",
                        "Bench", "--corpus", dir.resolve("corpus-" + i).toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                p.waitFor(120, TimeUnit.SECONDS);
                t[i] = System.nanoTime() - s;
                if (p.exitValue() != 0) {
                    row("import of a " + pages + "-page PDF", "failed (exit " + p.exitValue() + ")", "< 5000 ms", false);
                    return;
                }
            }
            Arrays.sort(t);
            double ms = t[1] / 1e6;
            row("import of a " + pages + "-page PDF (`import`, new process, into a new corpus folder)",
                    String.format(Locale.ROOT, "%.0f ms", ms), "< 5000 ms", ms < 5000);
        } finally {
            try (var all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Lays the corpus's articles out as a PDF of {@code pages} pages (Helvetica, A4); returns the page count. */
    static int writePdf(Corpus corpus, int pages, Path file) throws IOException {
        var font = new org.apache.pdfbox.pdmodel.font.PDType1Font(
                org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
        var bold = new org.apache.pdfbox.pdmodel.font.PDType1Font(
                org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA_BOLD);
        float margin = 60;
        float width = org.apache.pdfbox.pdmodel.common.PDRectangle.A4.getWidth() - 2 * margin;
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            org.apache.pdfbox.pdmodel.PDPageContentStream cs = null;
            float y = 0;
            String section = null;
            outer:
            for (int round = 0; ; round++) {
                for (var a : corpus.articles()) {
                    List<String[]> lines = new ArrayList<>();
                    if (!a.section().equals(section)) {
                        section = a.section();
                        lines.add(new String[] {"h", printable(section.isEmpty() ? a.protocol() : section)});
                    }
                    StringBuilder line = new StringBuilder();
                    for (String word : printable(a.text()).split("\\s+")) {
                        String next = line.length() == 0 ? word : line + " " + word;
                        if (font.getStringWidth(next) / 1000 * 11 > width && line.length() > 0) {
                            lines.add(new String[] {"", line.toString()});
                            line = new StringBuilder(word);
                        } else {
                            line = new StringBuilder(next);
                        }
                    }
                    lines.add(new String[] {"", line.toString()});
                    for (int i = 0; i < lines.size(); i++) {
                        String[] l = lines.get(i);
                        float step = 14 + (i == 0 ? 8 : 0);
                        if (cs == null || y - step < margin) {
                            if (cs != null) {
                                cs.close();
                            }
                            if (doc.getNumberOfPages() == pages) {
                                cs = null;
                                break outer;
                            }
                            var page = new org.apache.pdfbox.pdmodel.PDPage(
                                    org.apache.pdfbox.pdmodel.common.PDRectangle.A4);
                            doc.addPage(page);
                            cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page);
                            y = page.getMediaBox().getHeight() - margin;
                        }
                        y -= step;
                        cs.beginText();
                        cs.setFont(l[0].isEmpty() ? font : bold, l[0].isEmpty() ? 11 : 13);
                        cs.newLineAtOffset(margin, y);
                        cs.showText(l[1]);
                        cs.endText();
                    }
                }
                if (round > 10) {
                    break;
                }
            }
            if (cs != null) {
                cs.close();
            }
            doc.save(file.toFile());
            return doc.getNumberOfPages();
        }
    }

    /** The standard PDF fonts encode Latin-1 and a few more characters; the bench text leaves the others out. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if ((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c < 0x100) || "’‘“”–—…€".indexOf(c) >= 0) {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString().strip();
    }

    /** JVM start to first answer: {@code protocolbot ask} as a new process, median of three. */
    void coldStart() throws Exception {
        long[] t = new long[3];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            Process p = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                    "nl.protocolbot.cli.Main", "ask", "mag ik een klassenfoto op Instagram zetten?")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(60, TimeUnit.SECONDS);
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        double ms = t[1] / 1e6;
        row("cold start: JVM start to first answer (`ask`, new process)", String.format(Locale.ROOT, "%.0f ms", ms),
                "≤ 1500 ms", ms <= 1500);
    }

    /** A synthetic corpus of {@code factor} × the real one, built and searched in a new JVM with a 1 GB heap. */
    void scale(int factor, int rounds) throws Exception {
        Process p = new ProcessBuilder(java(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "nl.protocolbot.cli.Main", "bench", "--scale-only", Integer.toString(factor),
                "--rounds", Integer.toString(rounds))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.MINUTES);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("{}");
        JsonObject o;
        try {
            o = JsonParser.parseString(last).getAsJsonObject();
        } catch (RuntimeException e) {
            row(factor + "× corpus", "failed (exit " + p.exitValue() + ")", "", false);
            return;
        }
        double build = o.get("buildSeconds").getAsDouble();
        double p99 = o.get("p99").getAsDouble();
        String articles = String.format(Locale.ROOT, "%,d", o.get("articles").getAsInt());
        row(factor + "× corpus (" + articles + " articles): build time, heap after build",
                String.format(Locale.ROOT, "%.1f s, %d MB (-Xmx1g)", build, o.get("heapMb").getAsLong()),
                factor >= 1000 ? "< 60 s within 1 GB" : "", factor >= 1000 ? build < 60 : null);
        row(factor + "× corpus: answer latency p50 / p99", String.format(Locale.ROOT, "%.2f / %.2f ms",
                o.get("p50").getAsDouble(), p99), factor >= 1000 ? "p99 ≤ 20 ms" : "",
                factor >= 1000 ? p99 <= 20 : null);
        row(factor + "× corpus, answering from one protocol (`PROTOCOLBOT_ORG`): p99",
                String.format(Locale.ROOT, "%.2f ms", o.get("p99OneProtocol").getAsDouble()), "", null);
    }

    /** Runs in the child JVM: writes the synthetic corpus, builds it, measures; prints one JSON line. */
    static JsonObject scaleOnly(int factor, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("protocolbot-scale");
        try {
            writeSynthetic(CorpusLoader.bundled(), factor, dir);
            System.gc();
            long s = System.nanoTime();
            Corpus corpus = CorpusLoader.load(dir);
            Answerer answerer = new Answerer(SearchEngine.build(corpus));
            double seconds = (System.nanoTime() - s) / 1e9;
            System.gc();
            System.gc();
            long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
            Bench b = new Bench(new PrintWriter(java.io.Writer.nullWriter()));
            Ask ask = q -> answerer.ask(q, SearchEngine.DEFAULT_LIMIT, Optional.empty());
            b.run(ask, 2, 1);
            Run r = b.run(ask, rounds, 1);
            Protocol one = corpus.protocols().get(0);
            Ask scoped = q -> answerer.ask(q, SearchEngine.DEFAULT_LIMIT, Optional.of(one.slug()));
            b.run(scoped, 2, 1);
            Run rs = b.run(scoped, rounds, 1);
            JsonObject o = new JsonObject();
            o.addProperty("p99OneProtocol", rs.p(0.99));
            o.addProperty("articles", corpus.size());
            o.addProperty("buildSeconds", seconds);
            o.addProperty("heapMb", heap);
            o.addProperty("p50", r.p(0.5));
            o.addProperty("p99", r.p(0.99));
            return o;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** Every protocol copied {@code factor} times under new slugs, its articles shuffled (seeded). */
    static void writeSynthetic(Corpus corpus, int factor, Path dir) throws IOException {
        Random random = new Random(20261121L);
        for (String extra : List.of(CorpusLoader.SYNONYMS_FILE, CorpusLoader.TOPICS_FILE)) {
            Optional<Corpus.TextFile> f = extra.equals(CorpusLoader.SYNONYMS_FILE) ? corpus.synonyms() : corpus.topics();
            if (f.isPresent()) {
                Files.writeString(dir.resolve(extra), f.get().content(), StandardCharsets.UTF_8);
            }
        }
        for (int i = 1; i <= factor; i++) {
            for (Protocol p : corpus.protocols()) {
                String slug = p.slug() + "-" + i;
                StringBuilder sb = new StringBuilder();
                sb.append("---\nprotocol: ").append(slug).append("\norganisation: \"").append(p.organisation())
                        .append(" ").append(i).append("\"\ntitle: \"").append(p.title()).append("\"\n---\n\n");
                List<Article> articles = new ArrayList<>(p.articles());
                Collections.shuffle(articles, random);
                for (Article a : articles) {
                    sb.append("## ").append(markdown(a.section().isEmpty() ? "Algemeen" : a.section())).append("\n\n");
                    sb.append("### [").append(a.ref()).append("] ").append(markdown(a.title())).append("\n\n");
                    sb.append(markdown(a.text())).append("\n\n");
                }
                Files.writeString(dir.resolve(slug + ".md"), sb.toString(), StandardCharsets.UTF_8);
            }
        }
    }

    private static String markdown(String text) {
        return text.replace("\\", "\\\\").replace("<", "\\<").replace("*", "\\*").replace("#", "\\#")
                .replace("[", "\\[");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
