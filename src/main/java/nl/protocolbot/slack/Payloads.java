package nl.protocolbot.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.slack.api.app_backend.dialogs.payload.DialogCancellationPayload;
import com.slack.api.app_backend.dialogs.payload.DialogSubmissionPayload;
import com.slack.api.app_backend.dialogs.payload.DialogSuggestionPayload;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.events.payload.UrlVerificationPayload;
import com.slack.api.app_backend.interactive_components.payload.AttachmentActionPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockSuggestionPayload;
import com.slack.api.app_backend.interactive_components.payload.GlobalShortcutPayload;
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.app_backend.interactive_components.payload.WorkflowStepEditPayload;
import com.slack.api.app_backend.views.payload.ViewClosedPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks at what Slack sent before Bolt does. Bolt's request parser logs the whole body at WARN when it meets a
 * type it does not know (Slack's {@code app_rate_limited} callback, or anything new), and its form decoding logs
 * fragments of a body it cannot decode; bodies never reach the log here, so such requests are sorted out first.
 */
final class Payloads {
    /** The JSON payload types Bolt's request parser turns into requests. */
    private static final Set<String> BOLT_TYPES = Set.of(AttachmentActionPayload.TYPE, BlockActionPayload.TYPE,
            BlockSuggestionPayload.TYPE, GlobalShortcutPayload.TYPE, MessageShortcutPayload.TYPE,
            EventsApiPayload.TYPE, UrlVerificationPayload.TYPE, DialogCancellationPayload.TYPE,
            DialogSubmissionPayload.TYPE, DialogSuggestionPayload.TYPE, ViewSubmissionPayload.TYPE,
            ViewClosedPayload.TYPE, WorkflowStepEditPayload.TYPE);
    private static final int MAX_NAME = 60;

    enum Kind {
        /** Something Bolt handles: give it to Bolt. */
        BOLT,
        /** A well-formed payload of a type Bolt does not know: acknowledge it and let it be. */
        OTHER,
        /** Not something Slack sends: refuse it. */
        MALFORMED
    }

    /** What a body is, with its type name when it has one (printable, see {@link #printable}). */
    record Verdict(Kind kind, String type) {
    }

    private Payloads() {
    }

    /** What an HTTP body is: a JSON payload, or a form (see {@link #ofForm}). */
    static Verdict ofHttpBody(String body, java.util.function.Supplier<Map<String, List<String>>> form) {
        return body.strip().startsWith("{") ? ofJson(body) : ofForm(form.get());
    }

    /**
     * What a form body is: a JSON payload in its {@code payload} field, a slash command ({@code command}) or an
     * SSL check ({@code ssl_check}), or none of these.
     *
     * @param form the body's fields, decoded; empty when the body is no valid form
     */
    static Verdict ofForm(Map<String, List<String>> form) {
        if (form.containsKey("payload")) {
            return ofJson(form.get("payload").get(0));
        }
        if (form.containsKey("command")) {
            return new Verdict(Kind.BOLT, "command");
        }
        if (form.containsKey("ssl_check")) {
            return new Verdict(Kind.BOLT, "ssl_check");
        }
        return new Verdict(Kind.MALFORMED, "?");
    }

    /** What a JSON payload is, by its {@code type}. */
    static Verdict ofJson(String json) {
        JsonElement e;
        try {
            e = JsonParser.parseString(json);
        } catch (JsonParseException | StackOverflowError malformed) {
            return new Verdict(Kind.MALFORMED, "?");
        }
        if (!e.isJsonObject()) {
            return new Verdict(Kind.MALFORMED, "?");
        }
        JsonObject o = e.getAsJsonObject();
        JsonElement type = o.get("type");
        if (type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
            return new Verdict(Kind.MALFORMED, "?");
        }
        String t = type.getAsString();
        return new Verdict(BOLT_TYPES.contains(t) ? Kind.BOLT : Kind.OTHER, printable(t));
    }

    /** A type or error name as given when it is a plausible Slack name ({@code message:file_share}); else "?". */
    static String printable(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || !name.matches("[a-z0-9_.:-]+")) {
            return "?";
        }
        return name;
    }
}
