package nl.protocolbot.corpus;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a corpus folder: one Markdown file per protocol ({@code *.md}), and optional {@code synonyms.txt},
 * {@code topics.txt}, {@code core-rules.txt}, {@code out-of-scope.txt} and example questions in
 * {@code examples/*.txt}.
 * A corpus with any problem is refused as a whole, with every problem named by file and line.
 */
public final class CorpusLoader {
    /** The name of the synonyms file in a corpus folder. */
    public static final String SYNONYMS_FILE = "synonyms.txt";
    /** The name of the topics file in a corpus folder. */
    public static final String TOPICS_FILE = "topics.txt";
    /** The name of the core-rules file: article IDs, one per line. */
    public static final String CORE_RULES_FILE = "core-rules.txt";
    /** The name of the file of questions the protocols do not cover, one per line. */
    public static final String OUT_OF_SCOPE_FILE = "out-of-scope.txt";
    /**
     * Corrections of the computed links between the protocols' articles: {@code <id> = <id>} or {@code <id> != <id>}
     * per line (see {@link LinkCorrection}).
     */
    public static final String LINKS_FILE = "links.txt";
    /** The folder of example questions: one {@code <protocol>.txt} per protocol, lines {@code <id>: <question>}. */
    public static final String EXAMPLES_DIR = "examples";
    private static final String BUNDLED = "/corpus";

    private CorpusLoader() {
    }

    /** Loads and validates the corpus in {@code dir}. */
    public static Corpus load(Path dir) throws CorpusException {
        return load(dir, null, null);
    }

    /**
     * Loads and validates the corpus in {@code dir} as it would be with the protocol file {@code name} holding
     * {@code content} (added, or in place of the file there): what {@code check} would say before the file is written.
     */
    public static Corpus loadWith(Path dir, String name, String content) throws CorpusException {
        return load(dir, name, content);
    }

    private static Corpus load(Path dir, String overlayName, String overlayContent) throws CorpusException {
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            throw new CorpusException(List.of(new Problem(dir.toString(), 0,
                    "geen leesbare corpusmap (not a readable corpus folder)")));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new CorpusException(List.of(new Problem(dir.toString(), 0, "kan map niet lezen: " + e.getMessage())));
        }
        if (overlayName != null && files.stream().noneMatch(f -> f.getFileName().toString().equals(overlayName))) {
            List<Path> with = new ArrayList<>(files);
            with.add(dir.resolve(overlayName));
            with.sort(null);
            files = with;
        }
        MessageDigest digest = sha256();
        List<Protocol> protocols = new ArrayList<>();
        Map<String, String> slugFiles = new HashMap<>();
        Map<String, String> idSources = new HashMap<>();
        Map<String, Corpus.TextFile> lists = new HashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            boolean markdown = name.endsWith(".md");
            if (!markdown && !LISTS.contains(name)) {
                continue;
            }
            Optional<String> content = name.equals(overlayName)
                    ? overlay(name, overlayContent, digest) : read(file, name, digest, problems);
            if (content.isEmpty()) {
                continue;
            }
            if (!markdown) {
                lists.put(name, new Corpus.TextFile(name, content.get()));
                continue;
            }
            new ProtocolParser(name, content.get(), problems).parse()
                    .ifPresent(p -> addProtocol(p, name, protocols, slugFiles, idSources, problems));
        }
        List<Corpus.TextFile> exampleFiles = exampleFiles(dir.resolve(EXAMPLES_DIR), digest, problems);
        Optional<Corpus.TextFile> synonyms = Optional.ofNullable(lists.get(SYNONYMS_FILE));
        Optional<Corpus.TextFile> topics = Optional.ofNullable(lists.get(TOPICS_FILE));
        Optional<Corpus.TextFile> coreRules = Optional.ofNullable(lists.get(CORE_RULES_FILE));
        Questions questions = questions(exampleFiles, Optional.ofNullable(lists.get(OUT_OF_SCOPE_FILE)),
                idSources.keySet(), problems);
        List<String> coreIds = coreRules.map(f -> coreRuleIds(f, idSources.keySet(), problems)).orElse(List.of());
        Map<String, String> articleProtocols = new HashMap<>();
        idSources.keySet().forEach(id -> articleProtocols.put(id, id.substring(0, id.indexOf('/'))));
        List<LinkCorrection> links = Optional.ofNullable(lists.get(LINKS_FILE))
                .map(f -> LinkFiles.corrections(f, articleProtocols, problems)).orElse(List.of());
        if (protocols.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(dir.toString(), 0, "bevat geen protocollen (*.md)"));
        }
        if (!problems.isEmpty()) {
            throw new CorpusException(problems);
        }
        String fingerprint = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        return new Corpus(protocols, synonyms, topics, coreIds, questions.examples(), questions.outOfScope(), links,
                fingerprint);
    }

    private static final java.util.Set<String> LISTS = java.util.Set.of(SYNONYMS_FILE, TOPICS_FILE, CORE_RULES_FILE,
            OUT_OF_SCOPE_FILE, LINKS_FILE);

    private static Optional<String> overlay(String name, String content, MessageDigest digest) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update(content.getBytes(StandardCharsets.UTF_8));
        return Optional.of(content);
    }

    /** A file's content as UTF-8 text, fed to the fingerprint; empty (and a problem) when it cannot be read. */
    private static Optional<String> read(Path file, String name, MessageDigest digest, List<Problem> problems) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            problems.add(new Problem(name, 0, "is geen UTF-8-tekst (not UTF-8 text)"));
        } catch (IOException e) {
            problems.add(new Problem(name, 0, "kan bestand niet lezen: " + e.getMessage()));
        }
        return Optional.empty();
    }

    private static void addProtocol(Protocol p, String name, List<Protocol> protocols, Map<String, String> slugFiles,
                                    Map<String, String> idSources, List<Problem> problems) {
        String earlier = slugFiles.putIfAbsent(p.slug(), name);
        if (earlier != null) {
            problems.add(new Problem(name, 2, "protocol '" + p.slug() + "' staat ook in " + earlier));
            return;
        }
        for (Article a : p.articles()) {
            String first = idSources.putIfAbsent(a.id(), a.source());
            if (first != null) {
                problems.add(problemAt(a.source(), "dubbel artikel-ID '" + a.id() + "' (ook in " + first + ")"));
            }
        }
        protocols.add(p);
    }

    /** The {@code *.txt} files of the examples folder, named {@code examples/<file>}; none when there is no folder. */
    private static List<Corpus.TextFile> exampleFiles(Path folder, MessageDigest digest, List<Problem> problems) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".txt"))
                    .sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(EXAMPLES_DIR, 0, "kan map niet lezen: " + e.getMessage()));
            return List.of();
        }
        List<Corpus.TextFile> out = new ArrayList<>();
        for (Path f : files) {
            String name = EXAMPLES_DIR + "/" + f.getFileName();
            read(f, name, digest, problems).ifPresent(content -> out.add(new Corpus.TextFile(name, content)));
        }
        return out;
    }

    private record Questions(List<Example> examples, List<String> outOfScope) {
    }

    /** Example and out-of-scope questions, validated; a question may not be both. */
    private static Questions questions(List<Corpus.TextFile> exampleFiles, Optional<Corpus.TextFile> outOfScopeFile,
                                       java.util.Set<String> articleIds, List<Problem> problems) {
        List<Example> examples = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Corpus.TextFile f : exampleFiles) {
            examples.addAll(ExampleFiles.examples(f, articleIds, seen, problems));
        }
        List<String> outOfScope = outOfScopeFile.map(f -> ExampleFiles.outOfScope(f, problems)).orElse(List.of());
        Map<String, Example> byQuestion = new HashMap<>();
        for (Example e : examples) {
            byQuestion.putIfAbsent(ExampleFiles.key(e.question()), e);
        }
        String[] lines = outOfScopeFile.map(f -> f.content().split("\n", -1)).orElse(new String[0]);
        for (int i = 0; i < lines.length; i++) {
            Example same = byQuestion.get(ExampleFiles.key(lines[i]));
            if (same != null && !lines[i].strip().startsWith("#")) {
                problems.add(new Problem(OUT_OF_SCOPE_FILE, i + 1, "staat ook als voorbeeld bij " + same.articleId()
                        + " (" + same.source() + ")"));
            }
        }
        return new Questions(examples, outOfScope);
    }

    /**
     * Adds a question as an example to an article of the corpus in {@code dir} ({@code examples/<protocol>.txt}).
     * Refuses an unknown article, an empty or overlong question, a question the article already has or one listed
     * as out of scope, and a folder that does not pass {@code check}. The file is replaced atomically; the result
     * passes {@code check}.
     *
     * @return the example as added, with its file and line
     */
    public static Example learn(Path dir, String articleId, String question) throws CorpusException {
        return ExampleWriter.add(dir, articleId, question);
    }

    /** Loads the corpus bundled with the application (the project's {@code corpus/} folder). */
    public static Corpus bundled() throws CorpusException {
        return withBundled(CorpusLoader::load, "meegeleverd corpus onleesbaar: ");
    }

    /**
     * Copies the bundled corpus (its protocols, word lists and example questions) into {@code dir}, which must not
     * exist or be empty: the start of a board's own corpus folder, whose imported protocol then learns from the
     * bundled protocols' example questions.
     */
    public static void copyBundled(Path dir) throws CorpusException {
        withBundled(from -> {
            copyTree(from, dir);
            return null;
        }, "kan het meegeleverde corpus niet kopiëren: ");
    }

    private interface BundledFolder<T> {
        T use(Path folder) throws CorpusException, IOException;
    }

    /** Runs {@code use} on the bundled corpus folder, inside the jar or (in development) on disk. */
    private static <T> T withBundled(BundledFolder<T> use, String failure) throws CorpusException {
        URL url = CorpusLoader.class.getResource(BUNDLED);
        if (url == null) {
            throw new CorpusException(List.of(new Problem("corpus", 0, "geen corpus meegeleverd in deze build")));
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return use.use(Path.of(uri));
            }
            try (FileSystem fs = openZip(uri)) {
                return use.use(fs.getPath(BUNDLED));
            }
        } catch (URISyntaxException | IOException e) {
            throw new CorpusException(List.of(new Problem("corpus", 0, failure + e.getMessage())));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path target = to;
                for (Path part : from.relativize(p)) {
                    target = target.resolve(part.toString());
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static FileSystem openZip(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // Another thread is reading the bundled corpus right now; open a private view of the same jar.
            String jar = uri.getSchemeSpecificPart();
            jar = jar.substring(0, jar.indexOf("!/"));
            return FileSystems.newFileSystem(Path.of(URI.create(jar)), (ClassLoader) null);
        }
    }

    /**
     * Article IDs, one per line ({@code #} starts a comment); each must name an article of the corpus, except that a
     * line for a protocol this corpus does not hold is skipped (the file is shared: a board's folder may hold fewer
     * protocols than the bundled one).
     */
    private static List<String> coreRuleIds(Corpus.TextFile file, java.util.Set<String> known, List<Problem> problems) {
        List<String> ids = new ArrayList<>();
        java.util.Set<String> protocols = protocolsOf(known);
        String[] lines = file.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String id = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (id.isEmpty() || ofAbsentProtocol(id, protocols)) {
                continue;
            }
            if (!known.contains(id)) {
                problems.add(new Problem(file.name(), i + 1, "onbekend artikel '" + id + "'"));
            } else if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The protocols the article IDs belong to. */
    static java.util.Set<String> protocolsOf(java.util.Set<String> articleIds) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String id : articleIds) {
            out.add(id.substring(0, id.indexOf('/')));
        }
        return out;
    }

    /**
     * Whether an ID in a shared file (core rules, links, example questions) names a protocol this corpus does not
     * hold: such a line is skipped, not refused, so that a board's folder with fewer protocols still passes
     * {@code check}. An unknown article of a protocol that is there is still an error.
     */
    static boolean ofAbsentProtocol(String id, java.util.Set<String> protocols) {
        int slash = id.indexOf('/');
        return slash > 0 && !protocols.contains(id.substring(0, slash));
    }

    private static Problem problemAt(String source, String message) {
        int colon = source.lastIndexOf(':');
        return new Problem(source.substring(0, colon), Integer.parseInt(source.substring(colon + 1)), message);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
