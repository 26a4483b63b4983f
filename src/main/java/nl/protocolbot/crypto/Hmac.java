package nl.protocolbot.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the one signature both Slack (v0 signatures) and Teams (outgoing webhooks) use. */
public final class Hmac {
    private Hmac() {
    }

    /** HMAC-SHA256 of the parts, in order, under {@code key}. */
    public static byte[] sha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /** Compares in constant time, so that timing tells an attacker nothing about how much of a signature was right. */
    public static boolean same(byte[] expected, byte[] given) {
        return given != null && MessageDigest.isEqual(expected, given);
    }
}
