package nl.protocolbot.slack;

/** What may be logged of a payload: its type name, and only when it looks like one. */
final class PayloadTypes {
    private static final int MAX = 60;

    private PayloadTypes() {
    }

    /** The type as given when it is a plausible Slack type name ({@code message:file_share}); otherwise "?". */
    static String printable(String type) {
        if (type == null || type.isEmpty() || type.length() > MAX || !type.matches("[a-z0-9_.:-]+")) {
            return "?";
        }
        return type;
    }
}
