package nl.protocolbot.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link HttpEndpoint} on Jetty: checks the method, refuses new work while stopping, receives the body
 * asynchronously (no thread waits for a slow client) within the size limit and the read deadline, then calls the
 * endpoint on a pooled thread and writes its reply.
 */
final class EndpointHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointHandler.class);

    /** What every endpoint shares: limits, the read deadline, where endpoints run, and whether we are stopping. */
    record Gate(int maxBodyBytes, Duration readTimeout, Scheduler scheduler, Executor executor,
                BooleanSupplier stopping) {
    }

    private final Gate gate;
    private final Set<HttpEndpoint.Method> methods;
    private final HttpEndpoint endpoint;
    private final String allow;

    EndpointHandler(Gate gate, Set<HttpEndpoint.Method> methods, HttpEndpoint endpoint) {
        super(InvocationType.NON_BLOCKING); // handle() only starts the body read; the endpoint runs on the executor
        this.gate = gate;
        this.methods = Set.copyOf(methods);
        this.endpoint = endpoint;
        this.allow = methods.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (gate.stopping().getAsBoolean()) {
            send(request, response, callback, HttpEndpoint.Reply.text(503, "Service Unavailable: stopping")
                    .with("Retry-After", "5"), true);
            return true;
        }
        HttpEndpoint.Method method = method(request.getMethod());
        if (method == null || !methods.contains(method)) {
            send(request, response, callback, HttpEndpoint.Reply.text(405, "Method Not Allowed")
                    .with("Allow", allow), false);
            return true;
        }
        if (request.getLength() > gate.maxBodyBytes()) {
            send(request, response, callback, tooLarge(), true);
            return true;
        }
        receive(request, response, callback);
        return true;
    }

    /** Reads the body without blocking; whichever comes first, the whole body or the deadline, answers. */
    private void receive(Request request, Response response, Callback callback) {
        AtomicBoolean answered = new AtomicBoolean();
        CompletableFuture<byte[]> body = Exchange.body(request, gate.maxBodyBytes());
        Scheduler.Task deadline = gate.scheduler().schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                request.fail(new TimeoutException("request not received in time"));
                send(request, response, callback, HttpEndpoint.Reply.text(408, "Request Timeout"), true);
            }
        }, gate.readTimeout());
        body.whenCompleteAsync((bytes, failure) -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            deadline.cancel();
            if (failure != null) {
                boolean tooLarge = Exchange.tooLarge(failure);
                send(request, response, callback, tooLarge ? tooLarge() : HttpEndpoint.Reply.text(400,
                        "Bad Request"), true);
            } else {
                call(request, response, callback, bytes);
            }
        }, gate.executor());
    }

    private void call(Request request, Response response, Callback callback, byte[] body) {
        HttpEndpoint.Reply reply;
        try {
            reply = endpoint.handle(Exchange.call(request, body));
        } catch (Exception | LinkageError e) {
            // never the request itself in the log: it may hold question text, user IDs or tokens
            LOG.error("{} {} failed: {}", request.getMethod(), Request.getPathInContext(request),
                    e.getClass().getSimpleName(), Traces.withoutMessages(e));
            reply = HttpEndpoint.Reply.text(500, "Internal Server Error");
        }
        send(request, response, callback, reply, false);
    }


    private static HttpEndpoint.Reply tooLarge() {
        return HttpEndpoint.Reply.text(413, "Payload Too Large");
    }


    private static HttpEndpoint.Method method(String name) {
        try {
            return HttpEndpoint.Method.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static void send(Request request, Response response, Callback callback, HttpEndpoint.Reply reply, boolean close) {
        Exchange.send(request, response, callback, reply, close);
    }
}
