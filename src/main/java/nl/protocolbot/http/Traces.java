package nl.protocolbot.http;

/**
 * A stack trace fit for the log: the same classes, frames and causes, without the messages. A message can carry what
 * a user typed, a user ID or a token (an exception about a request quotes it), so a catch-all handler logs this
 * instead of the exception itself.
 */
public final class Traces {
    private Traces() {
    }

    /** {@code e} and its causes, each with its class name in place of its message. */
    public static Throwable withoutMessages(Throwable e) {
        return copy(e, 0);
    }

    private static Throwable copy(Throwable e, int depth) {
        Throwable cause = e.getCause() == null || e.getCause() == e || depth > 20 ? null : copy(e.getCause(), depth + 1);
        Throwable out = new Redacted(e.getClass().getName(), cause);
        out.setStackTrace(e.getStackTrace());
        return out;
    }

    /** An exception that prints as the class it stands for, without a message. */
    private static final class Redacted extends Exception {
        private static final long serialVersionUID = 1L;
        private final String type;

        Redacted(String type, Throwable cause) {
            super(type, cause, false, true);
            this.type = type;
        }

        @Override
        public String toString() {
            return type;
        }
    }
}
