package nl.protocolbot.importer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Reads a PDF with Apache PDFBox. PDFBox gives the text with each piece's position and font; a PDF has no paragraphs,
 * headings or lists, so this class rebuilds them from the layout: lines from pieces on one baseline, paragraphs from
 * the space between lines, headings from a larger or bolder font, list items from their markers. Lines repeated at
 * the top or bottom of the pages (running headers and footers) and page numbers are left out.
 */
final class PdfReader {
    /** A bullet or a number that starts a list item: "•", "–", "3.", "3)", "b.", "(c)", "iv.", "1.2". */
    static final Pattern MARKER = Pattern.compile(
            "([•●▪◦○■□♦➢➤✓►\\-–—*·\uF0B7\uF0A7\uF0D8\uF076\uF0FC]|\\d{1,3}[.)]|\\d{1,3}(?:\\.\\d{1,3})+\\.?|[a-zA-Z][.)]|\\([a-z]\\)|\\(\\d{1,2}\\)"
                    + "|(?i:[ivx]{1,4})[.)])\\s+(\\S.*)");
    /** The share of a page's height, at its top and at its bottom, where running headers and footers stand. */
    private static final float BAND = 0.1f;

    private final Hyphens hyphens;

    PdfReader(Hyphens hyphens) {
        this.hyphens = hyphens;
    }

    /** One line of a page: its text and where and in which font it stands. */
    private record Line(int page, float x, float textX, float y, float size, String style, boolean bold, String text,
                        float pageHeight) {
        boolean inBand() {
            return y < pageHeight * BAND || y > pageHeight * (1 - BAND);
        }
    }

    /** A piece of text PDFBox reports, before pieces on one baseline are joined into a line. */
    private record Piece(int page, float x, float y, float end, float size, String style, boolean bold, String text,
                         float pageHeight, int chars) {
    }

    Extracted read(byte[] bytes) throws ImportException {
        PDDocument doc;
        try {
            doc = Loader.loadPDF(bytes);
        } catch (InvalidPasswordException e) {
            throw new ImportException("deze PDF is versleuteld en vraagt een wachtwoord; sla hem op zonder "
                    + "beveiliging (of exporteer hem opnieuw) en probeer het nog eens");
        } catch (IOException | RuntimeException e) {
            throw new ImportException("deze PDF is beschadigd of onvolledig en kan niet gelezen worden; "
                    + "download of exporteer hem opnieuw");
        }
        try (doc) {
            String title = doc.getDocumentInformation() == null ? null : doc.getDocumentInformation().getTitle();
            List<Piece> pieces = pieces(doc);
            if (pieces.isEmpty()) {
                throw new ImportException("geen tekst gevonden: dit lijkt een gescande PDF (alleen afbeeldingen); "
                        + "gebruik het originele Word-bestand of een PDF met een tekstlaag");
            }
            List<Line> lines = lines(pieces);
            List<String> dropped = new ArrayList<>();
            lines = withoutFurniture(lines, doc.getNumberOfPages(), dropped);
            return new Extracted(blocks(lines), title == null ? "" : title.strip(), dropped);
        } catch (IOException | RuntimeException e) {
            throw new ImportException("deze PDF kan niet gelezen worden: hij is beschadigd of gebruikt iets wat "
                    + "niet ondersteund wordt; exporteer hem opnieuw of gebruik het Word-bestand");
        }
    }

