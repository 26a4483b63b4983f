package nl.protocolbot.importer;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What is on a page but is not protocol text: page numbers, a table of contents' lines, blank form fields. Running
 * headers and footers are found by repetition ({@link PdfReader}); word processors keep them out of the body anyway.
 * Hand-written: no library names these (PDFBox extracts text, it does not judge it).
 */
final class Furniture {
    /** "3", "- 3 -", "Pagina 3 van 12", "Page 3 of 12", "blz. 3", "3 / 12", "3 van 12". */
    private static final Pattern PAGE_NUMBER = Pattern.compile(
            "(?i)(pagina|page|blz\\.?|bladzijde|p\\.)?\\s*[-–—]?\\s*\\d{1,4}\\s*[-–—]?\\s*((van|of|/|uit)\\s*\\d{1,4})?");
    /** A table of contents' entry: a title, a leader of dots or similar, a page number. */
    private static final Pattern TOC_ENTRY = Pattern.compile(".*\\S\\s*(\\.{3,}|…{1,}|·{3,}|_{3,}|-{4,})\\s*\\d{1,4}");
    /** The heading of a table of contents. */
    private static final Pattern TOC_HEADING = Pattern.compile(
            "(?i)(inhoud|inhoudsopgave|inhoudstafel|inhoudsoverzicht|table of contents|contents)\\s*:?");
    /** A line that ends in a page number, as a table of contents' entry without leader does. */
    private static final Pattern ENDS_IN_PAGE = Pattern.compile(".*\\D\\s+\\d{1,4}");
    /** A blank to fill in: a run of underscores, of five dots or more (not a leader to a page number), boxes. */
    private static final Pattern FORM_FIELD = Pattern.compile(".*(_{4,}|\\.{5,}+(?!\\s*\\d)|…{3,}|[☐□]).*");

    private Furniture() {
    }

    static boolean pageNumber(String line) {
        return PAGE_NUMBER.matcher(line.strip()).matches();
    }

    static boolean tocEntry(String line) {
        return TOC_ENTRY.matcher(line.strip()).matches();
    }

    static boolean tocHeading(String line) {
        return TOC_HEADING.matcher(line.strip()).matches();
    }

    static boolean endsInPageNumber(String line) {
        return ENDS_IN_PAGE.matcher(line.strip()).matches();
    }

    static boolean formField(String line) {
        return FORM_FIELD.matcher(line).matches() && !tocEntry(line);
    }

    /** A line with its numbers made alike, so that "Pagina 2 van 7" and "Pagina 3 van 7" count as one line. */
    static String key(String line) {
        return line.strip().toLowerCase(Locale.ROOT).replaceAll("\\d+", "#").replaceAll("\\s+", " ");
    }

    /**
     * Which of a run of lines (or paragraphs) are a table of contents: entries with a leader to a page number
     * anywhere, and after a heading "Inhoud" (itself included) the lines that end in a page number.
     */
    static boolean[] tableOfContents(List<String> lines) {
        boolean[] toc = new boolean[lines.size()];
        boolean inToc = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (tocHeading(line) && i + 1 < lines.size()
                    && (tocEntry(lines.get(i + 1)) || endsInPageNumber(lines.get(i + 1)))) {
                inToc = true;
                toc[i] = true;
            } else if (tocEntry(line) || (inToc && endsInPageNumber(line))) {
                toc[i] = true;
            } else {
                inToc = false;
            }
        }
        return toc;
    }
}
