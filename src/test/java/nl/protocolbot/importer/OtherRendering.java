package nl.protocolbot.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import nl.protocolbot.corpus.Article;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lays a protocol out as a PDF the way another word processor might: other fonts (Helvetica headings, Times body),
 * other margins and size, a running header and a footer "Pagina N van M" on every page, a table of contents with dot
 * leaders, and a form field to sign. The importer was not built for this file; it must still find the articles.
 */
final class OtherRendering {
    static final String HEADER = "Social-mediaprotocol — versie 2024";
    static final float MARGIN = 56;
    static final float BODY = 10.5f;

    private final PDType1Font body = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDType1Font small = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    /** One line to draw: its text, font and size, and the space above it. */
    private record Line(String text, PDType1Font font, float size, float before) {
    }

    byte[] render(String title, List<Article> articles) throws IOException {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(title, bold, 18, 0));
        lines.add(new Line("Inhoudsopgave", bold, 13, 18));
        String lastSection = null;
        int n = 1;
        for (Article a : articles) {
            if (!a.section().equals(lastSection)) {
                lastSection = a.section();
                lines.add(new Line(n++ + ". " + last(a.section()) + " ........................ " + (n / 3 + 2),
                        body, BODY, 2));
            }
        }
        lastSection = null;
        for (Article a : articles) {
            if (!a.section().equals(lastSection) && !a.section().isEmpty()) {
                lastSection = a.section();
                lines.add(new Line(last(a.section()), bold, 13, 16));
            }
            boolean numbered = a.ref().matches("\\d+(\\.\\d+)*");
            for (String paragraph : a.text().split("\n")) {
                if (numbered) {
                    // the document prints its article numbers
                    paragraph = a.ref() + (a.ref().contains(".") ? " " : ". ") + paragraph;
                    numbered = false;
                }
                boolean first = true;
                for (String l : wrap(printable(paragraph), body, BODY, PDRectangle.A4.getWidth() - 2 * MARGIN)) {
                    lines.add(new Line(l, body, BODY, first ? 9 : 0));
                    first = false;
                }
            }
        }
        lines.add(new Line("Handtekening directeur: ______________________", body, BODY, 20));
        return draw(lines);
    }

    private byte[] draw(List<Line> lines) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            float top = PDRectangle.A4.getHeight() - MARGIN - 20;
            List<PDPage> pages = new ArrayList<>();
            PDPage page = null;
            PDPageContentStream cs = null;
            float y = 0;
            for (Line l : lines) {
                float step = l.size() * 1.25f + l.before();
                if (page == null || y - step < MARGIN + 20) {
                    if (cs != null) {
                        cs.close();
                    }
                    page = new PDPage(PDRectangle.A4);
                    doc.addPage(page);
                    pages.add(page);
                    cs = new PDPageContentStream(doc, page);
                    y = top;
                }
                y -= step;
                text(cs, l.font(), l.size(), MARGIN, y, l.text());
            }
            if (cs != null) {
                cs.close();
            }
            for (int i = 0; i < pages.size(); i++) {
                try (PDPageContentStream s = new PDPageContentStream(doc, pages.get(i),
                        PDPageContentStream.AppendMode.APPEND, true)) {
                    text(s, small, 8, MARGIN, PDRectangle.A4.getHeight() - 30, HEADER);
                    text(s, small, 8, PDRectangle.A4.getWidth() - MARGIN - 60, 28,
                            "Pagina " + (i + 1) + " van " + pages.size());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static void text(PDPageContentStream cs, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(text);
        cs.endText();
    }

    private static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size > width && line.length() > 0) {
                out.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }

    /** The standard fonts encode Latin-1 and a few more: other characters are left out of the test text. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x250 || "’‘“”–—…€".indexOf(c) >= 0) {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString().replaceAll(" {2,}", " ").strip();
    }

    private static String last(String section) {
        int i = section.lastIndexOf(" › ");
        return i < 0 ? section : section.substring(i + 3);
    }
}
