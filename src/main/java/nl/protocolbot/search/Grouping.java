package nl.protocolbot.search;

import java.util.ArrayList;
import java.util.List;
import nl.protocolbot.corpus.Article;

/**
 * The same rule in several protocols becomes one answer: a candidate whose text is this alike (Jaccard of the term
 * sets, at least {@link #DUPLICATE_SIMILARITY}) an article already chosen from another protocol is listed under it
 * ("Zo ook in"), leaving room for another rule. Stateless.
 */
final class Grouping {
    static final double DUPLICATE_SIMILARITY = 0.5;
    /** Candidates still looked at, once the answer is full, for copies of its rules in other protocols. */
    static final int LOOKAHEAD = 8;

    private final Index index;
    private final Tuning tuning;

    Grouping(Index index, Tuning tuning) {
        this.index = index;
        this.tuning = tuning;
    }

    /** A chosen article and the copies of it in other protocols. */
    record Group(Fusion.Candidate first, List<Article> alsoIn) {
    }

    List<Group> group(List<Fusion.Candidate> candidates, int limit) {
        List<Group> out = new ArrayList<>();
        int afterFull = 0;
        for (Fusion.Candidate c : candidates) {
            boolean full = out.size() >= limit;
            if (full && (!tuning.has(Tuning.Step.GROUPING) || ++afterFull > LOOKAHEAD)) {
                break;
            }
            int same = tuning.has(Tuning.Step.GROUPING) ? sameRule(out, c.doc()) : -1;
            if (same >= 0) {
                Group g = out.get(same);
                Article a = index.articles[c.doc()];
                if (g.alsoIn().stream().noneMatch(x -> x.protocol().equals(a.protocol()))) {
                    List<Article> also = new ArrayList<>(g.alsoIn());
                    also.add(a);
                    out.set(same, new Group(g.first(), also));
                }
            } else if (!full) {
                out.add(new Group(c, List.of()));
            }
        }
        return out;
    }

    /**
     * The same rule in other protocols, by the measure that groups hits: for each other protocol its article most
     * alike {@code doc}, when alike enough; most alike first.
     */
    List<Article> copies(int doc) {
        java.util.Map<String, Integer> best = new java.util.LinkedHashMap<>();
        double[] similarity = new double[index.articles.length];
        String protocol = index.articles[doc].protocol();
        for (int d = 0; d < index.articles.length; d++) {
            String other = index.articles[d].protocol();
            if (other.equals(protocol)) {
                continue;
            }
            similarity[d] = jaccard(index.textTerms[doc], index.textTerms[d]);
            Integer held = best.get(other);
            if (similarity[d] >= DUPLICATE_SIMILARITY && (held == null || similarity[d] > similarity[held])) {
                best.put(other, d);
            }
        }
        return best.values().stream().sorted((x, y) -> Double.compare(similarity[y], similarity[x]))
                .map(d -> index.articles[d]).toList();
    }

    /** The group whose first article, from another protocol, states the same rule as a candidate, or -1. */
    private int sameRule(List<Group> groups, int doc) {
        Article a = index.articles[doc];
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            Article first = index.articles[g.first().doc()];
            if (!first.protocol().equals(a.protocol())
                    && alike(index.textTerms[doc], index.textTerms[g.first().doc()])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether two term sets are at least {@link #DUPLICATE_SIMILARITY} alike. Two sets whose sizes differ too much
     * cannot be (their Jaccard is at most the smaller size over the larger), so most pairs are settled without a walk.
     */
    static boolean alike(int[] a, int[] b) {
        int small = Math.min(a.length, b.length);
        int large = Math.max(a.length, b.length);
        return small >= DUPLICATE_SIMILARITY * large && jaccard(a, b) >= DUPLICATE_SIMILARITY;
    }

    static double jaccard(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int common = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }
}
