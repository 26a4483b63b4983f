package nl.protocolbot.search;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A question as the search reads it: its meaningful words, each with the index terms it may match and how much it
 * weighs. Immutable; built by {@link QuestionReader}, read by every later step.
 *
 * @param text  the question as plain text (markup removed)
 * @param words the meaningful words, in question order (a split compound gives one word per part)
 */
record Question(String text, List<Question.Word> words) {
    Question {
        Objects.requireNonNull(text);
        words = List.copyOf(words);
    }

    /** How a term came to stand for a word; each kind earns its own share of the word's credit. */
    enum Source {
        /** The word's own lemma (or stem). */
        WORD(1.0),
        /** A synonym from {@code synonyms.txt}. */
        SYNONYM(0.9),
        /** A typo correction against the corpus vocabulary. */
        TYPO(0.7);

        final double credit;

        Source(double credit) {
            this.credit = credit;
        }
    }

    /** One index term a word may match. */
    record Term(String term, Source source) {
    }

    /**
     * One meaningful word.
     *
     * @param surface  the word as typed (for {@code explain})
     * @param terms    the index terms it may match, its own lemmas first
     * @param weight   how much of the question it carries (an IDF; less for a compound's modifier)
     * @param modifier whether it is the first part of a split compound (a klassenfoto is first of all a foto)
     * @param context  whether it names the corpus's general subject ("Instagram" → social media), which every article
     *                 covers implicitly
     */
    record Word(String surface, List<Term> terms, double weight, boolean modifier, boolean context) {
        Word {
            terms = List.copyOf(terms);
        }

        /** The terms of one source. */
        List<String> terms(Source source) {
            return terms.stream().filter(t -> t.source() == source).map(Term::term).toList();
        }

        Set<String> allTerms() {
            return terms.stream().map(Term::term).collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s → %s w=%.2f%s%s", surface,
                    terms.stream().map(t -> t.source() == Source.WORD ? t.term() : t.term() + "(" + t.source()
                            .name().toLowerCase(Locale.ROOT).charAt(0) + ")").toList(),
                    weight, modifier ? " modifier" : "", context ? " context" : "");
        }
    }

    boolean isEmpty() {
        return words.isEmpty();
    }
}
