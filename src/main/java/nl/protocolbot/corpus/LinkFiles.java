package nl.protocolbot.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code links.txt}: one correction per line, {@code <artikel> = <artikel>} (link) or
 * {@code <artikel> != <artikel>} (never link); {@code #} starts a comment. Both articles must exist and belong to
 * different protocols, and a pair may be corrected once.
 */
final class LinkFiles {
    private LinkFiles() {
    }

    static List<LinkCorrection> corrections(Corpus.TextFile file, Map<String, String> articleProtocols,
                                            List<Problem> problems) {
        List<LinkCorrection> out = new ArrayList<>();
        Map<String, Integer> pairs = new HashMap<>();
        String[] lines = file.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            line = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean never = line.contains("!=");
            String[] parts = line.split(never ? "!=" : "=", -1);
            if (parts.length != 2) {
                problems.add(new Problem(file.name(), i + 1,
                        "verwacht '<artikel> = <artikel>' (koppelen) of '<artikel> != <artikel>' (nooit koppelen)"));
                continue;
            }
            String a = parts[0].strip().toLowerCase(Locale.ROOT);
            String b = parts[1].strip().toLowerCase(Locale.ROOT);
            java.util.Set<String> protocols = new java.util.HashSet<>(articleProtocols.values());
            if (CorpusLoader.ofAbsentProtocol(a, protocols) || CorpusLoader.ofAbsentProtocol(b, protocols)) {
                continue;
            }
            String problem = problem(a, b, articleProtocols);
            if (problem != null) {
                problems.add(new Problem(file.name(), i + 1, problem));
                continue;
            }
            String pair = a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
            Integer earlier = pairs.putIfAbsent(pair, i + 1);
            if (earlier != null) {
                problems.add(new Problem(file.name(), i + 1, a + " en " + b + " staan al op regel " + earlier));
                continue;
            }
            out.add(new LinkCorrection(a, b, !never, file.name() + ":" + (i + 1)));
        }
        return out;
    }

    private static String problem(String a, String b, Map<String, String> articleProtocols) {
        for (String id : List.of(a, b)) {
            if (!articleProtocols.containsKey(id)) {
                return "onbekend artikel '" + id + "'";
            }
        }
        if (articleProtocols.get(a).equals(articleProtocols.get(b))) {
            return a + " en " + b + " horen bij hetzelfde protocol; koppelingen verbinden protocollen";
        }
        return null;
    }
}
