package nl.protocolbot.web;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.CorpusException;
import nl.protocolbot.corpus.Problem;
import nl.protocolbot.feedback.KeptTexts;
import nl.protocolbot.feedback.QuestionTexts;
import nl.protocolbot.feedback.Votes;
import nl.protocolbot.feedback.WebState;
import nl.protocolbot.importer.Importer;
import nl.protocolbot.http.HttpEndpoint;
import nl.protocolbot.metrics.Metrics;
import org.eclipse.jetty.server.Handler;

/**
 * The web page: the search with its answers, articles, protocols, and, with a password set, the management pages
 * ({@code /beheer}). Server-rendered Dutch HTML that works without JavaScript. Build one with {@link #builder()}
 * and mount {@link #endpoint()} as the server's fallback for every path no other endpoint claims, and
 * {@link #uploads()}, when there is one, at {@link #UPLOAD_PATH}.
 */
public final class WebApp {
    /** Where a protocol document is uploaded (and its form shown); the only path with a body above 1 MB. */
    public static final String UPLOAD_PATH = ImportPages.PATH;

    /** Adds an example question to the corpus folder (what {@code protocolbot learn} does) and reloads it. */
    @FunctionalInterface
    public interface Learner {
        void learn(String articleId, String question) throws CorpusException;
    }

    /** What the management page shows about the corpus being served. */
    public record CorpusStatus(String version, Instant loadedAt, int articles, int protocols,
                               Optional<Refusal> lastRefusal) {
    }

    /** The last change of the corpus folder that was refused: when, and its problems with file and line. */
    public record Refusal(Instant at, List<Problem> problems, String summary) {
        public Refusal {
            problems = List.copyOf(problems);
        }
    }

    /** What importing a protocol needs: the importer, the folder to publish into, and how to reload the bot. */
    private record Importing(Importer importer, Optional<Path> corpusDir, BooleanSupplier reload) {
    }

    private final WebEndpoint endpoint;
    private final Optional<Handler> uploads;

    private WebApp(Builder b) throws SQLException {
        SecureRandom random = new SecureRandom();
        Objects.requireNonNull(b.answerer, "answerer");
        Objects.requireNonNull(b.votes, "votes");
        Objects.requireNonNull(b.keptTexts, "keptTexts");
        Objects.requireNonNull(b.webState, "webState");
        // one key in the shared store: a form or session made by one replica is good on every other
        byte[] key = b.webState.sharedKey("web-forms");
        VoteTokens tokens = new VoteTokens(key, random, b.clock);
        PublicPages pages = new PublicPages(tokens, b.protocol, b.metrics);
        Sessions sessions = new Sessions(b.webState, key, random);
        Optional<ImportPages> imports = b.adminPassword.flatMap(p -> b.importing).map(i -> new ImportPages(
                i.importer(), i.corpusDir(), i.reload(), new Drafts(b.clock, random), sessions, b.answerer));
        Optional<AdminPages> admin = b.adminPassword.map(password -> new AdminPages(password, b.votes, b.keptTexts,
                b.texts, b.status, b.learner, sessions, new LoginLimiter(b.webState, random), b.clock,
                imports.isPresent()));
        endpoint = new WebEndpoint(b.answerer, pages, new Voting(tokens, b.votes, b.metrics), admin, imports,
                b.publicUrl);
        uploads = imports.map(i -> new UploadHandler(endpoint, i));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Serves every page; answers 404 (with the page's look) for any path it does not know. Mount it for {@code /}
     * and everything under it, with {@link HttpEndpoint.Method#GET_POST}.
     */
    public HttpEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The upload of a protocol document, when protocols can be imported (management pages and an importer): mount
     * it at exactly {@link #UPLOAD_PATH} with {@code routes.handler}. It receives bodies up to 20 MB itself, only
     * for a signed-in session, and then answers through {@link #endpoint()}. Unmounted, uploads above the
     * server's body limit get its plain 413.
     */
    public Optional<Handler> uploads() {
        return uploads;
    }

    /** The web page's parts, each with a safe default. */
    public static final class Builder {
        private Supplier<Answerer> answerer;
        private Supplier<Optional<CorpusStatus>> status = Optional::empty;
        private Votes votes;
        private KeptTexts keptTexts;
        private WebState webState;
        private QuestionTexts texts = QuestionTexts.DISCARD;
        private Optional<Learner> learner = Optional.empty();
        private Optional<String> adminPassword = Optional.empty();
        private Optional<URI> publicUrl = Optional.empty();
        private Optional<String> protocol = Optional.empty();
        private Optional<Importing> importing = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private Metrics metrics = Metrics.NONE;

        private Builder() {
        }

        /** The current answerer (it changes on a live corpus reload); null while the first index is built. */
        public Builder answerer(Supplier<Answerer> answerer) {
            this.answerer = answerer;
            return this;
        }

        public Builder status(Supplier<Optional<CorpusStatus>> status) {
            this.status = status;
            return this;
        }

        /** Where votes are counted, and read for the management page. */
        public Builder votes(Votes votes) {
            this.votes = votes;
            return this;
        }

        /** The unanswered count and kept question texts, for the management page. */
        public Builder keptTexts(KeptTexts keptTexts) {
            this.keptTexts = keptTexts;
            return this;
        }

        /** The sessions, login limit and form-signing key every replica shares. */
        public Builder webState(WebState webState) {
            this.webState = webState;
            return this;
        }

        /** Whether the store keeps question texts ({@code PROTOCOLBOT_KEEP_UNANSWERED}): then they are listed. */
        public Builder questionTexts(QuestionTexts texts) {
            this.texts = texts;
            return this;
        }

        /** How to teach the bot; without one (no corpus folder), the management page cannot link questions. */
        public Builder learner(Optional<Learner> learner) {
            this.learner = learner;
            return this;
        }

        /** With a password, the management pages exist; without, {@code /beheer} is a 404. */
        public Builder adminPassword(Optional<String> adminPassword) {
            this.adminPassword = adminPassword;
            return this;
        }

        /** The address the page is reached at (permanent links; HTTPS there makes the session cookie Secure). */
        public Builder publicUrl(Optional<URI> publicUrl) {
            this.publicUrl = publicUrl;
            return this;
        }

        /**
         * Lets the management pages import a protocol ({@code /beheer/importeren}) with this importer (one for the
         * server: it loads its dictionary once) and publish it into {@code corpusDir}, then call {@code reload} so
         * the bot answers from it at once. Without a corpus folder, documents can be read and reviewed but not
         * published.
         */
        public Builder importing(Importer importer, Optional<Path> corpusDir, BooleanSupplier reload) {
            this.importing = Optional.of(new Importing(Objects.requireNonNull(importer, "importer"),
                    Objects.requireNonNull(corpusDir, "corpusDir"), Objects.requireNonNull(reload, "reload")));
            return this;
        }

        /** The one protocol the server answers from, if it is limited to one. */
        public Builder protocol(Optional<String> protocol) {
            this.protocol = protocol;
            return this;
        }

        /** Where questions answered and votes cast on the page are counted ({@code /metrics}, platform {@code web}). */
        public Builder metrics(Metrics metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Builds the web page; reads (or makes) its signing key in the feedback store. */
        public WebApp build() throws SQLException {
            return new WebApp(this);
        }
    }
}
