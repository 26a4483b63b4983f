package nl.protocolbot.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.front.matter.YamlFrontMatterBlock;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Parses one protocol file. Format:
 * <pre>
 * ---
 * protocol: aurora
 * organisation: Aurora OnderwijsGroep
 * title: Social Media Protocol
 * version: "1.0"          (optional)
 * adopted: 2021-11-22     (optional)
 * source: ...             (optional)
 * ---
 * ## Section heading
 * ### [3.5] Short title
 * Verbatim article text (paragraphs and lists) up to the next heading.
 * </pre>
 * The title may be missing ({@code ### [3.5]}), as in a protocol just imported: the article is then shown under its
 * section's heading, or as "Artikel 3.5".
 * A heading that starts with {@code [ref]} starts an article; any other heading is a section.
 */
final class ProtocolParser {
    static final Set<String> KNOWN_KEYS = Set.of("protocol", "organisation", "title", "version", "adopted", "source");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern REF = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern ARTICLE_HEADING = Pattern.compile("^\\[([^\\]]*)]\\s*(.*)$", Pattern.DOTALL);
    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(YamlFrontMatterExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

    private final String file;
    private final String content;
    private final List<Problem> problems;

    ProtocolParser(String file, String content, List<Problem> problems) {
        this.file = file;
        this.content = content;
        this.problems = problems;
    }

    Optional<Protocol> parse() {
        int before = problems.size();
        Node doc = PARSER.parse(content);
        Map<String, String> meta = metadata(doc);
        if (meta == null) {
            return Optional.empty();
        }
        String slug = meta.getOrDefault("protocol", "");
        List<Article> articles = new ArrayList<>();
        List<Heading> sections = new ArrayList<>();
        ArticleBuilder current = null;
        for (Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof YamlFrontMatterBlock) {
                continue;
            }
            if (n instanceof Heading h) {
                finish(current, articles);
                current = null;
                String text = TEXT.render(h).strip();
                Matcher m = ARTICLE_HEADING.matcher(text);
                if (m.matches()) {
                    current = startArticle(slug, m.group(1).strip(), m.group(2).strip(), sections, h);
                } else {
                    sections.removeIf(s -> s.getLevel() >= h.getLevel());
                    sections.add(h);
                }
                continue;
            }
            if (current == null) {
                problems.add(new Problem(file, line(n),
                        "tekst buiten een artikel; begin een artikel met een kop als '### [ref] Titel'"));
                continue;
            }
            String block = TEXT.render(n).strip();
            if (!block.isEmpty()) {
                current.text.add(block);
            }
        }
        finish(current, articles);
        if (articles.isEmpty() && problems.size() == before) {
            problems.add(new Problem(file, 0, "bevat geen artikelen"));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Protocol(slug, meta.get("organisation"), meta.get("title"),
                meta.get("version"), meta.get("adopted"), meta.get("source"), articles));
    }

    /** Returns the validated front matter, or null (with problems recorded) when it is unusable. */
    private Map<String, String> metadata(Node doc) {
        if (!(doc.getFirstChild() instanceof YamlFrontMatterBlock)) {
            problems.add(new Problem(file, 1, "metadata ontbreekt: begin het bestand met '---', "
                    + "de regels protocol:, organisation: en title:, en weer '---'"));
            return null;
        }
        YamlFrontMatterVisitor visitor = new YamlFrontMatterVisitor();
        doc.accept(visitor);
        Map<String, String> meta = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, List<String>> e : visitor.getData().entrySet()) {
            String key = e.getKey();
            if (!KNOWN_KEYS.contains(key)) {
                problems.add(new Problem(file, keyLine(key), "onbekende metadata '" + key + "'; toegestaan: "
                        + String.join(", ", List.of("protocol", "organisation", "title", "version", "adopted", "source"))));
                ok = false;
                continue;
            }
            String value = String.join(" ", e.getValue()).strip();
            if (value.isEmpty()) {
                problems.add(new Problem(file, keyLine(key), "metadata '" + key + "' is leeg"));
                ok = false;
                continue;
            }
            meta.put(key, value);
        }
        for (String key : List.of("protocol", "organisation", "title")) {
            if (!meta.containsKey(key) && !visitor.getData().containsKey(key)) {
                problems.add(new Problem(file, 1, "metadata '" + key + "' ontbreekt"));
                ok = false;
            }
        }
        String slug = meta.get("protocol");
        if (slug != null && !SLUG.matcher(slug).matches()) {
            problems.add(new Problem(file, keyLine("protocol"),
                    "protocol '" + slug + "' is geen geldige naam (kleine letters, cijfers en '-')"));
            ok = false;
        }
        return ok ? meta : null;
    }

    private ArticleBuilder startArticle(String slug, String ref, String title, List<Heading> sections, Heading h) {
        int line = line(h);
        if (!REF.matcher(ref).matches()) {
            problems.add(new Problem(file, line, "artikelnummer '[" + ref
                    + "]' is ongeldig (kleine letters, cijfers, '.', '-' en '_')"));
        }
        List<String> path = new ArrayList<>();
        for (Heading s : sections) {
            if (s.getLevel() < h.getLevel()) {
                path.add(TEXT.render(s).strip());
            }
        }
        // An imported article may have no title yet: it is shown under its section's heading, or as "Artikel <ref>"
        String shown = title;
        if (shown.isEmpty()) {
            shown = path.isEmpty() ? "" : path.get(path.size() - 1).replaceFirst("^\\d+(\\.\\d+)*\\.?\\s+", "")
                    .replaceFirst("\\s*:$", "").strip();
            shown = shown.isEmpty() ? "Artikel " + ref : shown;
        }
        return new ArticleBuilder(slug + "/" + ref, slug, shown, String.join(" › ", path), line);
    }

    private void finish(ArticleBuilder b, List<Article> articles) {
        if (b == null) {
            return;
        }
        if (b.text.isEmpty()) {
            problems.add(new Problem(file, b.line, "artikel " + b.id + " is leeg"));
            return;
        }
        articles.add(new Article(b.id, b.protocol, b.title, b.section, String.join("\n", b.text), file + ":" + b.line));
    }

    private static int line(Node n) {
        List<SourceSpan> spans = n.getSourceSpans();
        return spans.isEmpty() ? 0 : spans.get(0).getLineIndex() + 1;
    }

    private int keyLine(String key) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key + ":")) {
                return i + 1;
            }
        }
        return 1;
    }

    private static final class ArticleBuilder {
        final String id;
        final String protocol;
        final String title;
        final String section;
        final int line;
        final List<String> text = new ArrayList<>();

        ArticleBuilder(String id, String protocol, String title, String section, int line) {
            this.id = id;
            this.protocol = protocol;
            this.title = title;
            this.section = section;
            this.line = line;
        }
    }
}
