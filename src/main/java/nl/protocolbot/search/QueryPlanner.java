package nl.protocolbot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Turns a cleaned question into {@link Concept}s: the query analyzer's tokens grouped by the question word they
 * came from (their offsets). Synonyms carry the type {@code SYNONYM}; compound parts carry Lucene's default type
 * {@code word}; everything else is the word's own stem.
 */
final class QueryPlanner {
    /** At most this many meaningful words of a question are used. */
    static final int MAX_CONCEPTS = 24;
    /** At most this many terms per word (own stem, synonyms, parts). */
    static final int MAX_TERMS = 16;

    private final Analyzer query;

    QueryPlanner(Analyzer query) {
        this.query = query;
    }

    List<Concept> plan(String cleaned) {
        Map<Long, Concept> bySpan = new LinkedHashMap<>();
        try (TokenStream ts = query.tokenStream("all", cleaned)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            TypeAttribute type = ts.addAttribute(TypeAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                int start = offset.startOffset();
                int end = offset.endOffset();
                long key = ((long) start << 32) | end;
                Concept c = bySpan.get(key);
                if (c == null) {
                    if (bySpan.size() >= MAX_CONCEPTS) {
                        continue;
                    }
                    c = new Concept(start, end);
                    bySpan.put(key, c);
                }
                String t = term.toString();
                if (c.allTerms().contains(t) || c.allTerms().size() >= MAX_TERMS) {
                    continue;
                }
                if (SynonymGraphFilter.TYPE_SYNONYM.equals(type.type())) {
                    c.synonyms.add(t);
                } else if (TypeAttribute.DEFAULT_TYPE.equals(type.type())) {
                    c.parts.add(t);
                } else if (c.original == null) {
                    c.original = t;
                } else {
                    c.synonyms.add(t);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mergeMultiWordSynonyms(new ArrayList<>(bySpan.values()));
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
