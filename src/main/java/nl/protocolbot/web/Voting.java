package nl.protocolbot.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import nl.protocolbot.feedback.Vote;
import nl.protocolbot.feedback.Votes;
import nl.protocolbot.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /stem}: a 👍 or 👎 on an answer of the web page, counted like a vote in Slack. The form must be one
 * this server rendered ({@link VoteTokens}); each form counts once, however often it is sent (its nonce is claimed
 * durably, and given back when the vote could not be stored). A 👎 also keeps the question text, when the
 * operator asked for that.
 */
final class Voting {
    private static final Logger LOG = LoggerFactory.getLogger(Voting.class);

    private final VoteTokens tokens;
    private final Votes votes;
    private final Metrics metrics;

    Voting(VoteTokens tokens, Votes votes, Metrics metrics) {
        this.tokens = tokens;
        this.votes = votes;
        this.metrics = metrics;
    }

    Outcome vote(Map<String, String> form) throws Exception {
        String stem = form.getOrDefault("stem", "");
        if (!stem.equals("op") && !stem.equals("neer")) {
            return Outcome.of(Page.message(400, "Geen stem", "Kies 👍 of 👎 onder het antwoord."));
        }
        Optional<VoteTokens.Vote> vote = tokens.check(form.get("artikelen"), form.get("vraag"), form.get("nonce"),
                form.get("tot"), form.get("token"));
        if (vote.isEmpty()) {
            return Outcome.of(Page.message(403, "Stem niet geteld", "Dit antwoord kan niet meer beoordeeld worden. "
                    + "Stel je vraag opnieuw en stem dan."));
        }
        VoteTokens.Vote v = vote.get();
        boolean up = stem.equals("op");
        String key = "web-vote:" + v.nonce();
        if (votes.voteOnce(key, VoteTokens.VALID.plusHours(1), v.articleIds(),
                up ? Vote.UP : Vote.DOWN, Optional.of(v.question()))) {
            metrics.voted(Metrics.Platform.WEB, up ? Metrics.Vote.UP : Metrics.Vote.DOWN);
            LOG.info("web vote {} recorded for {}", up ? "up" : "down", v.articleIds());
        }
        return Outcome.redirect("/?q=" + URLEncoder.encode(v.question(), StandardCharsets.UTF_8)
                + "&gestemd=1#antwoord");
    }
}
