package nl.protocolbot.metrics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code GET /metrics} on its own address ({@code PROTOCOLBOT_METRICS_BIND}, default 127.0.0.1) and port: a Jetty
 * of its own with a few threads, so that the public port never serves metrics and a slow scraper never takes a
 * thread from the chat endpoints.
 */
public final class MetricsServer {
    /** The Prometheus text exposition format, version 0.0.4, which Micrometer's {@code scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final org.eclipse.jetty.server.Server jetty;
    private final ServerConnector connector;

  public   MetricsServer(String bind, int port, Supplier<String> scrape) {
        QueuedThreadPool threads = new QueuedThreadPool(6, 2);
        threads.setName("metrics");
        threads.setDaemon(true);
        jetty = new org.eclipse.jetty.server.Server(threads);
        connector = new ServerConnector(jetty, 1, 1);
        connector.setHost(bind);
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                boolean metrics = "/metrics".equals(Request.getPathInContext(request));
                boolean get = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
                response.setStatus(!metrics ? 404 : get ? 200 : 405);
                String body = !metrics ? "Not Found" : get ? scrape.get() : "Method Not Allowed";
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics && get ? CONTENT_TYPE
                        : "text/plain; charset=utf-8");
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
    }

    public void start() throws Exception {
        jetty.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public void stop() {
        try {
            jetty.stop();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(MetricsServer.class).warn("metrics server stop: {}",
                    e.getClass().getSimpleName());
        }
    }
}
