package nl.protocolbot.teams;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.security.Key;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the {@code Authorization: Bearer <JWT>} the Bot Connector puts on every request, as the Bot Framework
 * requires: RS256 by a current connector key that is endorsed for the activity's channel, issuer
 * {@code https://api.botframework.com}, audience our app ID, not expired (5 minutes of clock skew), and a
 * {@code serviceurl} claim equal to the activity's {@code serviceUrl}. Signature and claims are checked by nimbus.
 */
final class BotAuthenticator {
    static final String ISSUER = "https://api.botframework.com";
    static final int CLOCK_SKEW_SECONDS = 300;

    /** A refused token, with a fixed reason for the log (never the token or what it claims). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    /** What the token must match, and where the key selector leaves why it found no key. */
    static final class Expected implements SecurityContext {
        final String channelId;
        final String serviceUrl;
        String keyProblem;

        Expected(String channelId, String serviceUrl) {
            this.channelId = channelId;
            this.serviceUrl = serviceUrl;
        }
    }

    private final SigningKeys keys;
    private final DefaultJWTProcessor<Expected> processor = new DefaultJWTProcessor<>();

    BotAuthenticator(String appId, SigningKeys keys) {
        this.keys = keys;
        processor.setJWSKeySelector(this::select);
        processor.setJWTClaimsSetVerifier(new BotClaims(appId));
    }

    /**
     * @throws Refused                  when the request is not from the Bot Connector for this bot
     * @throws SigningKeys.Unavailable  when no keys could be fetched to check it
     */
    void verify(String authorization, String channelId, String serviceUrl) throws Refused, SigningKeys.Unavailable {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Refused("no bearer token");
        }
        if (channelId == null || channelId.isBlank() || serviceUrl == null || serviceUrl.isBlank()) {
            throw new Refused("activity without channelId or serviceUrl");
        }
        Expected expected = new Expected(channelId, serviceUrl);
        try {
            processor.process(authorization.substring(7).strip(), expected);
        } catch (SigningKeys.Unavailable e) {
            throw e;
        } catch (ParseException e) {
            throw new Refused("not a signed JWT");
        } catch (BadJWSException e) {
            throw new Refused("bad signature");
        } catch (BadJWTException e) {
            throw new Refused(claimProblem(e.getMessage()));
        } catch (BadJOSEException e) {
            throw new Refused(expected.keyProblem != null ? expected.keyProblem : "no matching key");
        } catch (JOSEException e) {
            throw new Refused("token could not be checked");
        }
    }

    private List<Key> select(JWSHeader header, Expected expected) throws SigningKeys.Unavailable {
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
            expected.keyProblem = "not RS256";
            return List.of();
        }
        if (header.getKeyID() == null) {
            expected.keyProblem = "no kid";
            return List.of();
        }
        Optional<SigningKeys.Key> key = keys.find(header.getKeyID());
        if (key.isEmpty()) {
            expected.keyProblem = "unknown kid";
            return List.of();
        }
        if (!key.get().endorsements().contains(expected.channelId)) {
            expected.keyProblem = "key not endorsed for the channel";
            return List.of();
        }
        try {
            return List.of(key.get().key().toRSAPublicKey());
        } catch (JOSEException e) {
            expected.keyProblem = "unusable key";
            return List.of();
        }
    }

    /** A fixed reason for nimbus's message, which may quote claim values from the (untrusted) token. */
    private static String claimProblem(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.startsWith("expired jwt")) {
            return "expired";
        } else if (m.startsWith("jwt audience rejected")) {
            return "wrong audience";
        } else if (m.startsWith("jwt iss claim")) {
            return "wrong issuer";
        } else if (m.startsWith("jwt missing required claims")) {
            return "missing claims";
        } else if (m.startsWith("serviceurl mismatch")) {
            return "serviceurl mismatch";
        } else if (m.startsWith("jwt before use time")) {
            return "not yet valid";
        }
        return "claims rejected";
    }

    /** Issuer, audience, expiry with skew, and the {@code serviceurl} claim against the activity. */
    static final class BotClaims extends DefaultJWTClaimsVerifier<Expected> {
        BotClaims(String appId) {
            super(appId, new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("exp", "serviceurl"));
            setMaxClockSkew(CLOCK_SKEW_SECONDS);
        }

        @Override
        public void verify(JWTClaimsSet claims, Expected expected) throws BadJWTException {
            super.verify(claims, expected);
            Object serviceUrl = claims.getClaim("serviceurl");
            if (!(serviceUrl instanceof String s) || !Urls.base(s).equals(Urls.base(expected.serviceUrl))) {
                throw new BadJWTException("serviceurl mismatch");
            }
        }
    }
}
