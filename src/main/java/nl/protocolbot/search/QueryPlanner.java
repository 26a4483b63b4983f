package nl.protocolbot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Turns a cleaned question into {@link Concept}s: the analyzers' tokens grouped by the question word they came
 * from (their offsets). The first token of a word is its own stem; the compound splitter's parts follow it.
 */
final class QueryPlanner {
    /** At most this many meaningful words of a question are used. */
    static final int MAX_CONCEPTS = 24;
    /** At most this many terms per word (own stem, synonyms, parts). */
    static final int MAX_TERMS = 16;

    private final Analyzer index;
    private final Analyzer query;
    private final Analyzer splitter;

    /**
     * @param splitter surface words and their compound parts, unstemmed; null when compounds are not split
     */
    QueryPlanner(Analyzer index, Analyzer query, Analyzer splitter) {
        this.index = index;
        this.query = query;
        this.splitter = splitter;
    }

    /**
     * A compound the index does not know becomes one word per part, each with its own synonyms, so that
     * {@code schoollogo} weighs like "school" and "logo" asked separately. Synonyms of the whole compound go to its
     * last part, the head of a Dutch compound (a klassenfoto is a foto).
     */
    List<Concept> splitCompound(Concept compound, String cleaned) {
        if (splitter == null || compound.parts.size() < 2) {
            return List.of(compound);
        }
        List<String> surfaceParts = new ArrayList<>();
        read(splitter, cleaned.substring(compound.start, compound.end), (start, end, term) -> surfaceParts.add(term));
        if (surfaceParts.size() < 3) {
            return List.of(compound);
        }
        surfaceParts.remove(0); // the whole word; its parts follow it at the same position
        List<Concept> out = new ArrayList<>();
        for (String part : surfaceParts) {
            for (Concept c : plan(part)) {
                if (c.original != null) {
                    Concept moved = new Concept(compound.start, compound.end);
                    moved.original = c.original;
                    moved.synonyms.addAll(c.synonyms);
                    out.add(moved);
                }
            }
        }
        if (out.isEmpty()) {
            return List.of(compound);
        }
        Concept head = out.get(out.size() - 1);
        for (String s : compound.synonyms) {
            if (out.stream().noneMatch(c -> c.allTerms().contains(s)) && head.allTerms().size() < MAX_TERMS) {
                head.synonyms.add(s);
            }
        }
        if (compound.original != null && !head.allTerms().contains(compound.original)) {
            head.synonyms.add(compound.original);
        }
        return out;
    }

    /**
     * The index chain gives each word's own stem and its compound parts; whatever the query chain adds at the same
     * offsets is a synonym.
     */
    List<Concept> plan(String cleaned) {
        Map<Long, Concept> bySpan = new LinkedHashMap<>();
        read(index, cleaned, (start, end, term) -> {
            Concept c = concept(bySpan, start, end);
            if (c == null || c.allTerms().contains(term) || c.allTerms().size() >= MAX_TERMS) {
                return;
            }
            if (c.original == null) {
                c.original = term; // the word itself comes first, then the parts of a compound at the same offsets
            } else {
                c.parts.add(term);
            }
        });
        if (query != index) {
            read(query, cleaned, (start, end, term) -> {
                Concept c = concept(bySpan, start, end);
                if (c != null && !c.allTerms().contains(term) && c.allTerms().size() < MAX_TERMS) {
                    c.synonyms.add(term);
                }
            });
        }
        return mergeMultiWordSynonyms(new ArrayList<>(bySpan.values()));
    }

    /** The word at these offsets, created on first sight; null once the question has its maximum of words. */
    private static Concept concept(Map<Long, Concept> bySpan, int start, int end) {
        Concept c = bySpan.get(span(start, end));
        if (c == null && bySpan.size() < MAX_CONCEPTS) {
            c = new Concept(start, end);
            bySpan.put(span(start, end), c);
        }
        return c;
    }

    private interface TokenSink {
        void accept(int start, int end, String term);
    }

    private static long span(int start, int end) {
        return ((long) start << 32) | end;
    }

    private static void read(Analyzer analyzer, String text, TokenSink sink) {
        try (TokenStream ts = analyzer.tokenStream(SearchEngine.ALL, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                sink.accept(offset.startOffset(), offset.endOffset(), term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multi-word synonym match spans several words; its synonyms join the first word inside that span. */
    private static List<Concept> mergeMultiWordSynonyms(List<Concept> concepts) {
        List<Concept> out = new ArrayList<>();
        for (Concept c : concepts) {
            if (c.original == null && c.parts.isEmpty()) {
                Concept inside = concepts.stream()
                        .filter(o -> o != c && o.original != null && o.start >= c.start && o.end <= c.end)
                        .findFirst().orElse(null);
                if (inside != null) {
                    for (String s : c.synonyms) {
                        if (!inside.allTerms().contains(s)) {
                            inside.synonyms.add(s);
                        }
                    }
                    continue;
                }
            }
            out.add(c);
        }
        return out;
    }
}
