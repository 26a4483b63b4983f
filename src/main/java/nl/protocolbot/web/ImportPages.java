package nl.protocolbot.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.answer.ArticleLinks;
import nl.protocolbot.corpus.Protocol;
import nl.protocolbot.importer.Draft;
import nl.protocolbot.importer.ImportException;
import nl.protocolbot.importer.Importer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Importing a protocol on the management pages: the upload form ({@code /beheer/importeren}), the review of the
 * proposed articles beside the document's text ({@code /beheer/concept/<id>}) with its edits, and publishing into
 * the corpus folder the bot follows. Drafts stay in memory ({@link Drafts}); the log gets counts only, never a
 * document's text, file name or protocol name. Every form carries the session's CSRF token; every refusal says
 * why in Dutch on the page itself.
 */
final class ImportPages {
    private static final Logger LOG = LoggerFactory.getLogger(ImportPages.class);
    /** The upload form and where it posts. */
    static final String PATH = "/beheer/importeren";
    /** A draft's review page and where its forms post: this plus the draft's ID. */
    static final String DRAFTS = "/beheer/concept/";
    /** Largest upload: the largest document the importer reads, plus room for the form's other fields. */
    static final int MAX_UPLOAD = Math.toIntExact(Importer.MAX_BYTES + 64 * 1024);
    /** Longest organisation name. */
    static final int MAX_ORGANISATION = 200;
    private static final String NO_CORPUS = "Publiceren kan alleen als de bot een corpusmap volgt "
            + "(PROTOCOLBOT_CORPUS).";

    private final Importer importer;
    private final Optional<Path> corpusDir;
    private final BooleanSupplier reload;
    private final Drafts drafts;
    private final Sessions sessions;
    private final Supplier<Answerer> answerer;

    /**
     * @param corpusDir the folder the bot follows, where a protocol is published; without one, documents can be
     *                  read and reviewed but not published
     * @param reload    reloads the live corpus at once after a publish (it would otherwise wait for its next look)
     */
    ImportPages(Importer importer, Optional<Path> corpusDir, BooleanSupplier reload, Drafts drafts, Sessions sessions,
                Supplier<Answerer> answerer) {
        this.importer = importer;
        this.corpusDir = corpusDir;
        this.reload = reload;
        this.drafts = drafts;
        this.sessions = sessions;
        this.answerer = answerer;
    }

    /** Whether a session cookie is signed in: the upload's body is received only for one that is. */
    boolean signedIn(String cookie) throws Exception {
        return signed(cookie).isPresent();
    }

    /** {@code GET /beheer/importeren}: the upload form, with the session's drafts under review. */
    Outcome form(String cookie, Optional<Sessions.Flash> flash) throws Exception {
        Optional<Sessions.Session> s = signed(cookie);
        if (s.isEmpty()) {
            return Outcome.redirect("/beheer");
        }
        Outcome o = Outcome.of(upload(s.get(), 200, flash.orElse(none()), new Drafts.Target("", "", "", false)));
        return flash.isPresent() ? o.endingFlash() : o;
    }

    /** {@code POST /beheer/importeren}: reads the document into a draft and shows its review. */
    Outcome upload(String cookie, Map<String, Multipart.Part> form) throws Exception {
        Optional<Sessions.Session> s = signed(cookie);
        if (s.isEmpty()) {
            return Outcome.redirect("/beheer");
        }
        if (!Sessions.csrfMatches(s.get(), text(form, "csrf"))) {
            return Outcome.of(AdminPages.expired());
        }
        Multipart.Part file = form.get("bestand");
        Drafts.Target target = new Drafts.Target(file == null ? "" : file.fileName(), text(form, "protocol").strip(),
                text(form, "organisatie").strip(), form.containsKey("vervang"));
        Optional<String> wrong = wrongTarget(target);
        if (wrong.isPresent()) {
            return Outcome.of(upload(s.get(), 400, problem(wrong.get()), target));
        }
        if (file == null || file.fileName().isEmpty() && file.content().length == 0) {
            return Outcome.of(upload(s.get(), 400, problem("Kies het document dat je wilt importeren."), target));
        }
        Draft draft;
        try {
            draft = importer.read(file.fileName(), file.content());
        } catch (ImportException e) {
            int status = file.content().length > Importer.MAX_BYTES ? 413 : 400;
            return Outcome.of(upload(s.get(), status, problem("Het document is niet ingelezen: " + e.getMessage()),
                    target));
        }
        Drafts.Entry e = drafts.add(s.get().cookie(), draft, target);
        LOG.info("import: document read into a draft of {} articles; {} drafts kept", draft.articles().size(),
                drafts.size());
        return Outcome.redirect(DRAFTS + e.id()).withFlash(new Sessions.Flash("Ingelezen: " + count(draft)
                + " voorgesteld. Controleer ze naast de tekst van het document en publiceer het protocol daarna.",
                false));
    }

