package nl.protocolbot.importer;

/**
 * One block of a document as its reader sees it, before it is cut into articles.
 *
 * @param kind   heading, paragraph or list item
 * @param level  a heading's level (1 is the highest; 0 when the document does not say) or a list item's depth (0 is
 *               the outermost list)
 * @param marker a list item's marker as the document prints it ({@code •}, {@code 3.}, {@code b)}); empty otherwise
 * @param text   the block's text, verbatim, its line breaks undone
 */
record Block(Kind kind, int level, String marker, String text) {
    enum Kind { HEADING, PARAGRAPH, ITEM }

    static Block heading(int level, String text) {
        return new Block(Kind.HEADING, level, "", text);
    }

    static Block paragraph(String text) {
        return new Block(Kind.PARAGRAPH, 0, "", text);
    }

    static Block item(int depth, String marker, String text) {
        return new Block(Kind.ITEM, depth, marker, text);
    }

    /** The marker is a number or letter, not a bullet. */
    boolean numbered() {
        return kind == Kind.ITEM && !marker.isEmpty() && Character.isLetterOrDigit(marker.charAt(0));
    }
}
