package nl.protocolbot.answer;

import java.util.stream.Collectors;

/** Renders an {@link Answer} as plain Dutch text for a terminal. */
public final class AnswerText {
    private AnswerText() {
    }

    public static String render(Answer answer) {
        StringBuilder sb = new StringBuilder();
        switch (answer.status()) {
            case EMPTY_QUESTION -> sb.append(Answer.NOT_UNDERSTOOD).append("\n\n");
            case NOTHING_FOUND, NOT_IN_PROTOCOL -> sb.append(answer.message()).append("\n\n");
            case ANSWERED -> {
                sb.append(answer.items().size() == 1 ? "Dit zegt het protocol:\n\n" : "Dit zeggen de protocollen:\n\n");
                int n = 1;
                for (Answer.Item item : answer.items()) {
                    sb.append(n++).append(". ");
                    item(sb, item);
                    sb.append('\n');
                }
            }
        }
        sb.append(Answer.REMINDER).append('\n');
        return sb.toString();
    }

    /** One article with its source, as {@code show} prints it. */
    public static String article(Answer.Item item) {
        StringBuilder sb = new StringBuilder();
        item(sb, item);
        return sb.toString();
    }

    private static void item(StringBuilder sb, Answer.Item item) {
        sb.append(item.title()).append(" [").append(item.id()).append("]\n");
        sb.append("   ").append(item.organisation()).append(" — ").append(item.citation());
        if (!item.section().isEmpty()) {
            sb.append(" › ").append(item.section());
        }
        sb.append('\n');
        if (item.showHighlight()) {
            sb.append("   » ").append(item.highlight()).append('\n');
        }
        sb.append(item.text().lines().map(l -> "   " + l).collect(Collectors.joining("\n"))).append('\n');
        if (!item.alsoIn().isEmpty()) {
            sb.append("   Zo ook in: ").append(item.alsoIn().stream()
                    .map(r -> r.id() + " (" + r.organisation() + ")").collect(Collectors.joining(", "))).append('\n');
        }
    }
}
