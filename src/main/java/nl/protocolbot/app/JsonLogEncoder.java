package nl.protocolbot.app;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Logback's JSON Lines encoder with the fields a log collector needs and nothing that could carry what a user
 * typed twice (the formatted message only, no separate arguments, no MDC or key-value pairs). Logback writes its
 * time as epoch milliseconds; collectors and people expect an ISO-8601 {@code @timestamp}, which Logback's
 * extension hook adds here.
 */
final class JsonLogEncoder extends JsonEncoder {
    JsonLogEncoder() {
        setWithSequenceNumber(false);
        setWithTimestamp(false);
        setWithNanoseconds(false);
        setWithContext(false);
        setWithMarkers(false);
        setWithMDC(false);
        setWithKVPList(false);
        setWithMessage(false);
        setWithArguments(false);
        setWithFormattedMessage(true);
    }

    @Override
    protected void appendCustomFields(StringBuilder sb, ILoggingEvent event) {
        sb.append(VALUE_SEPARATOR);
        appenderMember(sb, "@timestamp", DateTimeFormatter.ISO_INSTANT.format(event.getInstant().truncatedTo(ChronoUnit.MILLIS)));
    }
}
