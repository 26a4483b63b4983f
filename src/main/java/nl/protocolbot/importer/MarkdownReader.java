package nl.protocolbot.importer;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Reads Markdown and plain text with commonmark (plain text is Markdown without markup: paragraphs separated by blank
 * lines, lists by their markers): headings, paragraphs and list items with their markers, markup removed.
 */
final class MarkdownReader {
    private static final Parser PARSER = Parser.builder().build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

    Extracted read(String content) {
        List<Block> blocks = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        walk(PARSER.parse(content), 0, blocks, dropped);
        return new Extracted(blocks, "", dropped);
    }

    private static void walk(Node parent, int depth, List<Block> blocks, List<String> dropped) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            node(n, depth, blocks, dropped);
        }
    }

    private static void node(Node n, int depth, List<Block> blocks, List<String> dropped) {
        if (n instanceof Heading h) {
            add(Block.heading(h.getLevel(), text(h)), blocks, dropped);
        } else if (n instanceof Paragraph) {
            add(Block.paragraph(text(n)), blocks, dropped);
        } else if (n instanceof BulletList || n instanceof OrderedList) {
            list(n, depth, blocks, dropped);
        } else if (n.getFirstChild() != null) {
            walk(n, depth, blocks, dropped);
        }
    }

    private static void list(Node list, int depth, List<Block> blocks, List<String> dropped) {
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        String delimiter = list instanceof OrderedList o && o.getMarkerDelimiter() != null
                ? o.getMarkerDelimiter() : ".";
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            String marker = list instanceof OrderedList ? (number++) + delimiter : "•";
            boolean first = true;
            for (Node c = item.getFirstChild(); c != null; c = c.getNext()) {
                if (first && c instanceof Paragraph) {
                    add(Block.item(depth, marker, text(c)), blocks, dropped);
                    first = false;
                } else if (c instanceof BulletList || c instanceof OrderedList) {
                    list(c, depth + 1, blocks, dropped);
                } else {
                    node(c, depth, blocks, dropped);
                }
            }
        }
    }

    private static void add(Block b, List<Block> blocks, List<String> dropped) {
        if (b.text().isEmpty()) {
            return;
        }
        if (Furniture.formField(b.text())) {
            dropped.add(b.text());
        } else {
            blocks.add(b);
        }
    }

    private static String text(Node n) {
        return DocxReader.clean(TEXT.render(n));
    }
}
