package nl.protocolbot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Reads a question into a {@link Question}: each meaningful word with its lemmas and synonyms (one pass of the
 * query chain), and for a word the index does not know, in this order: the corpus word it is without accents
 * ({@code prive → privé}), its parts when it is a compound of known words ({@code klassenfoto → klas + foto}), or
 * the corpus words it is a typo of ({@code instagarm → instagram}). Each word weighs its IDF over the articles and
 * questions of the index. Thread-safe.
 */
final class QuestionReader {
    /** At most this many meaningful words of a question are used. */
    static final int MAX_WORDS = 24;
    /** At most this many terms per word (lemmas, synonyms, corrections). */
    static final int MAX_TERMS = 16;
    /** The weight of a word no index knows (about the IDF of a common word). */
    static final double UNKNOWN_WEIGHT = 1.0;
    /** A noun no index knows weighs like a word found in this share of the texts (see {@link #unknownWeight}). */
    static final double UNKNOWN_NOUN_SHARE = 0.01;
    /** Share of its weight a compound's modifier keeps next to its head (the last part). */
    static final double MODIFIER_WEIGHT = 0.5;
    /**
     * A word whose synonyms are found in at least this share of all articles (like "Instagram", a kind of
     * "sociale media") names what the whole corpus is about: every article covers it implicitly. (A word that is
     * itself that common is not: "sociale media" typed as such asks what social media are.)
     */
    static final double CONTEXT_SHARE = 0.4;
    private static final int MAX_TYPOS = 10;

    private final Analysis analysis;
    private final Index index;

    QuestionReader(Analysis analysis, Index index) {
        this.analysis = analysis;
        this.index = index;
    }

    Question read(String cleaned) {
        List<Question.Word> words = new ArrayList<>();
        for (Reading r : readings(cleaned)) {
            for (Reading part : understood(r)) {
                words.add(word(part));
            }
        }
        return new Question(cleaned, words.size() > MAX_WORDS ? words.subList(0, MAX_WORDS) : words);
    }

    /** What the analysis made of one word: its text, own terms, synonyms, and how it was corrected. */
    private record Reading(String surface, Set<String> own, Set<String> synonyms, Question.Source source,
                           boolean modifier) {
        Reading with(Question.Source s, boolean mod) {
            return new Reading(surface, own, synonyms, s, mod);
        }
    }

    /**
     * A reading whose own terms some article contains; else its compound parts (when the articles do not know the
     * whole word, its parts may be in them), the reading itself when an example question knows it (with its typo
     * corrections when no dictionary knows it), its
     * accent-restored form, the reading itself when its synonyms are known, or its typo corrections.
     */
    private List<Reading> understood(Reading r) {
        if (!analysis.tuning.has(Tuning.Step.ANALYSIS) || r.own().stream().anyMatch(t -> index.articleDf(t) > 0)) {
            return List.of(r);
        }
        List<Reading> parts = parts(r);
        if (!parts.isEmpty()) {
            return parts;
        }
        String accented = analysis.tuning.has(Tuning.Step.TYPOS) ? analysis.vocabulary.withAccents(r.surface()) : null;
        if (known(r.own())) {
            // Only example questions use it, as staff type it: without its accent ("prive", as some examples have
            // it), it also stands for the word with the accent that the articles use
            Reading a = accented == null ? null : single(accented, r);
            if (a != null && known(a.own())) {
                Set<String> own = new LinkedHashSet<>(a.own());
                own.addAll(r.own());
                return List.of(new Reading(r.surface(), own, a.synonyms(), a.source(), r.modifier()));
            }
            // When the dictionary does not know it either, it may be a typo that one example happens to share
            // ("fotos"): then it also stands for the words it is a typo of.
            Reading typo = known(r.synonyms()) ? null : typo(r);
            if (typo == null) {
                return List.of(r);
            }
            Set<String> own = new LinkedHashSet<>(r.own());
            own.addAll(typo.own());
            return List.of(new Reading(r.surface(), own, typo.synonyms(), Question.Source.TYPO, r.modifier()));
        }
        if (accented != null) {
            Reading a = single(accented, r);
            if (a != null && known(a.own())) {
                return List.of(a);
            }
        }
        Reading typo = known(r.synonyms()) ? null : typo(r);
        return List.of(typo != null ? typo : r);
    }

