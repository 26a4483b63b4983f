package nl.protocolbot.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.protocolbot.http.Exchange;
import nl.protocolbot.http.HttpEndpoint;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload of a protocol document ({@code /beheer/importeren}), mounted on its own because it needs a larger body
 * limit than the server's ({@link ImportPages#MAX_UPLOAD} instead of 1 MB). Before a byte of the body is read, the
 * session must be signed in and the declared length within the limit (a Dutch 413 page otherwise); a body without a
 * declared length is cut off once past it. The body is received without holding a thread, within
 * {@link #DEADLINE}, at most {@link #AT_ONCE} at a time; then the request goes to the {@link WebEndpoint} like any
 * other, so routing, CSRF, cookies and pages are the same. Every other method on the path goes there at once.
 */
final class UploadHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(UploadHandler.class);
    /** Time a client gets to send the whole upload (20 MB at about 1 Mbit/s). */
    static final Duration DEADLINE = Duration.ofMinutes(3);
    /** Uploads received or read at the same time: each holds up to 20 MB, and reading a PDF takes more. */
    static final int AT_ONCE = 2;

    private final WebEndpoint endpoint;
    private final ImportPages imports;
    private final Semaphore slots = new Semaphore(AT_ONCE);

    UploadHandler(WebEndpoint endpoint, ImportPages imports) {
        super(InvocationType.NON_BLOCKING); // handle() only hands the request to a pooled thread
        this.endpoint = endpoint;
        this.imports = imports;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Executor executor = request.getComponents().getExecutor();
        try {
            executor.execute(() -> start(request, response, callback));
        } catch (RejectedExecutionException e) {
            callback.failed(e);
        }
        return true;
    }

    /** On a pooled thread: checks what can be checked before the body, then receives it. */
    private void start(Request request, Response response, Callback callback) {
        try {
            HttpEndpoint.Call head = call(request, new byte[0]);
            if (!HttpMethod.POST.is(request.getMethod())) {
                send(request, response, callback, endpoint.handle(head), request.getLength() > 0);
                return;
            }
            if (!imports.signedIn(head.cookie(WebEndpoint.COOKIE).orElse(null))) {
                send(request, response, callback, endpoint.handle(head), true); // back to the login, body unread
                return;
            }
            if (request.getLength() > ImportPages.MAX_UPLOAD) {
                send(request, response, callback, endpoint.refuse(head, tooLarge()), true);
                return;
            }
            if (!slots.tryAcquire()) {
                send(request, response, callback, endpoint.refuse(head, ImportPages.message(503, "Even geduld",
                        "Er worden al andere documenten ingelezen. Probeer het over een minuut opnieuw.",
                        List.of(new Views.Link(ImportPages.PATH, "Terug naar Protocol importeren"))))
                        .with("Retry-After", "30"), true);
                return;
            }
            receive(request, response, callback, head);
        } catch (Exception | LinkageError e) {
            failed(request, response, callback, e);
        }
    }

    /** Receives the body; whichever comes first, the whole body or the deadline, answers. */
    private void receive(Request request, Response response, Callback callback, HttpEndpoint.Call head) {
        AtomicBoolean answered = new AtomicBoolean();
        java.util.concurrent.CompletableFuture<byte[]> body = Exchange.body(request, ImportPages.MAX_UPLOAD);
        Scheduler.Task deadline = request.getComponents().getScheduler().schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                request.fail(new TimeoutException("upload not received in time"));
                slots.release();
                send(request, response, callback, endpoint.refuse(head, ImportPages.message(408, "Te langzaam",
                        "Het document kwam niet op tijd binnen. Probeer het opnieuw, zo mogelijk over een snellere "
                        + "verbinding.", List.of(new Views.Link(ImportPages.PATH,
                        "Terug naar Protocol importeren")))), true);
            }
        }, DEADLINE);
        body.whenCompleteAsync((bytes, failure) -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            deadline.cancel();
            try {
                if (failure == null) {
                    send(request, response, callback, endpoint.handle(call(request, bytes)), false);
                } else if (Exchange.tooLarge(failure)) {
                    send(request, response, callback, endpoint.refuse(head, tooLarge()), true);
                } else {
                    send(request, response, callback, HttpEndpoint.Reply.text(400, "Bad Request"), true);
                }
            } catch (Exception | LinkageError e) {
                failed(request, response, callback, e);
            } finally {
                slots.release();
            }
        }, request.getComponents().getExecutor());
    }

    private static Page tooLarge() {
        return ImportPages.message(413, "Bestand te groot", "Dit document is groter dan "
                + (ImportPages.MAX_UPLOAD >> 20) + " MB, de grens voor een protocol. Sla het op zonder afbeeldingen "
                + "(bijvoorbeeld als .docx, of als PDF met alleen tekst) en probeer het opnieuw.",
                List.of(new Views.Link(ImportPages.PATH, "Terug naar Protocol importeren")));
    }

    private static void failed(Request request, Response response, Callback callback, Throwable e) {
        // never the request itself in the log: it holds a document
        LOG.error("upload failed: {}", e.getClass().getSimpleName(), nl.protocolbot.http.Traces.withoutMessages(e));
        send(request, response, callback, HttpEndpoint.Reply.text(500, "Internal Server Error"), true);
    }



    private static HttpEndpoint.Call call(Request request, byte[] body) {
        return Exchange.call(request, body);
    }

    private static void send(Request request, Response response, Callback callback, HttpEndpoint.Reply reply,
                             boolean close) {
        Exchange.send(request, response, callback, reply, close);
    }
}
