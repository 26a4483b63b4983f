package nl.protocolbot.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.search.RuleLink;
import nl.protocolbot.answer.ArticleLinks;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.corpus.CorpusException;
import nl.protocolbot.corpus.Problem;
import nl.protocolbot.feedback.KeptTexts;
import nl.protocolbot.feedback.QuestionTexts;
import nl.protocolbot.feedback.Votes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management pages ({@code /beheer}): login and logout, the dashboard (corpus status, votes, charts) and, when
 * question texts are kept, linking them to articles or deleting them. Every form carries the session's CSRF token;
 * question texts travel only in page bodies, never in URLs or logs (the forms name them by ID). Importing a
 * protocol has pages of its own ({@link ImportPages}); the dashboard links there.
 */
final class AdminPages {
    private static final Logger LOG = LoggerFactory.getLogger(AdminPages.class);
    /** Most kept questions listed at once. */
    static final int KEPT_SHOWN = 100;
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm",
            Locale.forLanguageTag("nl-NL"));
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy",
            Locale.forLanguageTag("nl-NL"));

    private final byte[] passwordHash;
    private final Votes votes;
    private final KeptTexts keptTexts;
    private final QuestionTexts texts;
    private final Supplier<Optional<WebApp.CorpusStatus>> status;
    private final Optional<WebApp.Learner> learner;
    private final Sessions sessions;
    private final LoginLimiter limiter;
    private final Clock clock;
    private final boolean importing;

    /** @param importing whether protocols can be imported ({@link ImportPages}): the dashboard links there */
    AdminPages(String password, Votes votes, KeptTexts keptTexts, QuestionTexts texts,
               Supplier<Optional<WebApp.CorpusStatus>> status, Optional<WebApp.Learner> learner, Sessions sessions,
               LoginLimiter limiter, Clock clock, boolean importing) {
        this.passwordHash = sha256(password);
        this.votes = votes;
        this.keptTexts = keptTexts;
        this.texts = texts;
        this.status = status;
        this.learner = learner;
        this.sessions = sessions;
        this.limiter = limiter;
        this.clock = clock;
        this.importing = importing;
    }

    /**
     * {@code GET /beheer}: the dashboard when signed in (with the message a form left, if any), otherwise the login
     * form (with a session for its token).
     */
    Outcome show(String sessionId, Optional<Sessions.Flash> flash, Answerer answerer) throws Exception {
        Optional<Sessions.Session> s = sessions.find(sessionId);
        if (s.isPresent() && s.get().admin()) {
            Outcome o = Outcome.of(dashboard(s.get(), flash, answerer));
            return flash.isPresent() ? o.endingFlash() : o;
        }
        Sessions.Session anonymous = s.orElseGet(sessions::open);
        return Outcome.of(login(anonymous, "", 200)).withSession(anonymous.cookie());
    }

    /** {@code POST /beheer/inloggen}. */
    Outcome login(String sessionId, Map<String, String> form) throws Exception {
        Optional<Sessions.Session> s = sessions.find(sessionId);
        if (s.isEmpty() || !Sessions.csrfMatches(s.get(), form.get("csrf"))) {
            return Outcome.of(expired());
        }
        byte[] given = sha256(form.getOrDefault("wachtwoord", ""));
        switch (limiter.attempt(() -> MessageDigest.isEqual(given, passwordHash))) {
            case SIGNED_IN -> {
                LOG.info("management: signed in");
                return Outcome.redirect("/beheer").withSession(sessions.signIn().cookie());
            }
            case WRONG -> {
                LOG.warn("management: wrong password");
                return Outcome.of(login(s.get(), "Onjuist wachtwoord.", 401));
            }
            default -> {
                // not logged: refused attempts come as fast as anyone sends them; the five wrong ones were
                return Outcome.of(Page.message(429, "Te veel pogingen", "Er is te vaak een onjuist wachtwoord "
                        + "gegeven. Wacht een minuut en probeer het dan opnieuw.")).retryAfter(LoginLimiter.WINDOW);
            }
        }
    }

    /** {@code POST /beheer/uitloggen}. */
    Outcome logout(String sessionId, Map<String, String> form) throws Exception {
        Optional<Sessions.Session> s = sessions.find(sessionId);
        if (s.isEmpty()) {
            return Outcome.redirect("/beheer").endingSession();
        }
        if (!Sessions.csrfMatches(s.get(), form.get("csrf"))) {
            return Outcome.of(expired());
        }
        sessions.close(s.get());
        return Outcome.redirect("/beheer").endingSession();
    }

    /** {@code POST /beheer/koppel}: the kept question becomes an example question of the article. */
    Outcome link(String sessionId, Map<String, String> form) throws Exception {
        Optional<Sessions.Session> s = signedIn(sessionId);
        if (s.isEmpty() || !Sessions.csrfMatches(s.get(), form.get("csrf"))) {
            return s.isEmpty() ? Outcome.redirect("/beheer") : Outcome.of(expired());
        }
        Optional<KeptTexts.Text> k = find(form.getOrDefault("vraag", ""));
        String article = form.getOrDefault("artikel", "").strip();
        if (k.isEmpty()) {
            return flash(s.get(), "Deze vraag staat niet (meer) in de lijst.", true);
        }
        if (learner.isEmpty()) {
            return flash(s.get(), "Koppelen kan alleen als de bot een corpusmap volgt (PROTOCOLBOT_CORPUS).", true);
        }
        if (article.isEmpty()) {
            return flash(s.get(), "Kies het artikel dat de vraag beantwoordt: zijn ID, zoals op de pagina van het artikel "
                    + "(protocol/nummer).", true);
        }
        try {
            learner.get().learn(article, k.get().question());
        } catch (CorpusException e) {
            return flash(s.get(), "Niet gekoppeld: " + String.join("; ", e.problems().stream()
                    .map(Problem::message).toList()), true);
        }
        keptTexts.delete(k.get().id());
        LOG.info("management: example question added to {}", article);
        return flash(s.get(), "Gekoppeld aan " + article + ": de vraag staat nu als voorbeeldvraag bij dat artikel.",
                false);
    }

    /** {@code POST /beheer/verwijder}: the kept text is deleted. */
    Outcome delete(String sessionId, Map<String, String> form) throws Exception {
        Optional<Sessions.Session> s = signedIn(sessionId);
        if (s.isEmpty() || !Sessions.csrfMatches(s.get(), form.get("csrf"))) {
            return s.isEmpty() ? Outcome.redirect("/beheer") : Outcome.of(expired());
        }
        Optional<KeptTexts.Text> k = find(form.getOrDefault("vraag", ""));
        boolean gone = k.isPresent() && keptTexts.delete(k.get().id());
        return flash(s.get(), gone ? "De vraag is verwijderd." : "Deze vraag staat niet (meer) in de lijst.", !gone);
    }

    /** A kept text by the ID a form names; empty for anything else. */
    private Optional<KeptTexts.Text> find(String id) throws Exception {
        if (!id.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        long n = Long.parseLong(id);
        return keptTexts.all().stream().filter(k -> k.id() == n).findFirst();
    }

    private Optional<Sessions.Session> signedIn(String sessionId) throws Exception {
        return sessions.find(sessionId).filter(Sessions.Session::admin);
    }

    private static Outcome flash(Sessions.Session s, String text, boolean problem) {
        return Outcome.redirect("/beheer").withFlash(new Sessions.Flash(text, problem));
    }

    /** A form without this session's token: stale, or made elsewhere. */
    static Page expired() {
        return Page.message(403, "Formulier verlopen", "Dit formulier is verlopen of komt niet van deze site. "
                + "Open de beheerpagina opnieuw en probeer het nog eens.");
    }

    private Page login(Sessions.Session s, String error, int status) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Beheer: inloggen");
        m.put("csrf", s.csrf());
        m.put("error", error);
        return new Page(status, "beheer-login", m);
    }

    private Page dashboard(Sessions.Session s, Optional<Sessions.Flash> flash, Answerer answerer) throws Exception {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Beheer");
        m.put("csrf", s.csrf());
        m.put("flash", flash.orElse(new Sessions.Flash("", false)));
        m.put("status", status.get().map(this::statusView).orElse(null));
        m.put("votes", votes(answerer));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        m.put("voteChart", Charts.votesPerDay(votes.perDay(today.minusDays(Charts.DAYS)).stream()
                .map(d -> new Charts.Day(d.day(), d.up(), d.down())).toList(), today));
        m.put("weekChart", Charts.unansweredPerWeek(keptTexts.unansweredPerWeek(today.minusWeeks(Charts.WEEKS))
                .stream().map(w -> new Charts.Week(w.monday(), w.count())).toList(), today));
        m.put("keeps", texts == QuestionTexts.KEEP);
        m.put("canLearn", learner.isPresent());
        m.put("canImport", importing);
        List<KeptTexts.Text> kept = new ArrayList<>(keptTexts.all());
        java.util.Collections.reverse(kept); // newest first
        m.put("kept", kept.stream().limit(KEPT_SHOWN).map(k -> keptView(k, answerer)).toList());
        m.put("links", answerer.links().stream()
                .filter(l -> answerer.defaultProtocol().map(l::involves).orElse(true))
                .map(AdminPages::linkView).toList());
        m.put("articles", answerer.corpus().articles().stream()
                .map(a -> new Views.Link(a.id(), a.id() + " · " + a.title())).toList());
        return Page.ok("beheer", m);
    }

    /** The corpus being served and the last refused change. */
    record StatusView(String version, String loadedAt, int articles, int protocols, String refusedAt,
                      String refusal, List<String> problems) {
    }

    /** Votes for one article. */
    record VoteRow(String id, String href, String title, long up, long down) {
    }

    /** A link between articles of two protocols, and whether it was computed or made by hand. */
    record LinkView(String first, String firstHref, String firstTitle, String second, String secondHref,
                    String secondTitle, String how) {
    }

    private static LinkView linkView(RuleLink l) {
        return new LinkView(l.first().id(), ArticleLinks.path(l.first().id()), l.first().title(), l.second().id(),
                ArticleLinks.path(l.second().id()), l.second().title(), l.how());
    }

    /** A kept question with what it was asked about. */
    record KeptView(String id, String kind, String day, String question, List<Views.Link> articles) {
    }

    private StatusView statusView(WebApp.CorpusStatus c) {
        Optional<WebApp.Refusal> r = c.lastRefusal();
        return new StatusView(c.version(), WHEN.format(c.loadedAt().atZone(AMSTERDAM)), c.articles(), c.protocols(),
                r.map(x -> WHEN.format(x.at().atZone(AMSTERDAM))).orElse(""), r.map(WebApp.Refusal::summary)
                .orElse(""), r.map(x -> x.problems().stream().map(Problem::toString).toList()).orElse(List.of()));
    }

    private List<VoteRow> votes(Answerer answerer) throws Exception {
        List<VoteRow> rows = new ArrayList<>();
        for (Votes.PerArticle v : votes.perArticle()) {
            String title = answerer.corpus().article(v.articleId()).map(Article::title)
                    .orElse("(niet meer in het corpus)");
            rows.add(new VoteRow(v.articleId(), ArticleLinks.path(v.articleId()), title, v.up(), v.down()));
        }
        return rows;
    }

    private KeptView keptView(KeptTexts.Text k, Answerer answerer) {
        List<Views.Link> articles = k.articleIds().stream().map(id -> new Views.Link(ArticleLinks.path(id), id,
                answerer.corpus().article(id).map(Article::title).orElse(""))).toList();
        return new KeptView(Long.toString(k.id()), k.kind() == KeptTexts.Kind.UNANSWERED
                ? "Geen antwoord gevonden" : "👎 niet nuttig: het antwoord", DAY.format(k.askedOn()), k.question(), articles);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
