package nl.protocolbot.search;

import java.util.ArrayList;
import java.util.List;

/**
 * One meaningful word of a question, with everything it may match: its own stem, the stems of its synonyms, and
 * the parts of a split compound. Built by {@link QueryPlanner}.
 */
final class Concept {
    final int start;
    final int end;
    String original;
    final List<String> synonyms = new ArrayList<>();
    final List<String> parts = new ArrayList<>();
    /** How much of the question this word carries (an IDF), set by the planner. */
    double weight;
    /** Whether typo tolerance applies: none of the word's terms is in the index. */
    boolean unknown;
    /** Boost of the word's query: below 1 for the modifier of a split compound. */
    float boost = 1f;
    /** Typo tolerance for an unknown word: the rewritten fuzzy query and the index terms it found. */
    org.apache.lucene.search.Query fuzzy;
    final java.util.Set<String> fuzzyTerms = new java.util.HashSet<>();
    /** Whether the word itself (not a synonym) is found in most articles. */
    boolean commonOriginal;
    /** The word's terms that the index holds (set when it is weighed). */
    final java.util.Set<String> known = new java.util.HashSet<>();

    /** Whether the word names the corpus's general subject, which every article covers implicitly. */
    boolean context;

    Concept(int start, int end) {
        this.start = start;
        this.end = end;
    }

    List<String> allTerms() {
        List<String> all = new ArrayList<>();
        if (original != null) {
            all.add(original);
        }
        all.addAll(synonyms);
        all.addAll(parts);
        return all;
    }

    boolean isEmpty() {
        return original == null && synonyms.isEmpty() && parts.isEmpty();
    }

    @Override
    public String toString() {
        return original + (synonyms.isEmpty() ? "" : " syn" + synonyms) + (parts.isEmpty() ? "" : " parts" + parts)
                + String.format(java.util.Locale.ROOT, " w=%.2f", weight) + (unknown ? " unknown" : "") + (context ? " context" : "");
    }
}
