package nl.protocolbot.feedback;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;

/** Conveniences for tests in every package: a store in a data folder, a store with a test's clock, its stats. */
public final class TestStores {
    private TestStores() {
    }

    /** Opens (and creates if needed) {@code protocolbot.db} in a data folder. */
    public static FeedbackStore openFolder(Path dataDir, boolean keepTexts) throws SQLException {
        return FeedbackStore.open(Database.inFolder(dataDir), keepTexts ? QuestionTexts.KEEP : QuestionTexts.DISCARD);
    }

    /** Opens a store whose claims expire, and whose texts are dated, by {@code clock}. */
    public static FeedbackStore open(Database db, QuestionTexts texts, Clock clock) throws SQLException {
        return FeedbackStore.open(db, texts, clock);
    }

    /** Everything {@code protocolbot stats} would show. */
    public static Stats stats(FeedbackStore store) throws SQLException {
        return Stats.read(store.votes(), store.keptTexts());
    }
}
