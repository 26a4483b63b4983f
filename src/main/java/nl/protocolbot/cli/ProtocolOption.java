package nl.protocolbot.cli;

import java.util.Optional;
import nl.protocolbot.corpus.Corpus;
import picocli.CommandLine.Option;

/** {@code --org SLUG}: limit answers to one protocol. */
final class ProtocolOption {
    @Option(names = "--org", paramLabel = "SLUG", description = "Alleen dit protocol (bijv. aurora, konot).")
    String slug;

    Optional<String> validated(Corpus corpus) throws Main.UserError {
        if (slug == null) {
            return Optional.empty();
        }
        Optional<nl.protocolbot.corpus.Protocol> p = corpus.protocol(slug);
        if (p.isEmpty()) {
            throw new Main.UserError("onbekend protocol '" + slug + "'; bekend zijn: "
                    + String.join(", ", corpus.protocols().stream().map(x -> x.slug()).toList()), Main.EXIT_USAGE);
        }
        return Optional.of(p.get().slug()); // as the corpus spells it: --org Aurora means aurora
    }
}
