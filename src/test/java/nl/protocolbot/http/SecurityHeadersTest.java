package nl.protocolbot.http;

import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every response of the server, whoever makes it (an endpoint, a 405, Jetty's own errors), has the headers. */
class SecurityHeadersTest {
    Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void pagesJsonAndErrorsAllCarryTheSecurityHeaders(@TempDir Path data) throws Exception {
        server = Server.start(Settings.fromEnv(Map.of("PORT", "0", "PROTOCOLBOT_BIND", "127.0.0.1",
                "PROTOCOLBOT_DATA", data.toString(), "TEAMS_WEBHOOK_SECRET",
                Base64.getEncoder().encodeToString("security-headers-test-key-32byte".getBytes()))));
        String end = " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
        String[] requests = {
            "GET /healthz" + end + "\r\n",
            "DELETE /healthz" + end + "\r\n",
            "GET /teams/messages" + end + "\r\n",
            "GET /" + end + "X-Big: " + "a".repeat(20_000) + "\r\n\r\n",
            "GET /%zz" + end + "\r\n",
        };
        for (String request : requests) {
            String r = raw(request);
            String head = r.substring(0, Math.max(0, r.indexOf("\r\n\r\n")));
            assertTrue(head.contains("Content-Security-Policy: " + SecurityHeaders.CSP), request.lines().findFirst()
                    .orElseThrow() + ":\n" + head);
            assertTrue(head.contains("X-Content-Type-Options: nosniff"), head);
            assertTrue(head.contains("Referrer-Policy: no-referrer"), head);
        }
    }
}