    /** {@code GET /beheer/concept/<id>}: the review of a draft. */
    Outcome review(String cookie, String id, Optional<Sessions.Flash> flash) throws Exception {
        Optional<Sessions.Session> s = signed(cookie);
        if (s.isEmpty()) {
            return Outcome.redirect("/beheer");
        }
        Optional<Drafts.Entry> e = drafts.find(s.get().cookie(), id);
        if (e.isEmpty()) {
            return Outcome.of(gone());
        }
        Outcome o = Outcome.of(review(s.get(), e.get(), 200, flash.orElse(none())));
        return flash.isPresent() ? o.endingFlash() : o;
    }

    /**
     * {@code POST /beheer/concept/<id>}: one change, named by the field {@code actie}: {@code titel},
     * {@code samenvoegen}, {@code splitsen}, {@code publiceren} or {@code weggooien}.
     */
    Outcome change(String cookie, String id, Map<String, String> form) throws Exception {
        Optional<Sessions.Session> s = signed(cookie);
        if (s.isEmpty()) {
            return Outcome.redirect("/beheer");
        }
        if (!Sessions.csrfMatches(s.get(), form.get("csrf"))) {
            return Outcome.of(AdminPages.expired());
        }
        Optional<Drafts.Entry> found = drafts.find(s.get().cookie(), id);
        if (found.isEmpty()) {
            return Outcome.of(gone());
        }
        int article = number(form.get("artikel"));
        int paragraph = number(form.get("alinea"));
        String action = form.getOrDefault("actie", "");
        return switch (action) {
            case "titel" -> edit(s.get(), found.get(), form, article, d -> d.retitle(article,
                    form.getOrDefault("titel", "")), "De titel van artikel " + ref(found.get(), article)
                    + " is opgeslagen.");
            case "samenvoegen" -> edit(s.get(), found.get(), form, article, d -> d.merge(article),
                    "Artikel " + ref(found.get(), article) + " is samengevoegd met " + ref(found.get(), article + 1)
                    + ".");
            case "splitsen" -> edit(s.get(), found.get(), form, article, d -> d.split(article, paragraph),
                    "Artikel " + ref(found.get(), article) + " is gesplitst vóór alinea " + (paragraph + 1) + ".");
            case "publiceren" -> publish(s.get(), found.get(), form);
            case "weggooien" -> {
                drafts.remove(s.get().cookie(), id);
                LOG.info("import: draft thrown away; {} drafts kept", drafts.size());
                yield Outcome.redirect(PATH).withFlash(new Sessions.Flash("Het concept is weggegooid.", false));
            }
            default -> Outcome.of(review(s.get(), found.get(), 400, problem("Onbekende wijziging.")));
        };
    }

    /** Applies an edit; on success back to the review at that article, otherwise the review with the reason. */
    private Outcome edit(Sessions.Session s, Drafts.Entry e, Map<String, String> form, int article,
                         UnaryOperator<Draft> change, String done) {
        try {
            Optional<Drafts.Entry> next = drafts.edit(s.cookie(), e.id(), number(form.get("versie")), change);
            if (next.isEmpty()) {
                return Outcome.of(gone());
            }
            int shown = Math.min(Math.max(0, article), next.get().draft().articles().size() - 1);
            return Outcome.redirect(DRAFTS + e.id() + "#artikel-" + shown).withFlash(new Sessions.Flash(done,
                    false));
        } catch (Drafts.Stale stale) {
            return Outcome.of(review(s, e, 409, problem(stale.getMessage())));
        } catch (IllegalArgumentException refused) {
            return Outcome.of(review(s, e, 400, problem("Niet gewijzigd: " + refused.getMessage() + ".")));
        }
    }

