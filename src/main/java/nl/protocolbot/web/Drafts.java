package nl.protocolbot.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import nl.protocolbot.importer.Draft;

/**
 * Imported documents under review, in this server's memory between requests: each under a random ID (256 bits) and
 * bound to the signed-in session that read it, so an ID alone is worth nothing. At most {@link #MAX} at once (the
 * least recently used goes first) and each ends {@link #IDLE} after its last use: a draft holds a whole document.
 * Not shared between replicas: behind a load balancer the review needs sticky sessions (an unknown draft says so).
 */
final class Drafts {
    /** Most drafts kept at once, over all sessions. */
    static final int MAX = 5;
    /** A draft unused this long is gone. */
    static final Duration IDLE = Duration.ofHours(1);

    /** What the upload form said: the file's name and where the draft is to go. */
    record Target(String fileName, String slug, String organisation, boolean replace) {
    }

    /**
     * A draft under review.
     *
     * @param revision counts the edits, so that a form made before another edit (a second tab) is refused instead
     *                 of changing the wrong article
     */
    record Entry(String id, Draft draft, Target target, int revision, Instant used) {
    }

    /** A form was made for an earlier state of the draft. */
    static final class Stale extends Exception {
        private static final long serialVersionUID = 1L;

        Stale() {
            super("Het concept is intussen gewijzigd (misschien in een ander tabblad). Bekijk het opnieuw en "
                    + "probeer het nog eens.", null, false, false);
        }
    }

    private record Held(String owner, Entry entry) {
    }

    private final Map<String, Held> held = new HashMap<>();
    private final Clock clock;
    private final SecureRandom random;

    Drafts(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** Keeps a new draft for the session {@code session}; returns it with its ID. */
    synchronized Entry add(String session, Draft draft, Target target) {
        expire();
        while (held.size() >= MAX) {
            held.values().stream().min(Comparator.comparing((Held h) -> h.entry().used()))
                    .ifPresent(h -> held.remove(h.entry().id()));
        }
        Entry e = new Entry(token(), draft, target, 0, clock.instant());
        held.put(e.id(), new Held(owner(session), e));
        return e;
    }

    /** The session's draft with this ID, if it is still kept; its idle time starts again. */
    synchronized Optional<Entry> find(String session, String id) {
        expire();
        Held h = held.get(id);
        if (h == null || !MessageDigest.isEqual(h.owner().getBytes(StandardCharsets.US_ASCII),
                owner(session).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Entry used = new Entry(id, h.entry().draft(), h.entry().target(), h.entry().revision(), clock.instant());
        held.put(id, new Held(h.owner(), used));
        return Optional.of(used);
    }

    /**
     * Applies an edit to the session's draft, made from the form of {@code revision}; returns the new state, or
     * empty when there is no such draft. The edit's {@link IllegalArgumentException} leaves the draft as it was.
     */
    synchronized Optional<Entry> edit(String session, String id, int revision, UnaryOperator<Draft> edit)
            throws Stale {
        Optional<Entry> e = find(session, id);
        if (e.isEmpty()) {
            return e;
        }
        if (e.get().revision() != revision) {
            throw new Stale();
        }
        Entry next = new Entry(id, edit.apply(e.get().draft()), e.get().target(), revision + 1, clock.instant());
        held.put(id, new Held(owner(session), next));
        return Optional.of(next);
    }

    /** Changes where the session's draft is to go (the publish form's fields), if it is still kept. */
    synchronized void retarget(String session, String id, Target target) {
        find(session, id).ifPresent(e -> held.put(id, new Held(owner(session),
                new Entry(id, e.draft(), target, e.revision(), e.used()))));
    }

    /** Forgets the session's draft (published or thrown away). */
    synchronized void remove(String session, String id) {
        if (find(session, id).isPresent()) {
            held.remove(id);
        }
    }

    /** The session's drafts, most recently used first. */
    synchronized List<Entry> of(String session) {
        expire();
        String owner = owner(session);
        List<Entry> out = new ArrayList<>();
        held.values().stream().filter(h -> h.owner().equals(owner)).map(Held::entry)
                .sorted(Comparator.comparing(Entry::used).reversed()).forEach(out::add);
        return out;
    }

    /** How many drafts are kept (for the log: counts only, never their content). */
    synchronized int size() {
        expire();
        return held.size();
    }

    private void expire() {
        Instant oldest = clock.instant().minus(IDLE);
        held.values().removeIf(h -> h.entry().used().isBefore(oldest));
    }

    /** Whom a draft belongs to: a hash of the session's cookie, so that no usable session ID is kept here. */
    private static String owner(String session) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(session.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** 256 random bits, URL-safe. */
    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
