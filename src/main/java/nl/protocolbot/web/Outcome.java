package nl.protocolbot.web;

import java.time.Duration;

/**
 * What a request gets, before it becomes HTTP: a page, or a redirect (303, after a form), plus what happens to the
 * management session cookie.
 *
 * @param page       the page to show, or null for a redirect
 * @param location   where to go next, or null for a page
 * @param session    a session ID to set as the cookie, or null to leave it
 * @param endSession whether to remove the cookie
 * @param retryAfter when to come back (429, 503), or zero
 */
record Outcome(Page page, String location, String session, boolean endSession, Duration retryAfter) {
    static Outcome of(Page page) {
        return new Outcome(page, null, null, false, Duration.ZERO);
    }

    static Outcome redirect(String location) {
        return new Outcome(null, location, null, false, Duration.ZERO);
    }

    Outcome withSession(String id) {
        return new Outcome(page, location, id, false, retryAfter);
    }

    Outcome endingSession() {
        return new Outcome(page, location, null, true, retryAfter);
    }

    Outcome retryAfter(Duration d) {
        return new Outcome(page, location, session, endSession, d);
    }
}
