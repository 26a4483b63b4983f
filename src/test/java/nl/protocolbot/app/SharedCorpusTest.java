package nl.protocolbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import nl.protocolbot.TestCorpus;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.corpus.CorpusLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on one corpus folder (a shared volume, as deploy/compose.yaml mounts it): what is taught on one is
 * answered by the other once it has looked at the folder again.
 */
class SharedCorpusTest {
    /** Refused before teaching: it sounds like the out-of-scope questions about events. */
    private static final String QUESTION = "wat kost een kaartje voor de kerstmusical van de ouderraad?";

    private static Map<String, String> env(Path data, Path corpus) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("PROTOCOLBOT_BIND", "127.0.0.1");
        env.put("PROTOCOLBOT_METRICS_PORT", "0");
        env.put("PROTOCOLBOT_DATA", data.toString());
        env.put("PROTOCOLBOT_CORPUS", corpus.toString());
        return env;
    }

    @Test
    void whatOneReplicaTeachesTheOtherAnswers(@TempDir Path tmp) throws Exception {
        Path corpus = TestCorpus.copy(tmp);
        try (Server a = Server.start(Settings.fromEnv(env(tmp.resolve("a"), corpus)));
             Server b = Server.start(Settings.fromEnv(env(tmp.resolve("b"), corpus)))) {
            assertEquals(Answer.Status.NOTHING_FOUND, b.corpus().current().ask(QUESTION).status());
            // replica a teaches, as /beheer's "Koppel aan artikel" does: the example into the folder, a reload
            CorpusLoader.learn(corpus, "aurora/3.5", QUESTION);
            assertTrue(a.corpus().reloadIfChanged());
            assertEquals("aurora/3.5", a.corpus().current().ask(QUESTION).items().get(0).id());
            // replica b sees the same folder changed (its poll does this every PROTOCOLBOT_RELOAD_SECONDS)
            assertTrue(b.corpus().reloadIfChanged());
            assertEquals("aurora/3.5", b.corpus().current().ask(QUESTION).items().get(0).id());
        }
    }
}
