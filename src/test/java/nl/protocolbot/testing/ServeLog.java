package nl.protocolbot.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The port a {@code serve} process listens on, read from its start-up log line ("serving on port N: open …"). */
public final class ServeLog {
    /** The start-up line, plain or inside a JSON log line. */
    public static final Pattern LISTENING = Pattern.compile("serving on port (\\d+)");

    private ServeLog() {
    }

    /** Reads the process's standard error up to the start-up line; the rest is drained in the background. */
    public static int port(Process process) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8));
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (err.readLine() != null) {
                            // keeps the pipe from filling, which would block the server's logging
                        }
                    } catch (IOException e) {
                        // the process is gone
                    }
                }, "serve-stderr");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("serve stopped before it was serving");
    }

    /** The same for a process whose standard error goes to a file. */
    public static int port(Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve stopped before it was serving");
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not start within a minute");
    }
}