    private static List<Piece> pieces(PDDocument doc) throws IOException {
        List<Piece> pieces = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                if (text.isBlank() || positions.isEmpty()) {
                    return;
                }
                TextPosition first = positions.get(0);
                TextPosition last = positions.get(positions.size() - 1);
                // the piece's font is the one most of its characters have: a line that starts with one bold word
                // is still body text
                Map<PDFont, Integer> fonts = new HashMap<>();
                for (TextPosition p : positions) {
                    if (p.getFont() != null && !p.getUnicode().isBlank()) {
                        fonts.merge(p.getFont(), p.getUnicode().length(), Integer::sum);
                    }
                }
                PDFont font = fonts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                        .orElse(first.getFont());
                String name = font == null || font.getName() == null ? "" : font.getName();
                String style = name.replaceFirst("^[A-Z]{6}\\+", "");
                float height = getCurrentPage().getMediaBox().getHeight();
                pieces.add(new Piece(getCurrentPageNo(), first.getXDirAdj(), first.getYDirAdj(),
                        last.getXDirAdj() + last.getWidthDirAdj(), Math.round(first.getFontSizeInPt() * 2) / 2f,
                        style, bold(font, style), text, height, text.strip().length()));
            }
        };
        stripper.setSortByPosition(true);
        stripper.getText(doc);
        return pieces;
    }

    private static boolean bold(PDFont font, String style) {
        String s = style.toLowerCase(Locale.ROOT);
        if (s.contains("bold") || s.contains("black") || s.contains("heavy") || s.contains("semibold")
                || s.contains("demi")) {
            return true;
        }
        PDFontDescriptor d = font == null ? null : font.getFontDescriptor();
        return d != null && (d.isForceBold() || d.getFontWeight() >= 600);
    }

    /** Joins the pieces on one baseline of a page, left to right, into lines. */
    private static List<Line> lines(List<Piece> pieces) {
        List<Piece> sorted = new ArrayList<>(pieces);
        sorted.sort(Comparator.comparingInt(Piece::page).thenComparingDouble(Piece::y).thenComparingDouble(Piece::x));
        List<Line> lines = new ArrayList<>();
        List<Piece> current = new ArrayList<>();
        for (Piece p : sorted) {
            if (!current.isEmpty()) {
                Piece c = current.get(0);
                // a superscript (a footnote marker) stands a little higher on the same line
                if (c.page() != p.page() || Math.abs(c.y() - p.y()) > Math.max(1f, Math.max(c.size(), p.size()) * 0.45f)) {
                    lines.add(line(current));
                    current.clear();
                }
            }
            current.add(p);
        }
        if (!current.isEmpty()) {
            lines.add(line(current));
        }
        return lines;
    }

    private static Line line(List<Piece> pieces) {
        pieces.sort(Comparator.comparingDouble(Piece::x));
        StringBuilder text = new StringBuilder();
        Map<String, Integer> styles = new HashMap<>();
        Map<String, Piece> byStyle = new HashMap<>();
        float end = -1;
        for (Piece p : pieces) {
            if (text.length() > 0 && !Character.isWhitespace(text.charAt(text.length() - 1))
                    && !p.text().startsWith(" ") && p.x() - end > p.size() * 0.15f) {
                text.append(' ');
            }
            text.append(p.text());
            end = p.end();
            styles.merge(p.style() + "|" + p.size(), p.chars(), Integer::sum);
            byStyle.putIfAbsent(p.style() + "|" + p.size(), p);
        }
        String main = styles.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Piece m = byStyle.get(main);
        Piece first = pieces.get(0);
        float textX = pieces.size() > 1 && first.text().strip().length() <= 4 ? pieces.get(1).x() : first.x();
        return new Line(first.page(), first.x(), textX, m.y(), m.size(), m.style(), m.bold(),
                text.toString().strip(), first.pageHeight());
    }

    /**
     * Leaves out page numbers at the top or bottom of a page, lines that repeat there on at least half the pages
     * (running headers and footers, "Pagina 2 van 7"), lines repeated on nearly every page anywhere, a table of
     * contents and blank form fields.
     */
    private static List<Line> withoutFurniture(List<Line> lines, int pages, List<String> dropped) {
        Map<String, Set<Integer>> bandPages = new HashMap<>();
        Map<String, Set<Integer>> allPages = new HashMap<>();
        for (Line l : lines) {
            String key = Furniture.key(l.text());
            allPages.computeIfAbsent(key, k -> new HashSet<>()).add(l.page());
            if (l.inBand()) {
                bandPages.computeIfAbsent(key, k -> new HashSet<>()).add(l.page());
            }
        }
        int repeated = Math.max(2, (pages + 1) / 2);
        List<Line> kept = new ArrayList<>();
        for (Line l : lines) {
            String key = Furniture.key(l.text());
            boolean furniture = (l.inBand() && (Furniture.pageNumber(l.text())
                    || (pages >= 2 && bandPages.get(key).size() >= repeated)))
                    || (pages >= 3 && allPages.get(key).size() >= Math.max(3, pages * 0.8))
                    || Furniture.formField(l.text());
            if (furniture) {
                dropped.add(l.text());
            } else {
                kept.add(l);
            }
        }
        boolean[] toc = Furniture.tableOfContents(kept.stream().map(Line::text).toList());
        List<Line> body = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            if (toc[i]) {
                dropped.add(kept.get(i).text());
            } else {
                body.add(kept.get(i));
            }
        }
        return body;
    }

    /** Rebuilds paragraphs, headings and list items from the lines. */
    private List<Block> blocks(List<Line> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> chars = new HashMap<>();
        Map<Float, Integer> gaps = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            chars.merge(l.style() + "|" + l.size(), l.text().length(), Integer::sum);
            if (i > 0 && lines.get(i - 1).page() == l.page()) {
                float gap = Math.round((l.y() - lines.get(i - 1).y()) * 2) / 2f;
                if (gap > 0) {
                    gaps.merge(gap, 1, Integer::sum);
                }
            }
        }
        String body = chars.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        float bodySize = Float.parseFloat(body.substring(body.lastIndexOf('|') + 1));
        String bodyStyle = body.substring(0, body.lastIndexOf('|'));
        float spacing = gaps.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(bodySize * 1.2f);
        List<List<Line>> groups = new ArrayList<>();
        List<String> markers = new ArrayList<>();
        List<Line> current = null;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            Line prev = i == 0 ? null : lines.get(i - 1);
            Matcher marker = MARKER.matcher(l.text());
            boolean isMarker = marker.matches() && l.size() <= bodySize + 0.4f && !(l.bold() && !bodyBold(bodyStyle))
                    && !midSentence(prev, l, spacing);
            boolean start = prev == null || isMarker || breaks(prev, l, spacing, bodyStyle, bodySize);
            if (start) {
                current = new ArrayList<>();
                groups.add(current);
                markers.add(isMarker ? marker.group(1) : "");
            }
            current.add(l);
        }
        Map<String, Integer> headingLevels = headingLevels(groups, bodyStyle, bodySize);
        java.util.Set<String> words = Hyphens.words(lines.stream().map(Line::text).toList());
        List<Block> blocks = new ArrayList<>();
        Map<Float, Integer> itemIndents = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Line> group = groups.get(g);
            String marker = markers.get(g);
            String text = text(group, words);
            Line first = group.get(0);
            Integer level = marker.isEmpty() ? headingLevels.get(first.style() + "|" + first.size()) : null;
            if (level != null && heading(group, text)) {
                blocks.add(Block.heading(level, text));
            } else if (!marker.isEmpty()) {
                float x = Math.round(first.x());
                int depth = itemIndents.computeIfAbsent(x, k -> itemIndents.size());
                String rest = text.substring(text.indexOf(marker) + marker.length()).strip();
                blocks.add(Block.item(depth, marker, rest));
            } else {
                blocks.add(Block.paragraph(text));
            }
        }
        return renumberDepths(blocks, itemIndents);
    }

    /**
     * A line that only looks like a list item: it stands where the line before it continues, at the same indent
     * and spacing, after a line that ends mid-sentence ("… door" / "(een) medewerker(s) …").
     */
    private static boolean midSentence(Line prev, Line l, float spacing) {
        if (prev == null || prev.page() != l.page() || Math.abs(prev.textX() - l.x()) > 2
                || l.y() - prev.y() > spacing * 1.35f) {
            return false;
        }
        String p = prev.text();
        return !p.isEmpty() && ".;:!?".indexOf(p.charAt(p.length() - 1)) < 0;
    }

    private static boolean bodyBold(String bodyStyle) {
        return bodyStyle.toLowerCase(Locale.ROOT).contains("bold");
    }

    /** Whether {@code next} starts a new paragraph rather than continuing the one {@code prev} is in. */
    private static boolean breaks(Line prev, Line next, float spacing, String bodyStyle, float bodySize) {
        boolean prevBody = prev.style().equals(bodyStyle) && prev.size() == bodySize;
        boolean nextBody = next.style().equals(bodyStyle) && next.size() == bodySize;
        if (!(prev.style().equals(next.style()) && prev.size() == next.size()) && (!prevBody || !nextBody)
                && !(prevBody && !next.bold() && next.size() <= bodySize)) {
            return true;
        }
        if (prev.page() != next.page()) {
            String p = prev.text();
            char end = p.isEmpty() ? '.' : p.charAt(p.length() - 1);
            return ".!?:;".indexOf(end) >= 0 || !Character.isLowerCase(next.text().codePointAt(0));
        }
        return next.y() - prev.y() > spacing * 1.35f;
    }

    /**
     * Fonts that mark headings: larger than the body text, or bold, or another face, ranked from the largest (level
     * 1) down. A font used for many lines of running text is no heading font.
     */
    private static Map<String, Integer> headingLevels(List<List<Line>> groups, String bodyStyle, float bodySize) {
        Map<String, Line> candidates = new HashMap<>();
        Map<String, Integer> longGroups = new HashMap<>();
        for (List<Line> group : groups) {
            Line first = group.get(0);
            String key = first.style() + "|" + first.size();
            boolean other = first.size() > bodySize + 0.4f
                    || (first.size() >= bodySize - 0.4f && !first.style().equals(bodyStyle)
                    && (first.bold() || family(first.style()).equals(family(bodyStyle)) == false));
            if (other) {
                candidates.putIfAbsent(key, first);
                if (group.size() > 3) {
                    longGroups.merge(key, 1, Integer::sum);
                }
            }
        }
        List<Line> ranked = new ArrayList<>(candidates.values());
        ranked.removeIf(l -> longGroups.getOrDefault(l.style() + "|" + l.size(), 0) > 1);
        ranked.sort(Comparator.comparingDouble((Line l) -> -l.size()).thenComparing(l -> !l.bold()));
        Map<String, Integer> levels = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            levels.put(ranked.get(i).style() + "|" + ranked.get(i).size(), i + 1);
        }
        return levels;
    }

    private static String family(String style) {
        return style.replaceAll("(?i)[-,]?(bold|italic|oblique|black|heavy|semibold|demi|regular|medium|book|mt|ps)+$",
                "");
    }

    /** A heading is short: at most three lines and not a sentence ending in a full stop or semicolon. */
    private static boolean heading(List<Line> group, String text) {
        return group.size() <= 3 && text.split("\\s+").length <= 20 && !text.endsWith(";") && !text.endsWith(",");
    }

    /** The lines' text, with line breaks undone and words hyphenated across a line end joined. */
    private String text(List<Line> group, java.util.Set<String> words) {
        String text = group.get(0).text();
        for (int i = 1; i < group.size(); i++) {
            String next = group.get(i).text();
            if (text.endsWith("-") || text.endsWith("\u00AD")) {
                text = hyphens.join(text, next, words);
            } else {
                text = text + " " + next;
            }
        }
        return text;
    }

    /** List depths from the indents seen, the least indented being depth 0. */
    private static List<Block> renumberDepths(List<Block> blocks, Map<Float, Integer> indents) {
        List<Float> sorted = new ArrayList<>(indents.keySet());
        sorted.sort(Float::compare);
        Map<Integer, Integer> depthOf = new HashMap<>();
        for (Map.Entry<Float, Integer> e : indents.entrySet()) {
            depthOf.put(e.getValue(), sorted.indexOf(e.getKey()));
        }
        List<Block> out = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            out.add(b.kind() == Block.Kind.ITEM ? Block.item(depthOf.get(b.level()), b.marker(), b.text()) : b);
        }
        return out;
    }
}
