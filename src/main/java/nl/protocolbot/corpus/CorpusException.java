package nl.protocolbot.corpus;

import java.util.List;

/** A corpus that cannot be used. The message is one line per problem, each naming file and line. */
public final class CorpusException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public CorpusException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
