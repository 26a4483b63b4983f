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
 * {@code topics.txt} and {@code core-rules.txt}.
 * A corpus with any problem is refused as a whole, with every problem named by file and line.
 */
public final class CorpusLoader {
    /** The name of the synonyms file in a corpus folder. */
    public static final String SYNONYMS_FILE = "synonyms.txt";
    /** The name of the topics file in a corpus folder. */
    public static final String TOPICS_FILE = "topics.txt";
    /** The name of the core-rules file: article IDs, one per line. */
    public static final String CORE_RULES_FILE = "core-rules.txt";
    private static final String BUNDLED = "/corpus";

    private CorpusLoader() {
    }

    /** Loads and validates the corpus in {@code dir}. */
    public static Corpus load(Path dir) throws CorpusException {
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
        MessageDigest digest = sha256();
        List<Protocol> protocols = new ArrayList<>();
        Map<String, String> slugFiles = new HashMap<>();
        Map<String, String> idSources = new HashMap<>();
        Optional<Corpus.TextFile> synonyms = Optional.empty();
        Optional<Corpus.TextFile> topics = Optional.empty();
        Optional<Corpus.TextFile> coreRules = Optional.empty();
        for (Path file : files) {
            String name = file.getFileName().toString();
            boolean markdown = name.endsWith(".md");
            boolean synonymFile = name.equals(SYNONYMS_FILE);
            boolean topicFile = name.equals(TOPICS_FILE);
            boolean coreFile = name.equals(CORE_RULES_FILE);
            if (!markdown && !synonymFile && !topicFile && !coreFile) {
                continue;
            }
            String content;
            try {
                byte[] bytes = Files.readAllBytes(file);
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
                content = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                problems.add(new Problem(name, 0, "is geen UTF-8-tekst (not UTF-8 text)"));
                continue;
            } catch (IOException e) {
                problems.add(new Problem(name, 0, "kan bestand niet lezen: " + e.getMessage()));
                continue;
            }
            if (synonymFile) {
                synonyms = Optional.of(new Corpus.TextFile(name, content));
                continue;
            }
            if (topicFile) {
                topics = Optional.of(new Corpus.TextFile(name, content));
                continue;
            }
            if (coreFile) {
                coreRules = Optional.of(new Corpus.TextFile(name, content));
                continue;
            }
            Optional<Protocol> protocol = new ProtocolParser(name, content, problems).parse();
            if (protocol.isEmpty()) {
                continue;
            }
            Protocol p = protocol.get();
            String earlier = slugFiles.putIfAbsent(p.slug(), name);
            if (earlier != null) {
                problems.add(new Problem(name, 2, "protocol '" + p.slug() + "' staat ook in " + earlier));
                continue;
            }
            for (Article a : p.articles()) {
                String first = idSources.putIfAbsent(a.id(), a.source());
                if (first != null) {
                    problems.add(problemAt(a.source(), "dubbel artikel-ID '" + a.id() + "' (ook in " + first + ")"));
                }
            }
            protocols.add(p);
        }
        List<String> coreIds = coreRules.map(f -> coreRuleIds(f, idSources.keySet(), problems)).orElse(List.of());
        if (protocols.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(dir.toString(), 0, "bevat geen protocollen (*.md)"));
        }
        if (!problems.isEmpty()) {
            throw new CorpusException(problems);
        }
        String fingerprint = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        return new Corpus(protocols, synonyms, topics, coreIds, fingerprint);
    }

    /** Loads the corpus bundled with the application (the project's {@code corpus/} folder). */
    public static Corpus bundled() throws CorpusException {
        URL url = CorpusLoader.class.getResource(BUNDLED);
        if (url == null) {
            throw new CorpusException(List.of(new Problem("corpus", 0, "geen corpus meegeleverd in deze build")));
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return load(Path.of(uri));
            }
            try (FileSystem fs = openZip(uri)) {
                return load(fs.getPath(BUNDLED));
            }
        } catch (URISyntaxException | IOException e) {
            throw new CorpusException(List.of(new Problem("corpus", 0, "meegeleverd corpus onleesbaar: " + e.getMessage())));
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

    /** Article IDs, one per line ({@code #} starts a comment); each must name an article of the corpus. */
    private static List<String> coreRuleIds(Corpus.TextFile file, java.util.Set<String> known, List<Problem> problems) {
        List<String> ids = new ArrayList<>();
        String[] lines = file.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String id = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (id.isEmpty()) {
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
