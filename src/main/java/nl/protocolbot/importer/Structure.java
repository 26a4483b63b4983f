package nl.protocolbot.importer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a document's blocks into articles: every paragraph and list item is a rule a person can quote on its own;
 * headings (styled, or a short line standing alone before longer text) become the section path; a short paragraph
 * ending in a colon before a list heads that list. Numbers the document prints ("Artikel 3", "2.1", a list's "4.")
 * become the articles' IDs; where there is none, the ID is made from the section. Hand-written: the layout of a
 * protocol is this product's own domain; no library knows it.
 */
final class Structure {
    /** A number the text starts with: "Artikel 3 ", "3.1 ", "3.1. ", "4) ". */
    private static final Pattern NUMBER = Pattern.compile("(?i)^(?:(?:artikel|art\\.|article)\\s+(\\d{1,3}(?:\\.\\d{1,3})*)"
            + "[.):]?|(\\d{1,3}(?:\\.\\d{1,3})+)\\.?|(\\d{1,3})[.)])\\s+(?=\\S)");
    private static final Pattern LETTER = Pattern.compile("^([a-z])[.)]$");
    private static final Pattern VERSION = Pattern.compile("(?i)\\bversie\\s*:?\\s*(\\d{1,2}(?:[.,]\\d{1,2}){0,2})\\b");
    private static final Pattern ADOPTED = Pattern.compile("(?i)(vastgesteld|goedgekeurd|vaststelling|adopted|"
            + "definitief)[^\\d]{0,40}?(\\d{1,2})[-./ ](\\d{1,2}|januari|februari|maart|april|mei|juni|juli|augustus|"
            + "september|oktober|november|december)[-./ ](\\d{4})");
    private static final List<String> MONTHS = List.of("januari", "februari", "maart", "april", "mei", "juni", "juli",
            "augustus", "september", "oktober", "november", "december");
    private static final Set<String> STOPWORDS = Set.of("de", "het", "een", "van", "bij", "en", "voor", "over", "op",
            "in", "met", "aan", "te", "we", "wat", "wij", "die", "dat", "onze", "ons", "the", "of", "and", "to", "als",
            "naar", "tot", "om", "zijn", "is");
    /** A heading that stands for inferred headings: below every heading the document's styles mark. */
    private static final int INFERRED = 10;
    /** The level of a short line ending in a colon that heads the list after it. */
    private static final int LIST_HEAD = 99;

    private Structure() {
    }

    /** A section heading on the stack: its level, its text and the number it prints (or null). */
    private record Section(int level, String text, String number) {
    }

    static Draft draft(Extracted doc) {
        List<Block> blocks = unglued(doc.blocks());
        List<Draft.Article> articles = new ArrayList<>();
        List<String> dropped = new ArrayList<>(doc.dropped());
        List<Section> stack = new ArrayList<>();
        Set<String> used = new HashSet<>();
        Map<String, Integer> counters = new HashMap<>();
        String lastNumbered = null;
        String itemNumber = null;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
            if (!stack.isEmpty() && stack.get(stack.size() - 1).level() == LIST_HEAD && b.kind() != Block.Kind.ITEM) {
                stack.remove(stack.size() - 1);
            }
            Draft.Article previous = articles.isEmpty() ? null : articles.get(articles.size() - 1);
            if (previous != null && b.kind() == Block.Kind.PARAGRAPH && continues(b, previous, itemNumber, next)) {
                articles.set(articles.size() - 1, withParagraph(previous, b.text()));
                continue;
            }
            int level = headingLevel(b, next);
            if (level > 0) {
                itemNumber = null;
                Matcher m = NUMBER.matcher(b.text());
                String number = b.numbered() && b.marker().matches("\\d+[.)]")
                        ? b.marker().replaceAll("[.)]", "") : m.find() ? number(m) : null;
                String text = b.text();
                int lvl = b.kind() == Block.Kind.HEADING && b.level() > 0 ? b.level()
                        : INFERRED + (number == null ? 1 : number.split("\\.").length);
                if (ownsOneArticle(blocks, i)) {
                    Block body = blocks.get(i + 1);
                    String ref = refFor(body, number, stack, counters, used, lastNumbered);
                    articles.add(new Draft.Article(ref, path(stack), title(text, number), List.of(body.text())));
                    i++;
                    continue;
                }
                int l = lvl;
                stack.removeIf(s -> s.level() >= l);
                stack.add(new Section(lvl, text, number));
                continue;
            }
            if (b.kind() == Block.Kind.PARAGRAPH && next != null && next.kind() == Block.Kind.ITEM
                    && b.text().endsWith(":") && words(b.text()) <= 25) {
                int end = shortListEnd(blocks, i);
                if (end > i) {
                    // a colon and a list of a few words each ("Konot draagt de volgende kernwaarden uit: Openheid,
                    // Vertrouwen, …") is one rule; so is a second such list right after it
                    List<String> paragraphs = new ArrayList<>();
                    for (int j = i; j <= end; j++) {
                        paragraphs.add(blocks.get(j).text());
                    }
                    String ref = refFor(b, null, stack, counters, used, lastNumbered);
                    articles.add(new Draft.Article(ref, path(stack), "", paragraphs));
                    i = end;
                    itemNumber = null;
                    continue;
                }
                stack.add(new Section(LIST_HEAD, b.text(), null));
                continue;
            }
            if (b.kind() != Block.Kind.ITEM && words(b.text()) < 3 && !b.text().matches(".*\\d.*[.!?]$")) {
                dropped.add(b.text());
                continue;
            }
            String ref = refFor(b, null, stack, counters, used, lastNumbered);
            if (ref.matches("\\d+(\\.\\d+)*")) {
                lastNumbered = ref;
            }
            itemNumber = b.numbered() && b.marker().matches("\\d+[.)]") ? b.marker().replaceAll("[.)]", "")
                    : b.kind() == Block.Kind.ITEM ? null : explicitNumber(b);
            articles.add(new Draft.Article(ref, path(stack), "", List.of(stripNumber(b))));
        }
        return new Draft(title(doc, blocks), version(blocks), adopted(blocks), articles, dropped, documentText(blocks));
    }

    /** A heading and a list's first item that the document runs together: "Richtlijnen gebruik 1. Medewerkers …". */
    private static final Pattern GLUED = Pattern.compile("([\\p{Lu}][^.:;!?]{2,80}?) (1\\.) (\\p{Lu}.*)");

    /**
     * Splits a paragraph that is a short heading glued to item 1 of a numbered list, when item 2 follows: a line
     * break the document lost (a soft break in the source).
     */
    private static List<Block> unglued(List<Block> blocks) {
        List<Block> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            Matcher m = GLUED.matcher(b.text());
            Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
            if (b.kind() == Block.Kind.PARAGRAPH && m.matches() && words(m.group(1)) <= 8 && next != null
                    && "2".equals(next.numbered() ? next.marker().replaceAll("[.)]", "") : explicitNumber(next))) {
                out.add(Block.paragraph(m.group(1)));
                out.add(Block.paragraph(m.group(2) + " " + m.group(3)));
            } else {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Whether a paragraph goes on the article before it: it starts in lower case after text that did not end a
     * sentence (a paragraph break in the middle of one), or it stands between list item n and item n + 1.
     */
    private static boolean continues(Block b, Draft.Article previous, String itemNumber, Block next) {
        String last = previous.paragraphs().get(previous.paragraphs().size() - 1);
        if (Character.isLowerCase(b.text().codePointAt(0)) && !last.matches("(?s).*[.!?:;]$")) {
            return true;
        }
        if (itemNumber == null || next == null || !itemNumber.matches("\\d+")) {
            return false;
        }
        String following = next.numbered() && next.marker().matches("\\d+[.)]")
                ? next.marker().replaceAll("[.)]", "") : next.kind() == Block.Kind.HEADING ? null : explicitNumber(next);
        return following != null && following.equals(Integer.toString(Integer.parseInt(itemNumber) + 1));
    }

    private static String explicitNumber(Block b) {
        Matcher m = NUMBER.matcher(b.text());
        return m.find() ? number(m) : null;
    }

    private static Draft.Article withParagraph(Draft.Article a, String paragraph) {
        List<String> paragraphs = new ArrayList<>(a.paragraphs());
        paragraphs.add(paragraph);
        return new Draft.Article(a.ref(), a.section(), a.title(), paragraphs);
    }

    /**
     * The last block of a colon line's list when every item has at most four words (and of a second colon line and
     * short list right after it); {@code i} itself when the list is not that short.
     */
    private static int shortListEnd(List<Block> blocks, int i) {
        int end = i;
        int j = i;
        while (j < blocks.size() && blocks.get(j).kind() == Block.Kind.PARAGRAPH && blocks.get(j).text().endsWith(":")
                && words(blocks.get(j).text()) <= 25) {
            int k = j + 1;
            while (k < blocks.size() && blocks.get(k).kind() == Block.Kind.ITEM && words(blocks.get(k).text()) <= 4) {
                k++;
            }
            boolean allShort = k > j + 1 && (k >= blocks.size() || blocks.get(k).kind() != Block.Kind.ITEM);
            if (!allShort) {
                break;
            }
            end = k - 1;
            j = k;
        }
        return end;
    }

    /** A heading followed by exactly one paragraph, then another heading or the end: that paragraph's title. */
    private static boolean ownsOneArticle(List<Block> blocks, int i) {
        Block h = blocks.get(i);
        if (h.kind() != Block.Kind.HEADING || i + 1 >= blocks.size()) {
            return false;
        }
        Block body = blocks.get(i + 1);
        if (body.kind() != Block.Kind.PARAGRAPH || words(body.text()) < 3
                || headingLevel(body, i + 2 < blocks.size() ? blocks.get(i + 2) : null) > 0) {
            return false;
        }
        if (i + 2 >= blocks.size()) {
            return true;
        }
        Block after = blocks.get(i + 2);
        return after.kind() == Block.Kind.HEADING && (h.level() == 0 || after.level() <= h.level());
    }

    /**
     * The heading level of a block that is a heading: its own (styled) level, or for a short line standing alone
     * before longer text or a list, an inferred level below every styled one; 0 for no heading.
     */
    private static int headingLevel(Block b, Block next) {
        if (b.kind() == Block.Kind.HEADING) {
            return b.level() > 0 ? b.level() : INFERRED;
        }
        String t = b.text();
        boolean shortLine = words(t) <= 12 && !t.matches(".*[.;,:!?]$") && t.length() <= 120
                && (Character.isUpperCase(t.codePointAt(0)) || Character.isDigit(t.codePointAt(0)));
        if (!shortLine || next == null) {
            return 0;
        }
        if (b.kind() == Block.Kind.ITEM) {
            boolean numberedAlone = b.numbered() && b.level() == 0 && b.marker().matches("\\d+[.)]")
                    && !(next.kind() == Block.Kind.ITEM && next.numbered() && next.level() == b.level());
            return numberedAlone && (next.kind() != Block.Kind.ITEM || !next.numbered()) ? INFERRED : 0;
        }
        boolean before = next.kind() == Block.Kind.ITEM
                || (next.kind() == Block.Kind.PARAGRAPH && (words(next.text()) > Math.max(12, words(t) * 2)
                || (explicitNumber(next) != null && explicitNumber(b) == null)));
        return before ? INFERRED : 0;
    }

    /** The article's number: its own ("2.1 …"), its list marker under a numbered section, or one made up. */
    private static String refFor(Block b, String headingNumber, List<Section> stack, Map<String, Integer> counters,
                                 Set<String> used, String lastNumbered) {
        String sectionNumber = null;
        Section last = null;
        for (Section s : stack) {
            if (s.number() != null) {
                sectionNumber = s.number();
            }
            if (s.level() != LIST_HEAD) {
                last = s;
            }
        }
        Matcher m = NUMBER.matcher(b.text());
        String ref;
        if (headingNumber != null) {
            ref = headingNumber;
        } else if (m.find()) {
            ref = number(m);
        } else if (b.numbered() && b.marker().matches("\\d+[.)]")) {
            String n = b.marker().replaceAll("[.)]", "");
            ref = sectionNumber == null ? n : sectionNumber + "." + n;
        } else if (b.numbered() && LETTER.matcher(b.marker().toLowerCase(Locale.ROOT)).matches()
                && lastNumbered != null) {
            ref = lastNumbered + "." + b.marker().substring(0, 1).toLowerCase(Locale.ROOT);
        } else {
            String base = sectionNumber != null ? sectionNumber : last == null ? "tekst" : slug(last.text());
            int n = counters.merge(base, 1, Integer::sum);
            ref = base + "-" + n;
        }
        return unique(clean(ref), used);
    }

    private static String number(Matcher m) {
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }

    static String unique(String ref, Set<String> used) {
        String r = ref;
        for (int n = 2; used.contains(r); n++) {
            r = ref + "-" + n;
        }
        used.add(r);
        return r;
    }

    private static String clean(String ref) {
        String r = ref.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("-{2,}", "-")
                .replaceAll("^[^a-z0-9]+", "");
        return r.isEmpty() ? "tekst" : r;
    }

    /** A short ID part from a heading: its first two words that say something, without accents. */
    private static String slug(String heading) {
        String plain = Normalizer.normalize(heading, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("^\\d+(\\.\\d+)*\\.?\\s*", "");
        List<String> words = new ArrayList<>();
        for (String w : plain.split("[^a-z0-9]+")) {
            if (!w.isEmpty() && !STOPWORDS.contains(w) && words.size() < 2) {
                words.add(w.length() > 12 ? w.substring(0, 12) : w);
            }
        }
        return words.isEmpty() ? "tekst" : String.join("-", words);
    }

    /** The text without the number that became its ID ("2.1 Deze richtlijnen" → "Deze richtlijnen"). */
    private static String stripNumber(Block b) {
        Matcher m = NUMBER.matcher(b.text());
        return m.find() && m.end() < b.text().length() ? b.text().substring(m.end()) : b.text();
    }

    private static String title(String heading, String number) {
        String t = heading;
        Matcher m = NUMBER.matcher(t);
        if (number != null && m.find()) {
            t = t.substring(m.end());
        }
        return t.strip();
    }

    private static String path(List<Section> stack) {
        List<String> parts = new ArrayList<>();
        for (Section s : stack) {
            parts.add(s.text());
        }
        return String.join(" › ", parts);
    }

    private static int words(String t) {
        String s = t.strip();
        return s.isEmpty() ? 0 : s.split("\\s+").length;
    }

    private static String title(Extracted doc, List<Block> blocks) {
        String t = doc.title();
        if (!t.isBlank() && !t.matches("(?i).*(microsoft word|\\.docx?|\\.pdf|untitled|naamloos).*")) {
            return t;
        }
        for (Block b : blocks.subList(0, Math.min(5, blocks.size()))) {
            if (b.kind() == Block.Kind.HEADING || (words(b.text()) <= 10 && !b.text().endsWith("."))) {
                return b.text();
            }
        }
        return "";
    }

    private static String version(List<Block> blocks) {
        for (Block b : blocks.subList(0, Math.min(60, blocks.size()))) {
            Matcher m = VERSION.matcher(b.text());
            if (m.find()) {
                return m.group(1).replace(',', '.');
            }
        }
        return "";
    }

    private static String adopted(List<Block> blocks) {
        for (Block b : blocks.subList(0, Math.min(60, blocks.size()))) {
            Matcher m = ADOPTED.matcher(b.text());
            if (m.find()) {
                String month = m.group(3).toLowerCase(Locale.ROOT);
                int mm = month.matches("\\d+") ? Integer.parseInt(month) : MONTHS.indexOf(month) + 1;
                int dd = Integer.parseInt(m.group(2));
                if (mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31) {
                    return String.format(Locale.ROOT, "%s-%02d-%02d", m.group(4), mm, dd);
                }
            }
        }
        return "";
    }

    private static List<String> documentText(List<Block> blocks) {
        List<String> out = new ArrayList<>();
        for (Block b : blocks) {
            out.add(switch (b.kind()) {
                case HEADING -> "# " + b.text();
                case ITEM -> "  ".repeat(b.level()) + b.marker() + " " + b.text();
                case PARAGRAPH -> b.text();
            });
        }
        return out;
    }
}
