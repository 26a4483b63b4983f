package nl.protocolbot.http;

import java.util.Set;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;

/**
 * The server's route table: a path, exact or a prefix, to an {@link HttpEndpoint} (or a raw Jetty
 * {@link Handler}). An exact path wins over a prefix, a longer prefix over a shorter one (Jetty's servlet-style
 * path mapping); a path nobody mounted gets 404. See {@link HttpEndpoint} for examples.
 */
public final class Routes {
    private final PathMappingsHandler mappings = new PathMappingsHandler();
    private final EndpointHandler.Gate gate;

    Routes(EndpointHandler.Gate gate) {
        this.gate = gate;
    }

    /** Mounts an endpoint at exactly {@code path} (e.g. {@code /healthz}: not {@code /healthz/x}, not {@code /healthzz}). */
    public Routes exact(String path, Set<HttpEndpoint.Method> methods, HttpEndpoint endpoint) {
        return handler(exactSpec(path), new EndpointHandler(gate, methods, endpoint));
    }

    /** Mounts an endpoint at {@code prefix} and everything under it ({@code /artikel/} takes {@code /artikel/a/1}). */
    public Routes prefix(String prefix, Set<HttpEndpoint.Method> methods, HttpEndpoint endpoint) {
        return handler(prefixSpec(prefix), new EndpointHandler(gate, methods, endpoint));
    }

    /**
     * Mounts a Jetty handler under a servlet-style path spec ({@code /exact}, {@code /prefix/*}); it gets the request
     * as Jetty gives it (headers received, body not read) and must enforce its own body limit.
     */
    public Routes handler(String pathSpec, Handler handler) {
        mappings.addMapping(new ServletPathSpec(pathSpec), handler);
        return this;
    }

    Handler handler() {
        return mappings;
    }

    static String exactSpec(String path) {
        if (!path.startsWith("/") || path.contains("*")) {
            throw new IllegalArgumentException("not an exact path: " + path);
        }
        return path.equals("/") ? "" : path; // "" is the servlet spec's exact root; "/" would be the default

    }

    static String prefixSpec(String prefix) {
        if (!prefix.startsWith("/") || prefix.contains("*")) {
            throw new IllegalArgumentException("not a path prefix: " + prefix);
        }
        return (prefix.endsWith("/") ? prefix : prefix + "/") + "*";
    }
}
