package nl.protocolbot.slack;

/** What may be logged of something Slack sent: a type or error name, and only when it looks like one. */
final class PayloadTypes {
    private static final int MAX = 60;

    private PayloadTypes() {
    }

    /** The name as given when it is a plausible Slack name ({@code message:file_share}); otherwise "?". */
    static String printable(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX || !name.matches("[a-z0-9_.:-]+")) {
            return "?";
        }
        return name;
    }
}
