package nl.protocolbot.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CSRF protection of the public 👍/👎 form. Public pages set no cookies, so the token cannot be tied to a
 * session; instead it is an HMAC (with a key that never leaves this process) over a fresh nonce, an expiry, the
 * articles answered and the question. Only a form this server rendered is accepted, only for what it showed, and
 * only once (the nonce is claimed when the vote is counted). Written here because it is a few lines over the JDK's
 * HMAC; the session-bound tokens of the management pages are in {@link Sessions}.
 */
final class VoteTokens {
    /** How long a rendered answer can be voted on. */
    static final Duration VALID = Duration.ofHours(12);

    /** A vote whose form checked out. */
    record Vote(List<String> articleIds, String question, String nonce) {
    }

    private final byte[] key = new byte[32];
    private final SecureRandom random;
    private final Clock clock;

    VoteTokens(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
        random.nextBytes(key);
    }

    /** The hidden fields for a form under an answer that showed {@code articleIds} for {@code question}. */
    Views.VoteForm issue(List<String> articleIds, String question) {
        byte[] n = new byte[16];
        random.nextBytes(n);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(n);
        String expires = Long.toString(clock.instant().plus(VALID).getEpochSecond());
        String ids = String.join(",", articleIds);
        return new Views.VoteForm(ids, question, nonce, expires, sign(nonce, expires, ids, question));
    }

    /** The vote, when the fields are a form this server issued and it has not expired. */
    Optional<Vote> check(String ids, String question, String nonce, String expires, String token) {
        if (ids == null || question == null || nonce == null || expires == null || token == null) {
            return Optional.empty();
        }
        long until;
        try {
            until = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        byte[] expected = sign(nonce, expires, ids, question).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))
                || clock.instant().getEpochSecond() > until || !ids.matches("[a-z0-9/._-]+(,[a-z0-9/._-]+)*")) {
            return Optional.empty();
        }
        return Optional.of(new Vote(List.of(ids.split(",")), question, nonce));
    }

    /** Nonce, expiry and IDs hold no newline; the question, which may, comes last: the input is unambiguous. */
    private String sign(String nonce, String expires, String ids, String question) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((nonce + "\n" + expires + "\n" + ids + "\n" + question)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
