package nl.protocolbot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A catch-all handler's stack trace keeps classes and frames and drops every message. */
class TracesTest {
    @Test
    void theTraceHasTheFramesAndCausesButNoMessage() {
        IllegalStateException cause = new IllegalStateException("user U123 typed: mag ik een klassenfoto plaatsen");
        RuntimeException e = new RuntimeException("request body {\"token\":\"xoxb-geheim\"}", cause);
        Throwable safe = Traces.withoutMessages(e);
        StringWriter out = new StringWriter();
        safe.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        assertTrue(trace.startsWith("java.lang.RuntimeException\n") || trace.startsWith("java.lang.RuntimeException\r\n"),
                trace);
        assertTrue(trace.contains("Caused by: java.lang.IllegalStateException"), trace);
        assertTrue(trace.contains("TracesTest.theTraceHasTheFramesAndCausesButNoMessage"), "the frames: " + trace);
        for (String secret : new String[] {"U123", "klassenfoto", "xoxb", "token"}) {
            assertFalse(trace.contains(secret), secret + " in " + trace);
        }
        assertEquals(e.getStackTrace().length, safe.getStackTrace().length);
    }
}
