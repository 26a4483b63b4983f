package nl.protocolbot.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code protocolbot serve} as a child process with its own environment; its log (standard error) is kept. */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = ServeLog.LISTENING;

    private final Process process;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<String> out = new CopyOnWriteArrayList<>();
    private volatile int port = -1;

    public ServeProcess(Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "nl.protocolbot.cli.Main", "serve");
        pb.environment().putAll(env);
        process = pb.start();
        follow(process.getErrorStream(), log, "serve-stderr");
        follow(process.getInputStream(), out, "serve-stdout");
    }

    private void follow(java.io.InputStream stream, List<String> into, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port = Integer.parseInt(m.group(1));
                    }
                    into.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** Waits until the server says it is listening; returns its port, or -1 if it exited first. */
    public int awaitPort() throws InterruptedException {
        while (port < 0 && process.isAlive()) {
            Thread.sleep(20);
        }
        Thread.sleep(50); // let the reader catch up when the process exited right after printing
        return port;
    }

    /** Waits until a log line contains {@code text}; false if the process exited without it. */
    public boolean awaitLog(String text) throws InterruptedException {
        while (process.isAlive()) {
            if (log().contains(text)) {
                return true;
            }
            Thread.sleep(10);
        }
        Thread.sleep(100);
        return log().contains(text);
    }

    public String log() {
        return String.join("\n", log);
    }

    public String out() {
        return String.join("\n", out);
    }

    /**
     * SIGTERM, as {@code docker stop} sends it. Through the process handle: {@link Process#destroy()} would also
     * close our end of the process's output, and its log after the signal would be lost.
     */
    public void sigterm() {
        process.toHandle().destroy();
    }

    /** Waits for the process to exit (at most {@code seconds}, then it is killed) and returns its exit code. */
    public int exitCode(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("serve did not exit; log:\n" + log());
        }
        Thread.sleep(100); // the readers drain what is left
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