    /** The parts of a compound, each read on its own; the compound's synonyms go to its head (the last part). */
    private List<Reading> parts(Reading r) {
        List<Reading> out = new ArrayList<>();
        for (String p : analysis.compoundParts(r.surface())) {
            Reading part = single(p, r);
            if (part != null) {
                out.add(part.with(Question.Source.WORD, true));
            }
        }
        if (out.size() < 2 || !known(out.get(out.size() - 1).own())) {
            return List.of(); // a split helps only when the head (a klassenfoto is a foto) is a word of the corpus
        }
        Reading head = out.remove(out.size() - 1);
        Set<String> own = new LinkedHashSet<>(head.own());
        own.addAll(r.own()); // an example question may use the whole compound
        Set<String> synonyms = new LinkedHashSet<>(head.synonyms());
        synonyms.addAll(r.synonyms());
        out.add(new Reading(head.surface(), own, synonyms, Question.Source.WORD, false));
        return out;
    }

    /** The corpus words an unknown word is a typo of: one edit for 4 to 9 letters, two from 10, same first letter. */
    private Reading typo(Reading r) {
        int len = r.surface().codePointCount(0, r.surface().length());
        if (!analysis.tuning.has(Tuning.Step.TYPOS) || len < 4 || analysis.lexicon.lookup().knows(r.surface())) {
            return null;
        }
        Set<String> own = new LinkedHashSet<>();
        Set<String> synonyms = new LinkedHashSet<>();
        for (String near : analysis.vocabulary.near(r.surface(), len >= 10 ? 2 : 1, MAX_TYPOS)) {
            Reading c = single(near, r);
            if (c != null) {
                own.addAll(c.own());
                synonyms.addAll(c.synonyms());
            }
        }
        return own.isEmpty() ? null : new Reading(r.surface(), own, synonyms, Question.Source.TYPO, r.modifier());
    }

    /** One word read on its own, standing for the word {@code of}; null when it is a stop word. */
    private Reading single(String word, Reading of) {
        List<Reading> rs = readings(word);
        return rs.isEmpty() ? null : new Reading(of.surface(), rs.get(0).own(), rs.get(0).synonyms(),
                Question.Source.WORD, of.modifier());
    }

    private boolean known(Set<String> terms) {
        return terms.stream().anyMatch(this::known);
    }

    private boolean known(String term) {
        return index.articleDf(term) > 0 || index.questionDf(term) > 0;
    }

    /** A reading weighed and reduced to the terms the index holds (no other term can match). */
    private Question.Word word(Reading r) {
        List<Question.Term> terms = terms(r);
        int ownDf = r.own().stream().mapToInt(this::df).max().orElse(0);
        int maxDf = terms.stream().mapToInt(t -> df(t.term())).max().orElse(0);
        boolean context = isContext(terms);
        double weight = context ? idf(maxDf) : ownDf > 0 ? idf(ownDf) : maxDf > 0 ? idf(maxDf) : unknownWeight(r);
        return new Question.Word(r.surface(), terms, r.modifier() ? weight * MODIFIER_WEIGHT : weight, r.modifier(),
                context);
    }

    /** The reading's own terms, then its synonyms, as far as the index holds them; all typo terms for a typo. */
    private List<Question.Term> terms(Reading r) {
        boolean typo = r.source() == Question.Source.TYPO;
        List<Question.Term> terms = new ArrayList<>();
        for (String t : r.own()) {
            add(terms, t, typo ? Question.Source.TYPO : Question.Source.WORD);
        }
        for (String t : r.synonyms()) {
            if (!r.own().contains(t)) {
                add(terms, t, typo ? Question.Source.TYPO : Question.Source.SYNONYM);
            }
        }
        return terms;
    }

