package nl.protocolbot.cli;

/**
 * Slack's own payload shapes (as in the Slack Java SDK's sample logs and Slack's event reference), written for these
 * tests: the envelope, and the events a bot installed with the manifest's subscriptions receives.
 */
final class SlackPayloads {
    static final String USER = "U0SECRETUSER";

    private SlackPayloads() {
    }

    /** An {@code event_callback} envelope as Slack sends it over HTTP (and inside a Socket Mode envelope). */
    static String callback(String eventId, String event) {
        return """
                {"token":"verificationTOKEN123","team_id":"T0001","api_app_id":"A0001","type":"event_callback",
                 "authorizations":[{"enterprise_id":null,"team_id":"T0001","user_id":"UBOT","is_bot":true,
                   "is_enterprise_install":false}],
                 "is_ext_shared_channel":false,"event_id":"%s","event_time":1700000000,
                 "event_context":"4-eyJldCI6Im1lc3NhZ2UifQ","event":%s}""".formatted(eventId, event);
    }

    /** A direct message with a photo attached: subtype {@code file_share}, the text next to the file. */
    static String fileShareDm(String text, String ts) {
        return """
                {"type":"message","subtype":"file_share","text":"%s",
                 "files":[{"id":"F0001","created":1700000000,"timestamp":1700000000,"name":"klas.jpg",
                   "title":"klas.jpg","mimetype":"image/jpeg","filetype":"jpg","pretty_type":"JPEG",
                   "user":"%s","mode":"hosted","editable":false,"is_external":false,"external_type":"",
                   "size":48213,"url_private":"https://files.slack.com/files-pri/T0001-F0001/klas.jpg",
                   "permalink":"https://school.slack.com/files/U0/F0001/klas.jpg","is_public":false,
                   "display_as_bot":false,"has_rich_preview":false}],
                 "upload":false,"user":"%s","display_as_bot":false,"ts":"%s",
                 "blocks":[{"type":"rich_text","block_id":"Xy1","elements":[{"type":"rich_text_section",
                   "elements":[{"type":"text","text":"%s"}]}]}],
                 "client_msg_id":"5f1b2c3d-0000-4000-8000-000000000001",
                 "channel":"D0DM","event_ts":"%s","channel_type":"im"}"""
                .formatted(text, USER, USER, ts, text, ts);
    }

    /** A thread reply that is also sent to the conversation: subtype {@code thread_broadcast}, with its root. */
    static String threadBroadcastDm(String text, String ts, String threadTs) {
        return """
                {"client_msg_id":"5f1b2c3d-0000-4000-8000-000000000002","type":"message",
                 "subtype":"thread_broadcast","channel":"D0DM","user":"%s",
                 "root":{"text":"eerdere vraag","user":"%s","type":"message","thread_ts":"%s","reply_count":1,
                   "reply_users_count":1,"latest_reply":"%s","ts":"%s"},
                 "text":"%s","ts":"%s","thread_ts":"%s","event_ts":"%s","channel_type":"im"}"""
                .formatted(USER, USER, threadTs, ts, threadTs, text, ts, threadTs, ts);
    }

    /** Another app's message in the DM: subtype {@code bot_message}, with {@code bot_id} and no user. */
    static String botMessage(String text, String ts) {
        return """
                {"type":"message","subtype":"bot_message","text":"%s","ts":"%s","username":"Andere bot",
                 "bot_id":"B0OTHER","channel":"D0DM","event_ts":"%s","channel_type":"im"}"""
                .formatted(text, ts, ts);
    }

    /** A person edits a DM: subtype {@code message_changed}, the new text inside {@code message}. */
    static String messageChanged(String text, String ts, String editTs) {
        return """
                {"type":"message","subtype":"message_changed","hidden":true,
                 "message":{"client_msg_id":"5f1b2c3d-0000-4000-8000-000000000003","type":"message","text":"%s",
                   "user":"%s","team":"T0001","edited":{"user":"%s","ts":"%s"},"ts":"%s","source_team":"T0001",
                   "user_team":"T0001"},
                 "channel":"D0DM","previous_message":{"client_msg_id":"5f1b2c3d-0000-4000-8000-000000000003",
                   "type":"message","text":"oud","user":"%s","ts":"%s"},
                 "event_ts":"%s","ts":"%s","channel_type":"im"}"""
                .formatted(text, USER, USER, editTs, ts, USER, ts, editTs, editTs);
    }

