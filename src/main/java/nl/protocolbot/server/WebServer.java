package nl.protocolbot.server;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.Optional;

/**
 * The one HTTP server (the JDK's {@code com.sun.net.httpserver}): {@code GET /healthz} plus the chat endpoints that
 * are configured. {@code /healthz} answers 503 until the index is ready, then 200 with what is loaded.
 */
public final class WebServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    public WebServer(String bind, int port, int threads, Supplier<Optional<LiveCorpus.Version>> corpus)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(bind, port), 256);
        executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024),
                r -> {
                    Thread t = new Thread(r, "http");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        server.createContext("/healthz", exchange -> health(exchange, corpus.get()));
        server.createContext("/", exchange -> {
            try (exchange) {
                HttpExchanges.send(exchange, 404, "text/plain; charset=utf-8", "Not Found");
            }
        });
    }

    /** Adds an endpoint; call before {@link #start()}. */
    public void route(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops taking requests, lets requests in flight finish for up to {@code graceSeconds}, then stops. */
    public void stop(int graceSeconds) {
        server.stop(graceSeconds);
        executor.shutdown();
        try {
            executor.awaitTermination(graceSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(0);
    }

    private static void health(HttpExchange exchange, Optional<LiveCorpus.Version> version) throws IOException {
        try (exchange) {
            JsonObject o = new JsonObject();
            if (version.isEmpty()) {
                o.addProperty("status", "starting");
                HttpExchanges.send(exchange, 503, "application/json", o.toString());
                return;
            }
            LiveCorpus.Version v = version.get();
            o.addProperty("status", "ok");
            o.addProperty("articles", v.articles());
            o.addProperty("protocols", v.protocols());
            JsonObject corpus = new JsonObject();
            corpus.addProperty("version", v.fingerprint());
            corpus.addProperty("loadedAt", v.loadedAt().toString());
            o.add("corpus", corpus);
            HttpExchanges.send(exchange, 200, "application/json", o.toString());
        }
    }
}
