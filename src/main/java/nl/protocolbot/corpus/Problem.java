package nl.protocolbot.corpus;

/**
 * One problem found in a corpus, located by file name and 1-based line (0 when the whole file is meant).
 */
public record Problem(String file, int line, String message) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