    /** A person deletes a DM: subtype {@code message_deleted}. */
    static String messageDeleted(String ts, String deleteTs) {
        return """
                {"type":"message","subtype":"message_deleted","hidden":true,"channel":"D0DM","ts":"%s",
                 "deleted_ts":"%s","event_ts":"%s","previous_message":{"type":"message","user":"%s","text":"weg",
                 "ts":"%s"},"channel_type":"im"}""".formatted(deleteTs, ts, deleteTs, USER, ts);
    }

    /** Someone joins a channel the bot is in: subtype {@code channel_join}. */
    static String channelJoin(String ts) {
        return """
                {"type":"message","subtype":"channel_join","ts":"%s","user":"%s","text":"<@%s> has joined the channel",
                 "inviter":"U0INVITER","channel":"C0CHAN","event_ts":"%s","channel_type":"channel"}"""
                .formatted(ts, USER, USER, ts);
    }

    /** A person mentions the bot in a channel. */
    static String mention(String text, String ts) {
        return """
                {"client_msg_id":"5f1b2c3d-0000-4000-8000-000000000004","type":"app_mention","text":"<@UBOT> %s",
                 "user":"%s","ts":"%s","team":"T0001",
                 "blocks":[{"type":"rich_text","block_id":"Ab1","elements":[{"type":"rich_text_section",
                   "elements":[{"type":"user","user_id":"UBOT"},{"type":"text","text":" %s"}]}]}],
                 "channel":"C0CHAN","event_ts":"%s"}""".formatted(text, USER, ts, text, ts);
    }

    /** The same mention after the person edited it: Slack sends a new {@code app_mention} with {@code edited}. */
    static String editedMention(String text, String ts, String editTs) {
        return """
                {"client_msg_id":"5f1b2c3d-0000-4000-8000-000000000004","type":"app_mention","text":"<@UBOT> %s",
                 "user":"%s","ts":"%s","team":"T0001","edited":{"user":"%s","ts":"%s"},
                 "channel":"C0CHAN","event_ts":"%s"}""".formatted(text, USER, ts, USER, editTs, editTs);
    }

    /** Another app mentions the bot: {@code bot_id} and {@code bot_profile} set. */
    static String botMention(String text, String ts) {
        return """
                {"type":"app_mention","text":"<@UBOT> %s","user":"U0OTHERBOTUSER","bot_id":"B0OTHER",
                 "app_id":"A0OTHER","bot_profile":{"id":"B0OTHER","deleted":false,"name":"Andere bot",
                   "updated":1700000000,"app_id":"A0OTHER","team_id":"T0001"},
                 "ts":"%s","team":"T0001","channel":"C0CHAN","event_ts":"%s"}""".formatted(text, ts, ts);
    }

    /** Slack's notice that the app is being rate limited; it is not an {@code event_callback}. */
    static String appRateLimited() {
        return """
                {"token":"verificationTOKEN123","type":"app_rate_limited","team_id":"T0001",
                 "minute_rate_limited":1518467820,"api_app_id":"A0001"}""";
    }

    /**
     * A button click as Slack posts it ({@code block_actions}, form-encoded {@code payload}), on a message with
     * timestamp {@code messageTs} in channel C0CHAN.
     */
    static String blockAction(String user, String actionId, String value, String responseUrl, String messageTs) {
        String payload = """
                {"type":"block_actions","user":{"id":"%s","username":"juf.anna","name":"juf.anna","team_id":"T0001"},
                 "api_app_id":"A0001","token":"verificationTOKEN123",
                 "container":{"type":"message","message_ts":"%s","channel_id":"C0CHAN","is_ephemeral":false},
                 "trigger_id":"1700000000.1.%s","team":{"id":"T0001","domain":"school"},"enterprise":null,
                 "is_enterprise_install":false,"channel":{"id":"C0CHAN","name":"algemeen"},
                 "message":{"bot_id":"BBOT","type":"message","text":"Dit zegt het protocol","user":"UBOT",
                   "ts":"%s","app_id":"A0001","team":"T0001"},
                 "state":{"values":{}},"response_url":"%s",
                 "actions":[{"action_id":"%s","block_id":"b1","text":{"type":"plain_text","text":"knop","emoji":true},
                   "value":%s,"type":"button","action_ts":"1700000001.000200"}]}"""
                .formatted(user, messageTs, Long.toString(System.nanoTime()), messageTs, responseUrl, actionId,
                        new com.google.gson.JsonPrimitive(value));
        return "payload=" + java.net.URLEncoder.encode(payload, java.nio.charset.StandardCharsets.UTF_8);
    }
}
