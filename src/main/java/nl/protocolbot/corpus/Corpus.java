package nl.protocolbot.corpus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated corpus: the protocols with their articles, plus the editable word lists that belong to it.
 * Immutable. Obtain one from {@link CorpusLoader}.
 */
public final class Corpus {
    /** A text file of the corpus folder: its name (for messages) and content. */
    public record TextFile(String name, String content) {
    }

    private final List<Protocol> protocols;
    private final Optional<TextFile> synonyms;
    private final Optional<TextFile> topics;
    private final List<Article> coreRules;
    private final List<Example> examples;
    private final List<String> outOfScope;
    private final List<LinkCorrection> linkCorrections;
    private final String fingerprint;
    private final Map<String, Article> byId = new LinkedHashMap<>();

    Corpus(List<Protocol> protocols, Optional<TextFile> synonyms, Optional<TextFile> topics, List<String> coreRuleIds,
           List<Example> examples, List<String> outOfScope, List<LinkCorrection> linkCorrections, String fingerprint) {
        this.linkCorrections = List.copyOf(linkCorrections);
        this.protocols = List.copyOf(protocols);
        this.examples = List.copyOf(examples);
        this.outOfScope = List.copyOf(outOfScope);
        this.synonyms = synonyms;
        this.topics = topics;
        this.fingerprint = fingerprint;
        for (Protocol p : this.protocols) {
            for (Article a : p.articles()) {
                byId.put(a.id(), a);
            }
        }
        this.coreRules = coreRuleIds.stream().map(byId::get).toList();
    }

    /** The core rules new employees see first ({@code core-rules.txt}), in the editors' order; may be empty. */
    public List<Article> coreRules() {
        return coreRules;
    }

    public List<Protocol> protocols() {
        return protocols;
    }

    /** All articles of all protocols, in file and document order. */
    public List<Article> articles() {
        return List.copyOf(byId.values());
    }

    /** An article by ID, in any case ({@code Aurora/3.5} is {@code aurora/3.5}: IDs are lower case). */
    public Optional<Article> article(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id.toLowerCase(Locale.ROOT)));
    }

    /** A protocol by slug, in any case (slugs are lower case). */
    public Optional<Protocol> protocol(String slug) {
        return protocols.stream().filter(p -> p.slug().equalsIgnoreCase(slug)).findFirst();
    }

    /** The protocol an article belongs to. */
    public Protocol protocolOf(Article article) {
        return protocol(article.protocol()).orElseThrow();
    }

    /** {@code synonyms.txt} of the corpus folder, in Solr synonym format, when there is one. */
    public Optional<TextFile> synonyms() {
        return synonyms;
    }

    /**
     * {@code topics.txt} of the corpus folder, when there is one: the subjects the protocols cover. A question that
     * touches none of them gets no article.
     */
    public Optional<TextFile> topics() {
        return topics;
    }

    /**
     * The example questions of every article ({@code examples/*.txt}), in file order: staff's own words for what an
     * article answers. Searched with the articles; never shown or quoted.
     */
    public List<Example> examples() {
        return examples;
    }

    /**
     * Questions the protocols do not cover ({@code out-of-scope.txt}): how to use an app, IT help, HR, the timetable.
     * They weigh against answering a question that resembles them.
     */
    public List<String> outOfScope() {
        return outOfScope;
    }

    /**
     * The communication department's corrections of the computed links between articles of different protocols
     * ({@code links.txt}), in file order; may be empty.
     */
    public List<LinkCorrection> linkCorrections() {
        return linkCorrections;
    }

    /** A short hash of every file the corpus was read from; changes whenever any of them changes. */
    public String fingerprint() {
        return fingerprint;
    }

    public int size() {
        return byId.size();
    }

    /**
     * This corpus without one protocol's own example questions: as a board whose protocol has just arrived sees it
     * (for {@code eval --leave-out}). Everything else, the fingerprint included, is the same.
     */
    public Corpus withoutExamplesOf(String slug) {
        List<Example> kept = examples.stream()
                .filter(e -> !byId.get(e.articleId()).protocol().equalsIgnoreCase(slug)).toList();
        return new Corpus(protocols, synonyms, topics, coreRules.stream().map(Article::id).toList(), kept, outOfScope,
                linkCorrections, fingerprint);
    }
}
