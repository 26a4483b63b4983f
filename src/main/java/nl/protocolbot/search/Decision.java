package nl.protocolbot.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether to answer, and with which candidates: an honest "niets gevonden" beats a confident wrong rule.
 * <ol>
 *   <li>Each article shown must cover at least {@link #MIN_COVERAGE} of the question and score at least
 *       {@link #MIN_RELATIVE_SCORE} of the best.</li>
 *   <li>The question must ask something beyond the words that name the corpus's whole subject (platforms and
 *       social media: see {@link Question.Word#context}): "Instagram" alone is no question about the protocol.</li>
 *   <li>What it asks beyond those words must be covered by one of those articles, with its example questions, at
 *       least {@link #MIN_SPECIFIC} of the way; {@link #MIN_SPECIFIC_WITHOUT_TOPIC} when none of its words is one of
 *       the protocols' subjects ({@code topics.txt}).</li>
 *   <li>Put as it is, stop words and all, it must resemble the example questions more than the out-of-scope
 *       questions ({@link Retrieval.Neighbours}): "hoe zet ik meldingen uit in teams" is a question about an app,
 *       however many articles mention Teams. When less than {@link #WEAK_COVERAGE} of its content is covered, it
 *       must resemble them {@link #WEAK_COVERAGE_MARGIN} times as much.</li>
 * </ol>
 * Stateless.
 */
final class Decision {
    static final double MIN_COVERAGE = 0.2;
    static final double MIN_RELATIVE_SCORE = 0.1;
    static final double MIN_SPECIFIC = 0.2;
    /** The same, for a question that touches none of the protocols' topics ({@code topics.txt}). */
    static final double MIN_SPECIFIC_WITHOUT_TOPIC = 0.7;
    /**
     * Below this much of its content covered, a question's phrasing must resemble the example questions
     * {@link #WEAK_COVERAGE_MARGIN} times as much as the out-of-scope questions: weak evidence needs a clear lead.
     */
    static final double WEAK_COVERAGE = 0.4;
    static final double WEAK_COVERAGE_MARGIN = 1.2;

    private final Tuning tuning;
    private final Set<String> topics;

    Decision(Tuning tuning, Set<String> topics) {
        this.tuning = tuning;
        this.topics = topics;
    }

    /** The candidates to show, best first; empty for "niets gevonden". */
    List<Fusion.Candidate> decide(Question q, Coverage coverage, List<Fusion.Candidate> ranked,
                                  Retrieval.Found found) {
        if (ranked.isEmpty() || !tuning.has(Tuning.Step.COVERAGE)) {
            return ranked;
        }
        double best = ranked.get(0).score();
        List<Fusion.Candidate> out = new ArrayList<>();
        for (Fusion.Candidate c : ranked) {
            if (c.coverage().all() >= MIN_COVERAGE && c.score() >= MIN_RELATIVE_SCORE * best) {
                out.add(c);
            }
        }
        if (tuning.has(Tuning.Step.OUT_OF_SCOPE) && !inScope(q, coverage, out, found)) {
            return List.of();
        }
        return out;
    }

    private boolean inScope(Question q, Coverage coverage, List<Fusion.Candidate> candidates,
                            Retrieval.Found found) {
        double specific = candidates.stream().mapToDouble(c -> c.coverage().specific()).max().orElse(0);
        double needed = touchesATopic(q) ? MIN_SPECIFIC : MIN_SPECIFIC_WITHOUT_TOPIC;
        if (!coverage.hasSpecificWords() || specific < needed) {
            return false;
        }
        Retrieval.Neighbours n = found.neighbours();
        double margin = specific < WEAK_COVERAGE ? WEAK_COVERAGE_MARGIN : 1.0;
        // a tie is a doubt: then the bot does not answer
        return n.outOfScope() == 0 || n.outOfScope() * margin < n.example();
    }

    /** Whether a word, synonym, compound part or typo correction is a topic. Without a topics file: always. */
    boolean touchesATopic(Question q) {
        if (topics.isEmpty()) {
            return true;
        }
        for (Question.Word w : q.words()) {
            for (Question.Term t : w.terms()) {
                if (topics.contains(t.term())) {
                    return true;
                }
            }
        }
        return false;
    }
}
