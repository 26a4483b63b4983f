package nl.protocolbot.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The one HTTP server, Jetty 12 with its core handler API (no servlets): one connector with size limits and
 * timeouts, the {@link Routes} table, and a graceful stop. Slow clients cost a connection, never a thread: Jetty
 * parses headers without a thread, and {@link EndpointHandler} receives bodies asynchronously.
 */
public final class JettyServer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JettyServer.class);
    /** The server's limits and timeouts. */
    public record Limits(int maxBodyBytes, int maxHeaderBytes, int maxConnections, Duration read, Duration idle) {
    }

    private final org.eclipse.jetty.server.Server jetty;
    private final ServerConnector connector;
    private final Routes routes;
    private final GracefulHandler graceful;
    private final AtomicBoolean stopping = new AtomicBoolean();

  public   JettyServer(String bind, int port, Limits limits) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("http");
        threads.setDaemon(true);
        Scheduler scheduler = new ScheduledExecutorScheduler("http-timer", true);
        jetty = new org.eclipse.jetty.server.Server(threads, scheduler, null);
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(limits.maxHeaderBytes());
        config.setIdleTimeout(limits.idle().toMillis());
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idle().toMillis());
        connector.addBean(headerDeadline(scheduler, limits.read()));
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        routes = new Routes(new EndpointHandler.Gate(limits.maxBodyBytes(), limits.read(), scheduler, threads,
                stopping::get));
        graceful = new GracefulHandler(routes.handler());
        // HTML, CSS and JSON compressed for clients that accept gzip (Jetty's own handler; small bodies are left as
        // they are, and so are images and what is already compressed)
        GzipHandler gzip = new GzipHandler(graceful);
        gzip.setMinGzipSize(256);
        gzip.setIncludedMimeTypes("text/html", "text/css", "text/plain", "application/json", "image/svg+xml");
        gzip.setIncludedMethods("GET", "POST");
        // not the management pages: their CSRF tokens beside reflected text are what BREACH-style attacks need
        gzip.setExcludedPaths("/beheer/*", "/beheer");
        jetty.setHandler(new SecurityHeaders(gzip));
        jetty.setErrorHandler(JettyServer::error);
    }

    /**
     * A new connection that has not delivered a complete request head within the read deadline is closed (one byte
     * a second would otherwise keep it open forever: Jetty's idle timeout restarts with every byte, and its
     * minimum data rate is not enforced in 12.0). Written here because Jetty has no header deadline of its own.
     */
    private static Connection.Listener headerDeadline(Scheduler scheduler, Duration read) {
        return new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                scheduler.schedule(() -> {
                    if (connection.getMessagesIn() == 0 && connection.getEndPoint().isOpen()) {
                        connection.getEndPoint().close();
                    }
                }, read);
            }
        };
    }

    /** Jetty's own error responses (bad request line, headers too large, no route): a short text, no details. */
    private static boolean error(Request request, Response response, Callback callback) {
        int status = response.getStatus() <= 0 ? 500 : response.getStatus();
        SecurityHeaders.apply(response.getHeaders());
        String text = status + " " + HttpStatus.getMessage(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    public Routes routes() {
        return routes;
    }

    public void start() throws Exception {
        jetty.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** From now on every new request gets 503; requests already received are still answered. */
    public void refuseNewRequests() {
        stopping.set(true);
    }

    public boolean stopping() {
        return stopping.get();
    }

    /** Refuses new requests and waits up to {@code limit} until the requests already received are answered. */
    public void awaitRequestsInFlight(Duration limit) {
        stopping.set(true);
        try {
            graceful.shutdown().get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.warn("{} requests still in flight at stop", graceful.getCurrentRequestCount());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops: waits up to {@code grace} for requests in flight, then closes every connection. */
    public void stop(Duration grace) {
        stopping.set(true);
        jetty.setStopTimeout(Math.max(1, grace.toMillis()));
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("HTTP server stop: {}", e.getClass().getSimpleName());
        }
    }
}
