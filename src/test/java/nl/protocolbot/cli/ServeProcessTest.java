package nl.protocolbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} as a real process: SIGTERM lets the answer in flight finish, then the process exits 0. */
class ServeProcessTest {
    @Test
    void sigtermFinishesTheAnswerInFlightAndExitsZero(@TempDir Path data) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "nl.protocolbot.cli.Main", "serve");
        pb.environment().put("TEAMS_WEBHOOK_SECRET", TeamsTest.TOKEN);
        pb.environment().put("PORT", "0");
        pb.environment().put("PROTOCOLBOT_BIND", "127.0.0.1");
        pb.environment().put("PROTOCOLBOT_DATA", data.toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        try {
            int port = nl.protocolbot.testing.ServeLog.port(process);
            assertTrue(port > 0, "server started");
            String body = TeamsTest.activity("<at>Protocolbot</at> mag ik een klassenfoto op Instagram zetten?");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream os = socket.getOutputStream();
                String head = "POST /teams/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Authorization: " + TeamsTest.sign(body) + "\r\nContent-Length: " + bytes.length
                        + "\r\nConnection: close\r\n\r\n";
                os.write(head.getBytes(StandardCharsets.US_ASCII));
                os.write(bytes, 0, bytes.length / 2);
                os.flush();
                // the head is sent: once the server has read it the request is in flight (a second is ample, also on a busy machine)
                Thread.sleep(1000);
                process.destroy(); // SIGTERM
                Thread.sleep(300);
                os.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
                os.flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 200"), response);
                assertTrue(response.contains("toestemming"), response);
            }
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "process exited");
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }
}
