package nl.protocolbot.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Reads a Word document (DOCX) with Apache POI: headings from the paragraph styles (Heading 1, Kop 1, Title) or
 * outline levels, list items from the numbering (whose numbers Word computes when it shows the document, so they are
 * counted here), table rows as paragraphs. Headers, footers and page numbers live outside the body and are not read;
 * a table of contents (its styles or content control) is left out.
 */
final class DocxReader {
    private static final Pattern HEADING_STYLE = Pattern.compile("(?i)(heading|kop)\\s*(\\d)");
    private static final Pattern TOC_STYLE = Pattern.compile("(?i)(toc|inhopg|contents|inhoudsopgave|toc heading).*");

    Extracted read(byte[] bytes) throws ImportException {
        Zips.checked(bytes, "word/document.xml");
        XWPFDocument doc;
        try {
            doc = new XWPFDocument(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new ImportException("dit Word-bestand is beschadigd of geen DOCX en kan niet gelezen worden; "
                    + "sla het opnieuw op als .docx");
        }
        try (doc) {
            List<Block> blocks = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            Numbering numbering = new Numbering();
            for (IBodyElement e : doc.getBodyElements()) {
                if (e instanceof XWPFParagraph p) {
                    paragraph(doc, p, numbering, blocks, dropped);
                } else if (e instanceof XWPFTable t) {
                    for (XWPFTableRow row : t.getRows()) {
                        List<String> cells = new ArrayList<>();
                        for (XWPFTableCell cell : row.getTableCells()) {
                            String text = clean(cell.getText());
                            if (!text.isEmpty()) {
                                cells.add(text);
                            }
                        }
                        if (!cells.isEmpty()) {
                            blocks.add(Block.paragraph(String.join(" ", cells)));
                        }
                    }
                } else if (e instanceof XWPFSDT sdt) {
                    String text = sdt.getContent().getText();
                    for (String line : text.split("\n")) {
                        if (!line.isBlank()) {
                            if (Furniture.tocEntry(line) || Furniture.tocHeading(line)
                                    || Furniture.endsInPageNumber(line)) {
                                dropped.add(line.strip());
                            } else {
                                blocks.add(Block.paragraph(clean(line)));
                            }
                        }
                    }
                }
            }
            String title = doc.getProperties().getCoreProperties().getTitle();
            return new Extracted(blocks, title == null ? "" : title.strip(), dropped);
        } catch (IOException | RuntimeException e) {
            throw new ImportException("dit Word-bestand kan niet gelezen worden: het is beschadigd of gebruikt iets "
                    + "wat niet ondersteund wordt");
        }
    }

    private static void paragraph(XWPFDocument doc, XWPFParagraph p, Numbering numbering, List<Block> blocks,
                                  List<String> dropped) {
        String text = clean(p.getText());
        if (text.isEmpty()) {
            return;
        }
        String style = styleName(doc, p);
        if (TOC_STYLE.matcher(style).matches() || Furniture.formField(text)) {
            dropped.add(text);
            return;
        }
        int level = headingLevel(p, style);
        BigInteger numId = p.getNumID();
        if (level > 0) {
            if (numId != null && !BigInteger.ZERO.equals(numId) && p.getNumFmt() != null
                    && !"bullet".equals(p.getNumFmt()) && !"none".equals(p.getNumFmt())) {
                // a numbered heading: Word prints the number, the text does not hold it
                int depth = p.getNumIlvl() == null ? 0 : p.getNumIlvl().intValue();
                text = numbering.marker(numId, depth, p.getNumFmt(), p.getNumLevelText(), p.getNumStartOverride())
                        + " " + text;
            }
            blocks.add(Block.heading(level, text));
            return;
        }
        if (numId != null && !BigInteger.ZERO.equals(numId)) {
            int depth = p.getNumIlvl() == null ? 0 : p.getNumIlvl().intValue();
            String marker = numbering.marker(numId, depth, p.getNumFmt(), p.getNumLevelText(),
                    p.getNumStartOverride());
            blocks.add(Block.item(depth, marker, text));
            return;
        }
        blocks.add(Block.paragraph(text));
    }

    private static String styleName(XWPFDocument doc, XWPFParagraph p) {
        String id = p.getStyleID();
        if (id == null) {
            return "";
        }
        XWPFStyle s = doc.getStyles() == null ? null : doc.getStyles().getStyle(id);
        String name = s == null || s.getName() == null ? id : s.getName();
        return name + " " + id;
    }

    private static int headingLevel(XWPFParagraph p, String style) {
        Matcher m = HEADING_STYLE.matcher(style);
        if (m.find()) {
            return Integer.parseInt(m.group(2));
        }
        String lower = style.toLowerCase(Locale.ROOT);
        if (lower.startsWith("title") || lower.startsWith("titel")) {
            return 1;
        }
        if (p.getCTP().getPPr() != null && p.getCTP().getPPr().getOutlineLvl() != null) {
            BigInteger lvl = p.getCTP().getPPr().getOutlineLvl().getVal();
            if (lvl != null && lvl.intValue() < 9) {
                return lvl.intValue() + 1;
            }
        }
        return 0;
    }

    /** Tabs and line breaks inside a paragraph become spaces; nothing else changes. */
    static String clean(String text) {
        return text == null ? "" : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ').strip();
    }

    /** Word's list numbers, counted per list and level as Word counts them when it shows the document. */
    static final class Numbering {
        private final Map<BigInteger, int[]> counters = new HashMap<>();

        String marker(BigInteger numId, int depth, String format, String levelText, BigInteger start) {
            if (format == null || format.equals("bullet") || format.equals("none")) {
                return levelText == null || levelText.isBlank() || levelText.contains("%") ? "•" : levelText.strip();
            }
            int[] c = counters.computeIfAbsent(numId, k -> new int[9]);
            int d = Math.min(Math.max(depth, 0), 8);
            if (c[d] == 0 && start != null) {
                c[d] = start.intValue() - 1;
            }
            c[d]++;
            for (int i = d + 1; i < 9; i++) {
                c[i] = 0;
            }
            String pattern = levelText == null || levelText.isBlank() ? "%" + (d + 1) + "." : levelText;
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char ch = pattern.charAt(i);
                if (ch == '%' && i + 1 < pattern.length() && Character.isDigit(pattern.charAt(i + 1))) {
                    int lvl = pattern.charAt(i + 1) - '1';
                    int value = lvl >= 0 && lvl < 9 ? Math.max(c[lvl], 1) : 1;
                    out.append(lvl == d ? ListNumbers.format(value, format) : Integer.toString(value));
                    i++;
                } else {
                    out.append(ch);
                }
            }
            return out.toString().strip();
        }
    }
}
