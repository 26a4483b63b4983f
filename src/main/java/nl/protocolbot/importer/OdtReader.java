package nl.protocolbot.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads an OpenDocument text (ODT): its {@code content.xml}, parsed with the JDK's own XML parser (secure processing
 * on, no DTDs, no external entities) after the archive is inflated with a bound. Headings are {@code text:h} with
 * their outline level, list items {@code text:list-item} with the marker their list style gives, table rows
 * paragraphs; a table of contents ({@code text:table-of-content}) is left out. Hand-written against the ODF schema:
 * ODF Toolkit and Tika's ODF module would add megabytes to read what these few elements say.
 */
final class OdtReader {
    private static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static final String STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
    private static final String DC = "http://purl.org/dc/elements/1.1/";

    /** One level of a list style: a bullet, or a number format with its prefix, suffix and start. */
    private record Level(String bullet, String format, String prefix, String suffix, int start) {
    }

    Extracted read(byte[] bytes) throws ImportException {
        Map<String, byte[]> parts = Zips.checked(bytes, Set.of("content.xml", "styles.xml", "meta.xml"));
        byte[] content = parts.get("content.xml");
        if (content == null) {
            throw new ImportException("dit bestand is geen OpenDocument-tekst (content.xml ontbreekt); "
                    + "sla het opnieuw op als .odt");
        }
        Document doc = parse(content);
        Map<String, Map<Integer, Level>> listStyles = new HashMap<>();
        if (parts.containsKey("styles.xml")) {
            listStyles(parse(parts.get("styles.xml")), listStyles);
        }
        listStyles(doc, listStyles);
        List<Block> blocks = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        Element body = first(doc.getDocumentElement(), "body");
        Element text = body == null ? null : first(body, "text");
        if (text == null) {
            throw new ImportException("dit bestand is geen OpenDocument-tekst (geen tekst in content.xml)");
        }
        new Walker(listStyles, blocks, dropped).children(text, 0, null);
        String title = "";
        if (parts.containsKey("meta.xml")) {
            var titles = parse(parts.get("meta.xml")).getElementsByTagNameNS(DC, "title");
            if (titles.getLength() > 0) {
                title = titles.item(0).getTextContent().strip();
            }
        }
        return new Extracted(blocks, title, dropped);
    }