    /** Writes the draft into the corpus folder, reloads the bot and says what it now serves. */
    private Outcome publish(Sessions.Session s, Drafts.Entry e, Map<String, String> form) {
        Drafts.Target target = new Drafts.Target(e.target().fileName(), form.getOrDefault("protocol", "").strip(),
                form.getOrDefault("organisatie", "").strip(), form.containsKey("vervang"));
        drafts.retarget(s.cookie(), e.id(), target);
        Drafts.Entry shown = new Drafts.Entry(e.id(), e.draft(), target, e.revision(), e.used());
        if (number(form.get("versie")) != e.revision()) {
            return Outcome.of(review(s, shown, 409, problem(new Drafts.Stale().getMessage())));
        }
        if (corpusDir.isEmpty()) {
            return Outcome.of(review(s, shown, 400, problem(NO_CORPUS)));
        }
        Optional<String> wrong = wrongTarget(target);
        if (wrong.isPresent()) {
            return Outcome.of(review(s, shown, 400, problem("Niet gepubliceerd: " + wrong.get())));
        }
        if (!target.replace() && Files.exists(corpusDir.get().resolve(target.slug() + ".md"))) {
            return Outcome.of(review(s, shown, 400, problem("Niet gepubliceerd: er staat al een protocol "
                    + target.slug() + " in de corpusmap. Vink ‘Vervang bestaand protocol’ aan om het te vervangen, "
                    + "of kies een andere naam.")));
        }
        Importer.Written written;
        try {
            written = importer.write(e.draft(), corpusDir.get(), target.slug(), target.organisation(),
                    target.replace());
        } catch (ImportException refused) {
            return Outcome.of(review(s, shown, 400, problem("Niet gepubliceerd: " + refused.getMessage())));
        }
        drafts.remove(s.cookie(), e.id());
        reload.getAsBoolean();
        int articles = written.protocol().articles().size();
        LOG.info("import: protocol published with {} articles; {} drafts kept", articles, drafts.size());
        Answerer now = answerer.get();
        Optional<Protocol> served = now == null ? Optional.empty() : now.corpus().protocol(target.slug());
        List<Views.Link> links = new ArrayList<>();
        String started = written.startedFromBundled() ? " De corpusmap was leeg en is eerst gevuld met het "
                + "meegeleverde corpus." : "";
        if (served.isPresent()) {
            links.add(new Views.Link(ArticleLinks.protocolPath(target.slug()), "Bekijk de " + articles
                    + " artikelen van " + served.get().title()));
            links.add(new Views.Link(PATH, "Nog een protocol importeren"));
            links.add(new Views.Link("/beheer", "Naar de beheerpagina"));
            return Outcome.of(message(200, "Protocol gepubliceerd", "Gepubliceerd: protocol " + target.slug()
                    + " van " + target.organisation() + " staat met " + articles + " artikelen in de corpusmap, "
                    + "en de bot antwoordt er nu uit." + started, links));
        }
        links.add(new Views.Link("/beheer", "Naar de beheerpagina"));
        return Outcome.of(message(200, "Geschreven, nog niet geladen", "Het protocol " + target.slug() + " ("
                + articles + " artikelen) staat in de corpusmap, maar de bot heeft het nog niet geladen. Zie "
                + "‘Laatste geweigerde wijziging’ op de beheerpagina." + started, links));
    }

    /** What is wrong with the protocol name or organisation, if anything. */
    private static Optional<String> wrongTarget(Drafts.Target t) {
        if (!Importer.validSlug(t.slug())) {
            return Optional.of("‘" + t.slug() + "’ is geen geldige naam voor een protocol: gebruik kleine letters, "
                    + "cijfers en ‘-’, hoogstens 40 tekens (bijvoorbeeld stichting-primo).");
        }
        if (t.organisation().isEmpty()) {
            return Optional.of("Geef de naam van de organisatie (bijvoorbeeld Stichting Primo).");
        }
        if (t.organisation().length() > MAX_ORGANISATION || t.organisation().contains("\n")) {
            return Optional.of("De naam van de organisatie is één regel van hoogstens " + MAX_ORGANISATION
                    + " tekens.");
        }
        return Optional.empty();
    }

    private Optional<Sessions.Session> signed(String cookie) throws Exception {
        return sessions.find(cookie).filter(Sessions.Session::admin);
    }

    /** A form's text field, or empty. */
    private static String text(Map<String, Multipart.Part> form, String name) {
        Multipart.Part p = form.get(name);
        return p == null || !p.fileName().isEmpty() ? "" : p.text();
    }

    /** A form's index field; -1 for anything that is not one (the draft then refuses it). */
    private static int number(String s) {
        return s != null && s.matches("[0-9]{1,6}") ? Integer.parseInt(s) : -1;
    }

