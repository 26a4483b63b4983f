package nl.protocolbot.web;

import java.time.Duration;

/**
 * What a request gets, before it becomes HTTP: a page, or a redirect (303, after a form), plus what happens to the
 * management cookies.
 *
 * @param page       the page to show, or null for a redirect
 * @param location   where to go next, or null for a page
 * @param session    a session cookie value to set, or null to leave it
 * @param endSession whether to remove the session cookie
 * @param flash      a message for the next page (kept in a short-lived cookie), or null
 * @param endFlash   whether to remove that cookie (its message has been shown)
 * @param retryAfter when to come back (429, 503), or zero
 */
record Outcome(Page page, String location, String session, boolean endSession, Sessions.Flash flash,
               boolean endFlash, Duration retryAfter) {
    static Outcome of(Page page) {
        return new Outcome(page, null, null, false, null, false, Duration.ZERO);
    }

    static Outcome redirect(String location) {
        return new Outcome(null, location, null, false, null, false, Duration.ZERO);
    }

    Outcome withSession(String cookie) {
        return new Outcome(page, location, cookie, false, flash, endFlash, retryAfter);
    }

    Outcome endingSession() {
        return new Outcome(page, location, null, true, flash, endFlash, retryAfter);
    }

    Outcome withFlash(Sessions.Flash message) {
        return new Outcome(page, location, session, endSession, message, false, retryAfter);
    }

    Outcome endingFlash() {
        return new Outcome(page, location, session, endSession, null, true, retryAfter);
    }

    Outcome retryAfter(Duration d) {
        return new Outcome(page, location, session, endSession, flash, endFlash, d);
    }
}
