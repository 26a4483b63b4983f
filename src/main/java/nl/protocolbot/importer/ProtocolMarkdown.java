package nl.protocolbot.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a draft in the corpus format: front matter, section headings, and one {@code ### [ref] Titel} heading per
 * article followed by its paragraphs. Every character Markdown could take for markup is escaped, so that the corpus
 * reads back exactly the text the document has (the importer checks that it does).
 */
final class ProtocolMarkdown {
    private ProtocolMarkdown() {
    }

    static String render(Draft d, String slug, String organisation) {
        StringBuilder sb = new StringBuilder();
        sb.append("---\n");
        sb.append("protocol: ").append(slug).append('\n');
        sb.append("organisation: ").append(quoted(organisation)).append('\n');
        sb.append("title: ").append(quoted(d.title().isEmpty() ? "Social-mediaprotocol " + organisation : d.title()))
                .append('\n');
        if (!d.version().isEmpty()) {
            sb.append("version: ").append(quoted(d.version())).append('\n');
        }
        if (!d.adopted().isEmpty()) {
            sb.append("adopted: ").append(d.adopted()).append('\n');
        }
        sb.append("---\n");
        List<String> open = new ArrayList<>();
        for (Draft.Article a : d.articles()) {
            List<String> path = a.section().isEmpty() ? List.of() : List.of(a.section().split(" › "));
            if (path.size() > 5) {
                path = path.subList(path.size() - 5, path.size());
            }
            int same = 0;
            while (same < path.size() && same < open.size() && path.get(same).equals(open.get(same))) {
                same++;
            }
            if (same < open.size() || same < path.size()) {
                for (int i = same; i < path.size(); i++) {
                    sb.append('\n').append("#".repeat(i + 1)).append(' ').append(escape(path.get(i))).append('\n');
                }
                if (path.size() < open.size() && same == path.size() && !path.isEmpty()) {
                    // back up to a shorter path: repeat its last heading so the deeper ones end
                    int i = path.size() - 1;
                    sb.append('\n').append("#".repeat(i + 1)).append(' ').append(escape(path.get(i))).append('\n');
                }
                open = new ArrayList<>(path);
            }
            sb.append('\n').append("#".repeat(Math.min(6, path.size() + 1))).append(" [").append(a.ref()).append(']');
            if (!a.title().isEmpty()) {
                sb.append(' ').append(escape(a.title()));
            }
            sb.append('\n');
            for (String p : a.paragraphs()) {
                sb.append('\n').append(escape(p)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String quoted(String value) {
        String v = value.replaceAll("\\s+", " ").strip();
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Backslash-escapes what Markdown would read as markup; CommonMark allows that before any ASCII punctuation. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>#!|~&".indexOf(c) >= 0) {
                sb.append('\\');
            } else if ((c == '.' || c == ')') && i > 0 && allDigits(text, i)) {
                sb.append('\\');
            } else if ((c == '-' || c == '+' || c == '=') && i == 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Whether everything before {@code end} is digits (an ordered list's marker when followed by '.' or ')'). */
    private static boolean allDigits(String s, int end) {
        for (int i = 0; i < end; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