    /** An article's number for a message, e.g. [6]. */
    private static String ref(Drafts.Entry e, int index) {
        List<Draft.Article> a = e.draft().articles();
        return index >= 0 && index < a.size() ? "[" + a.get(index).ref() + "]" : "";
    }

    private static String count(Draft d) {
        return d.articles().size() == 1 ? "1 artikel" : d.articles().size() + " artikelen";
    }

    private static Sessions.Flash none() {
        return new Sessions.Flash("", false);
    }

    private static Sessions.Flash problem(String text) {
        return new Sessions.Flash(text, true);
    }

    /** An unknown draft: expired, pushed out by newer ones, another session's, or on another replica. */
    static Page gone() {
        return message(404, "Concept niet gevonden", "Dit concept bestaat niet (meer). Een concept blijft een uur "
                + "na het laatste gebruik bewaard, hoogstens " + Drafts.MAX + " tegelijk, en alleen voor wie het "
                + "inlas. Lees het document opnieuw in.", List.of(new Views.Link(PATH, "Naar Protocol importeren")));
    }

    /** A short page with where to go next. */
    static Page message(int status, String title, String text, List<Views.Link> links) {
        return new Page(status, "beheer-melding", Map.of("title", title, "text", text, "links", links,
                "problem", status >= 400));
    }

    /**
     * A message at the top of a page: its first line, then the lines after it as a list (the problems the
     * importer's check found, each with file and line).
     */
    record Notice(String text, List<String> details, boolean problem) {
        static Notice of(Sessions.Flash f) {
            List<String> lines = f.text().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return lines.isEmpty() ? new Notice("", List.of(), f.problem())
                    : new Notice(lines.get(0), lines.subList(1, lines.size()), f.problem());
        }
    }

    private Page upload(Sessions.Session s, int status, Sessions.Flash flash, Drafts.Target target) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Protocol importeren");
        m.put("csrf", s.csrf());
        m.put("notice", Notice.of(flash));
        m.put("target", target);
        m.put("canPublish", corpusDir.isPresent());
        m.put("maxMegabytes", Importer.MAX_BYTES >> 20);
        m.put("drafts", drafts.of(s.cookie()).stream().map(e -> new Views.Link(DRAFTS + e.id(),
                e.target().fileName().isEmpty() ? "(zonder naam)" : e.target().fileName(),
                count(e.draft()) + (e.target().slug().isEmpty() ? "" : " · " + e.target().slug()))).toList());
        return new Page(status, "beheer-import", m);
    }

    /** One proposed article on the review page. */
    record ArticleView(int index, String ref, String section, String title, List<String> paragraphs, int words,
                       boolean followed) {
    }

    /** How many articles a section got. */
    record SectionCount(String section, int articles) {
    }

    /** The review of a draft. */
    record Review(String id, int revision, String fileName, String title, String version, String adopted,
                  List<String> document, List<ArticleView> articles, List<SectionCount> sections,
                  List<String> doubts, List<String> dropped, long untitled, Drafts.Target target, boolean exists,
                  boolean canPublish) {
    }

    private Page review(Sessions.Session s, Drafts.Entry e, int status, Sessions.Flash flash) {
        Draft d = e.draft();
        List<ArticleView> articles = new ArrayList<>();
        for (int i = 0; i < d.articles().size(); i++) {
            Draft.Article a = d.articles().get(i);
            articles.add(new ArticleView(i, a.ref(), a.section(), a.title(), a.paragraphs(), a.words(),
                    i + 1 < d.articles().size()));
        }
        List<SectionCount> sections = d.perSection().entrySet().stream()
                .map(x -> new SectionCount(x.getKey().isEmpty() ? "(buiten een hoofdstuk)" : x.getKey(),
                        x.getValue())).toList();
        boolean exists = corpusDir.isPresent() && Importer.validSlug(e.target().slug())
                && Files.exists(corpusDir.get().resolve(e.target().slug() + ".md"));
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Concept controleren");
        m.put("csrf", s.csrf());
        m.put("notice", Notice.of(flash));
        m.put("review", new Review(e.id(), e.revision(), e.target().fileName(), d.title(), d.version(), d.adopted(),
                d.document(), articles, sections, d.doubts(), d.dropped(), d.untitled(), e.target(), exists,
                corpusDir.isPresent()));
        return new Page(status, "beheer-concept", m);
    }
}
