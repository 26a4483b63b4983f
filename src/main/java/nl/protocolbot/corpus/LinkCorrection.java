package nl.protocolbot.corpus;

import java.util.Objects;

/**
 * A correction by the communication department of the computed links between articles of different protocols
 * ({@code links.txt}): two articles that state the same rule, so that the example questions of one also serve the
 * other ({@code linked}), or two that must never be linked.
 *
 * @param first  an article
 * @param second an article of another protocol
 * @param linked whether they are linked ({@code =}) or must not be ({@code !=})
 * @param source where the correction stands (file and line)
 */
public record LinkCorrection(String first, String second, boolean linked, String source) {
    public LinkCorrection {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(source, "source");
    }
}
