package nl.protocolbot.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Logback's configuration, found by Logback through {@code META-INF/services}: every line on standard error with
 * an ISO-8601 time, the level and the logger, as plain text or, with {@code PROTOCOLBOT_LOG_FORMAT=json}, as one
 * JSON object per line. Written in code rather than {@code logback.xml} so that the format is chosen from the
 * environment variable with a safe fallback, and it starts faster. An operator's own file
 * ({@code -Dlogback.configurationFile=…}) still wins.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** Plain lines: {@code 2025-01-31T09:00:00.123Z INFO  [main] nl.protocolbot.app.Server - serving …}. */
    static final String PLAIN_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger - %msg%n";

    /**
     * Library levels. Jetty, Tyrus, the database drivers and pools say at INFO what only matters when debugging.
     * Bolt and the Slack client stay at INFO even if the root level is lowered: at DEBUG they log request bodies
     * (what staff typed, user IDs) and API calls with tokens.
     */
    private static final Map<String, Level> LEVELS = Map.ofEntries(
            Map.entry("org.eclipse.jetty", Level.WARN),
            Map.entry("org.glassfish.tyrus", Level.WARN),
            Map.entry("com.zaxxer.hikari", Level.WARN),
            // a broken pooled connection is logged by Hikari with its whole stack trace; the bot's own line says
            // what could not be done, in one line
            Map.entry("com.zaxxer.hikari.pool.ProxyConnection", Level.ERROR),
            Map.entry("org.postgresql", Level.WARN),
            Map.entry("org.flywaydb", Level.WARN),
            Map.entry("io.zonky", Level.WARN),
            Map.entry("okhttp3", Level.WARN),
            Map.entry("com.slack.api", Level.INFO),
            // Bolt quotes the start of a body it cannot parse at WARN: what someone typed must not reach the log
            Map.entry("com.slack.api.bolt.util.SlackRequestParser", Level.ERROR),
            // PDFBox and POI warn about every odd font or style in an imported document (and PDFBox announces its
            // font cache); the import's own report says what matters, in Dutch
            Map.entry("org.apache.pdfbox", Level.ERROR),
            Map.entry("org.apache.fontbox", Level.ERROR),
            Map.entry("org.apache.poi", Level.ERROR));

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String setting = System.getenv(LogFormat.VARIABLE);
        LogFormat format = LogFormat.parse(setting).orElse(LogFormat.PLAIN);
        bridgeJavaUtilLogging(context);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder(format, context));
        console.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        if (LogFormat.parse(setting).isEmpty()) {
            root.warn("{}: unknown value, expected plain or json; logging plain lines", LogFormat.VARIABLE);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Encoder<ILoggingEvent> encoder(LogFormat format, LoggerContext context) {
        if (format == LogFormat.JSON) {
            JsonLogEncoder json = new JsonLogEncoder();
            json.setContext(context);
            json.start();
            return json;
        }
        PatternLayoutEncoder plain = new PatternLayoutEncoder();
        plain.setContext(context);
        plain.setPattern(PLAIN_PATTERN);
        plain.start();
        return plain;
    }

    /**
     * Routes java.util.logging through the same appender, and mirrors the levels set here into it so that
     * suppressed JUL records are not even created.
     */
    private static void bridgeJavaUtilLogging(LoggerContext context) {
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        propagator.start();
        context.addListener(propagator);
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