    /** Whether the word's synonyms, not the word itself, are in {@link #CONTEXT_SHARE} of the articles. */
    private boolean isContext(List<Question.Term> terms) {
        double common = CONTEXT_SHARE * index.size();
        int own = 0;
        int other = 0;
        for (Question.Term t : terms) {
            if (t.source() == Question.Source.WORD) {
                own = Math.max(own, index.articleDf(t.term()));
            } else {
                other = Math.max(other, index.articleDf(t.term()));
            }
        }
        return index.size() > 0 && other >= common && own < common;
    }

    /**
     * A word none of the corpus's texts contains. When the lexicon knows it as a noun and nothing else ("hond",
     * "salaris") it names a subject the protocols do not mention: it weighs like a fairly specific word (found in
     * {@link #UNKNOWN_NOUN_SHARE} of the texts), so a question about it is covered by an article only when the rest
     * of the question clearly is ("mijn mening over de staking op twitter"). Any other word (a verb, a name, an
     * unknown abbreviation, a typo with no correction) weighs little.
     */
    private double unknownWeight(Reading r) {
        Lexicon.Lookup lookup = analysis.lexicon.lookup();
        boolean noun = analysis.tuning.has(Tuning.Step.LEXICON) && lookup.isNoun(r.surface())
                && !lookup.isContentWord(r.surface(), "WKW") && !lookup.isContentWord(r.surface(), "BNW");
        return noun ? idf((int) Math.ceil(UNKNOWN_NOUN_SHARE * (index.size() + index.questions()))) : UNKNOWN_WEIGHT;
    }

    private void add(List<Question.Term> terms, String t, Question.Source source) {
        if (terms.size() < MAX_TERMS && known(t) && terms.stream().noneMatch(x -> x.term().equals(t))) {
            terms.add(new Question.Term(t, source));
        }
    }

    /** In how many documents (articles and questions) a term occurs. */
    private int df(String term) {
        return index.articleDf(term) + index.questionDf(term);
    }

    private double idf(int df) {
        int total = index.size() + index.questions();
        return Math.log(1 + (total - df + 0.5) / (df + 0.5));
    }

    /**
     * The words of a text: the word chain gives each word's own terms (grouped by the offsets of the word they came
     * from); whatever the query chain adds is a synonym. A synonym of several words ("social media") joins the first
     * word inside its span.
     */
    private List<Reading> readings(String text) {
        Map<Long, Reading> bySpan = new LinkedHashMap<>();
        read(analysis.words, text, (span, term, type) -> {
            Reading r = bySpan.computeIfAbsent(span, k -> new Reading(text.substring((int) (span >>> 32),
                    (int) (span & 0xFFFFFFFFL)).toLowerCase(Locale.ROOT), new LinkedHashSet<>(), new LinkedHashSet<>(), Question.Source.WORD,
                    false));
            r.own().add(term);
        });
        if (analysis.query != analysis.words) {
            List<long[]> multi = new ArrayList<>();
            List<String> multiTerms = new ArrayList<>();
            read(analysis.query, text, (span, term, type) -> {
                Reading r = bySpan.get(span);
                if (r != null && !r.own().contains(term)) {
                    r.synonyms().add(term);
                } else if (r == null) {
                    multi.add(new long[] {span >>> 32, span & 0xFFFFFFFFL});
                    multiTerms.add(term);
                }
            });
            attachMultiWord(bySpan, multi, multiTerms);
        }
        return new ArrayList<>(bySpan.values());
    }

    private interface TokenSink {
        void accept(long span, String term, String type);
    }

    private static void read(Analyzer analyzer, String text, TokenSink sink) {
        try (TokenStream ts = analyzer.tokenStream(Index.ALL, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            TypeAttribute type = ts.addAttribute(TypeAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                sink.accept(((long) offset.startOffset() << 32) | offset.endOffset(), term.toString(), type.type());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void attachMultiWord(Map<Long, Reading> bySpan, List<long[]> spans, List<String> terms) {
        for (int i = 0; i < spans.size(); i++) {
            long[] s = spans.get(i);
            for (Map.Entry<Long, Reading> e : bySpan.entrySet()) {
                long start = e.getKey() >>> 32;
                long end = e.getKey() & 0xFFFFFFFFL;
                if (start >= s[0] && end <= s[1]) {
                    e.getValue().synonyms().add(terms.get(i));
                    break;
                }
            }
        }
    }
}
