package nl.protocolbot.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a real PostgreSQL, with two stores on one database standing in for two replicas: each has its own
 * connection pool, exactly as two processes would.
 */
@ExtendWith(TestPostgres.class)
class FeedbackStorePostgresTest {
    static final int THREADS = 4;
    static final int ROUNDS = 50;

    @Test
    void twoReplicasVotingAtOnceLoseNoVote(TestPostgres.Db pg) throws Exception {
        try (FeedbackStore a = open(pg); FeedbackStore b = open(pg)) {
            List<Callable<Void>> work = new ArrayList<>();
            for (FeedbackStore store : List.of(a, b)) {
                for (int t = 0; t < THREADS; t++) {
                    work.add(() -> {
                        for (int i = 0; i < ROUNDS; i++) {
                            // both orders, so that a deadlock between two transactions would show
                            store.votes().vote(i % 2 == 0 ? List.of("aurora/3.5", "oog/5") : List.of("oog/5", "aurora/3.5"),
                                    Vote.UP, Optional.empty());
                            store.votes().vote(List.of("oog/5"), Vote.DOWN, Optional.of("mag ik memes delen?"));
                            store.keptTexts().unanswered("Hoe laat begint de kerstviering?");
                        }
                        return null;
                    });
                }
            }
            runAll(work);
            long total = 2L * THREADS * ROUNDS;
            Stats stats = TestStores.stats(a);
            assertEquals(List.of(new Votes.PerArticle("oog/5", total, total), new Votes.PerArticle("aurora/3.5", total, 0)),
                    stats.votes());
            assertEquals(total, stats.unanswered());
            assertEquals(2 * total, stats.keptTexts().size(), "one text per 👎 and per unanswered question");
            assertEquals(stats, TestStores.stats(b), "both replicas see the same numbers");
        }
    }

    @Test
    void twoReplicasClaimingTheSameKeysGetEachKeyOnce(TestPostgres.Db pg) throws Exception {
        try (FeedbackStore a = open(pg); FeedbackStore b = open(pg)) {
            List<Callable<Integer>> work = new ArrayList<>();
            for (FeedbackStore store : List.of(a, b)) {
                for (int t = 0; t < THREADS; t++) {
                    work.add(() -> {
                        int won = 0;
                        for (int key = 0; key < ROUNDS; key++) {
                            won += store.claims().claim("slack:event:Ev" + key, Duration.ofMinutes(15)) ? 1 : 0;
                        }
                        return won;
                    });
                }
            }
            int won = 0;
            for (int w : runAll(work)) {
                won += w;
            }
            assertEquals(ROUNDS, won, "every key claimed exactly once across both replicas");
            assertFalse(b.claims().claim("slack:event:Ev0", Duration.ofMinutes(15)));
            a.claims().release("slack:event:Ev0");
            assertTrue(b.claims().claim("slack:event:Ev0", Duration.ofMinutes(15)),
                    "a release frees the key for the other");
        }
    }

    @Test
    void aDatabaseThatGoesAwayFailsWritesAndTheStoreRecoversWhenItIsBack(@TempDir Path dir) throws Exception {
        EmbeddedPostgres pg = TestPostgres.start(Optional.of(dir), 0);
        int port = pg.getPort();
        TestPostgres.Db db = TestPostgres.create(pg);
        try (FeedbackStore s = open(db)) {
            s.votes().vote(List.of("aurora/3.5"), Vote.UP, Optional.empty());
            pg.close();
            SQLException e = assertThrows(SQLException.class,
                    () -> s.votes().vote(List.of("aurora/3.5"), Vote.UP, Optional.empty()));
            assertFalse(e.getMessage().contains("aurora/3.5"), e.getMessage());
            assertThrows(SQLException.class, () -> s.claims().claim("slack:event:Ev1", Duration.ofMinutes(15)));
            pg = TestPostgres.start(Optional.of(dir), port);
            // a pooled connection that died with the database fails once and is dropped from the pool: the
            // store recovers within as many writes as the pool holds connections, with no restart
            assertTrue(firstSuccess(() -> s.votes().vote(List.of("aurora/3.5"), Vote.UP, Optional.empty())) < 10);
            assertTrue(s.claims().claim("slack:event:Ev1", Duration.ofMinutes(15)));
            assertEquals(List.of(new Votes.PerArticle("aurora/3.5", 2, 0)), TestStores.stats(s).votes(),
                    "the vote made while the database was away is lost, the others are kept");
        } finally {
            pg.close();
        }
    }

    @Test
    void anUnreachableServerIsOneLineWithoutThePassword() {
        String password = "Geheim-Wachtwoord-42";
        for (String url : List.of("jdbc:postgresql://127.0.0.1:1/protocolbot",
                "jdbc:postgresql://127.0.0.1:1/protocolbot?user=bot&password=" + password)) {
            Database db = new Database(url, Optional.of("bot"), Optional.of(password));
            FeedbackStore.Unavailable e = assertThrows(FeedbackStore.Unavailable.class,
                    () -> FeedbackStore.open(db, QuestionTexts.DISCARD));
            assertTrue(e.getMessage().startsWith("database jdbc:postgresql://127.0.0.1:1/protocolbot is niet bereikbaar: "),
                    e.getMessage());
            assertFalse(e.getMessage().contains(password), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertFalse(db.toString().contains(password), db.toString());
        }
    }

    interface Write {
        void run() throws SQLException;
    }

    /** How many failed tries came before the write went through (gives up after ten). */
    static int firstSuccess(Write write) {
        for (int failed = 0; failed < 10; failed++) {
            try {
                write.run();
                return failed;
            } catch (SQLException e) {
                // a stale connection; the next try gets another one
            }
        }
        return 10;
    }

    static FeedbackStore open(TestPostgres.Db pg) throws SQLException {
        return FeedbackStore.open(pg.database(), QuestionTexts.KEEP);
    }

    static <T> List<T> runAll(List<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(work)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