    private static Document parse(byte[] xml) throws ImportException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser supports secure processing", e);
        } catch (SAXException | IOException e) {
            throw new ImportException("dit OpenDocument-bestand is beschadigd (de XML is ongeldig); "
                    + "sla het opnieuw op als .odt");
        }
    }

    /** The name under which the outline style (the numbering of headings) is kept among the list styles. */
    private static final String OUTLINE = "\u0000outline";

    private static void listStyles(Document doc, Map<String, Map<Integer, Level>> out) {
        java.util.List<Element> styles = new ArrayList<>();
        var lists = doc.getElementsByTagNameNS(TEXT, "list-style");
        for (int i = 0; i < lists.getLength(); i++) {
            styles.add((Element) lists.item(i));
        }
        var outlines = doc.getElementsByTagNameNS(TEXT, "outline-style");
        for (int i = 0; i < outlines.getLength(); i++) {
            styles.add((Element) outlines.item(i));
        }
        for (Element s : styles) {
            Map<Integer, Level> levels = new HashMap<>();
            for (Node n = s.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element e)) {
                    continue;
                }
                int level = parseInt(e.getAttributeNS(TEXT, "level"), 1);
                if (e.getLocalName().equals("list-level-style-number")
                        || e.getLocalName().equals("outline-level-style")) {
                    levels.put(level, new Level("", e.getAttributeNS(STYLE, "num-format"),
                            e.getAttributeNS(STYLE, "num-prefix"), e.getAttributeNS(STYLE, "num-suffix"),
                            parseInt(e.getAttributeNS(TEXT, "start-value"), 1)));
                } else if (e.getLocalName().equals("list-level-style-bullet")) {
                    String bullet = e.getAttributeNS(TEXT, "bullet-char");
                    levels.put(level, new Level(bullet.isEmpty() ? "•" : bullet, "", "", "", 1));
                }
            }
            out.put(s.getLocalName().equals("outline-style") ? OUTLINE : s.getAttributeNS(STYLE, "name"), levels);
        }
    }

    private static int parseInt(String s, int otherwise) {
        try {
            return s == null || s.isEmpty() ? otherwise : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Element first(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** Walks the body in document order. */
    private static final class Walker {
        private final Map<String, Map<Integer, Level>> listStyles;
        private final List<Block> blocks;
        private final List<String> dropped;
        /** Counters of lists that continue an earlier one, per list style. */
        private final Map<String, int[]> continued = new HashMap<>();

        Walker(Map<String, Map<Integer, Level>> listStyles, List<Block> blocks, List<String> dropped) {
            this.listStyles = listStyles;
            this.blocks = blocks;
            this.dropped = dropped;
        }

        void children(Element parent, int depth, String listStyle) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    element(e, depth, listStyle);
                }
            }
        }

        private void element(Element e, int depth, String listStyle) {
            String name = e.getLocalName();
            if (TABLE.equals(e.getNamespaceURI()) && name.equals("table-row")) {
                List<String> cells = new ArrayList<>();
                for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element cell) {
                        String t = DocxReader.clean(inline(cell, new ArrayList<>()));
                        if (!t.isEmpty()) {
                            cells.add(t);
                        }
                    }
                }
                if (!cells.isEmpty()) {
                    blocks.add(Block.paragraph(String.join(" ", cells)));
                }
                return;
            }
            if (!TEXT.equals(e.getNamespaceURI())) {
                children(e, depth, listStyle);
                return;
            }
            switch (name) {
                case "table-of-content", "illustration-index", "alphabetical-index", "bibliography" ->
                        dropped.add(DocxReader.clean(e.getTextContent()));
                case "h" -> {
                    int level = parseInt(e.getAttributeNS(TEXT, "outline-level"), 1);
                    String number = outlineNumber(level);
                    addText(e, t -> Block.heading(level, number.isEmpty() ? t : number + " " + t));
                }
                case "p" -> addText(e, t -> Furniture.formField(t) ? null : Block.paragraph(t));
                case "list" -> list(e, depth, listStyle);
                default -> children(e, depth, listStyle);
            }
        }

        private void addText(Element e, java.util.function.Function<String, Block> make) {
            List<String> notes = new ArrayList<>();
            String t = DocxReader.clean(inline(e, notes));
            if (!t.isEmpty()) {
                Block b = make.apply(t);
                if (b == null) {
                    dropped.add(t);
                } else {
                    blocks.add(b);
                }
            }
            for (String note : notes) {
                blocks.add(Block.paragraph(note));
            }
        }

        /** Heading counters per outline level, for headings the outline style numbers. */
        private final int[] outline = new int[11];

        /** The number the outline style prints before a heading of this level ("2.1"), or empty. */
        private String outlineNumber(int level) {
            Map<Integer, Level> levels = listStyles.getOrDefault(OUTLINE, Map.of());
            Level own = levels.get(level);
            if (own == null || own.format() == null || own.format().isEmpty() || level < 1 || level > 10) {
                return "";
            }
            outline[level] = outline[level] == 0 ? own.start() : outline[level] + 1;
            for (int i = level + 1; i < outline.length; i++) {
                outline[i] = 0;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= level; i++) {
                Level l = levels.get(i);
                if (l != null && l.format() != null && !l.format().isEmpty()) {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(number(Math.max(outline[i], 1), l.format()));
                }
            }
            return own.prefix() + sb + own.suffix();
        }

        private void list(Element list, int depth, String outerStyle) {
            String style = list.getAttributeNS(TEXT, "style-name");
            if (style.isEmpty()) {
                style = outerStyle;
            }
            boolean continues = "true".equals(list.getAttributeNS(TEXT, "continue-numbering"))
                    || !list.getAttributeNS(TEXT, "continue-list").isEmpty();
            int[] counters = continues && style != null ? continued.computeIfAbsent(style, k -> new int[10])
                    : new int[10];
            if (style != null) {
                continued.put(style, counters);
            }
            Level level = style == null ? null : listStyles.getOrDefault(style, Map.of()).get(depth + 1);
            for (Node n = list.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element item) || !(item.getLocalName().equals("list-item")
                        || item.getLocalName().equals("list-header"))) {
                    continue;
                }
                String marker = "•";
                if (level != null && level.bullet().isEmpty()) {
                    int start = parseInt(item.getAttributeNS(TEXT, "start-value"), 0);
                    counters[depth] = start > 0 ? start : (counters[depth] == 0 ? level.start() : counters[depth] + 1);
                    marker = level.prefix() + number(counters[depth], level.format()) + level.suffix();
                } else if (level != null) {
                    marker = level.bullet();
                }
                boolean first = true;
                for (Node c = item.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (!(c instanceof Element child)) {
                        continue;
                    }
                    if (child.getLocalName().equals("list")) {
                        list(child, depth + 1, style);
                    } else if (first && (child.getLocalName().equals("p") || child.getLocalName().equals("h"))) {
                        String m = marker;
                        addText(child, t -> Block.item(depth, m, t));
                        first = false;
                    } else {
                        element(child, depth, style);
                    }
                }
            }
        }

        private static String number(int n, String format) {
            return format != null && format.isEmpty() ? "" : ListNumbers.format(n, format);
        }

        /** An element's text: spaces ({@code text:s}), tabs and line breaks as spaces, footnotes' citations inline. */
        private static String inline(Node node, List<String> notes) {
            StringBuilder sb = new StringBuilder();
            for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                    sb.append(n.getNodeValue());
                } else if (n instanceof Element e) {
                    switch (e.getLocalName()) {
                        case "s" -> sb.append(" ".repeat(Math.max(1, Math.min(parseInt(e.getAttributeNS(TEXT, "c"), 1),
                                100))));
                        case "tab", "line-break" -> sb.append(' ');
                        case "note" -> {
                            Element citation = first(e, "note-citation");
                            Element body = first(e, "note-body");
                            String mark = citation == null ? "" : citation.getTextContent().strip();
                            sb.append(mark);
                            if (body != null) {
                                String t = DocxReader.clean(inline(body, notes));
                                if (!t.isEmpty()) {
                                    notes.add(mark + " " + t);
                                }
                            }
                        }
                        case "p", "h" -> {
                            if (sb.length() > 0) {
                                sb.append(' ');
                            }
                            sb.append(inline(e, notes));
                        }
                        default -> sb.append(inline(e, notes));
                    }
                }
            }
            return sb.toString();
        }
    }
}
