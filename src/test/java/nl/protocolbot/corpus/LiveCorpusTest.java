package nl.protocolbot.corpus;

import nl.protocolbot.metrics.Metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.Problem;
import nl.protocolbot.search.SearchEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCorpusTest {
    static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");

    @Test
    void aRefusedChangeIsRememberedWithFileAndLineAndStaysAfterAGoodReload(@TempDir Path tmp) throws Exception {
        Path dir = nl.protocolbot.TestCorpus.copy(tmp);
        try (LiveCorpus<Answerer> live = new LiveCorpus<>(Optional.of(dir), c -> new Answerer(SearchEngine.build(c)),
                Clock.fixed(NOW, ZoneOffset.UTC), r -> { })) {
            live.load();
            assertTrue(live.lastRefusal().isEmpty());
            Path aurora = dir.resolve("aurora.md");
            String good = Files.readString(aurora);
            Files.writeString(aurora, good + "\n### [3.5] Dubbel\n\nTekst.\n");
            assertFalse(live.reloadIfChanged());
            LiveCorpus.Refusal r = live.lastRefusal().orElseThrow();
            assertEquals(NOW, r.at());
            Problem p = r.problems().get(0);
            assertEquals("aurora.md", p.file());
            assertEquals(good.lines().count() + 2, p.line(), "the duplicate heading's line");
            Files.writeString(aurora, good.replace("Schriftelijke toestemming voor foto's", "Toestemming voor foto's"));
            assertTrue(live.reloadIfChanged());
            assertEquals(r, live.lastRefusal().orElseThrow(), "still shown after a good reload");
        }
    }
}
