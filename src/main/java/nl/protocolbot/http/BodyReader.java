package nl.protocolbot.http;

import java.io.ByteArrayOutputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ContentSourceCompletableFuture;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * A request body received asynchronously into a byte array, refused once it passes the limit (declared length or
 * not), on Jetty's own read-and-demand loop. Jetty's ready-made versions of this are deprecated in 12.0.
 */
final class BodyReader extends ContentSourceCompletableFuture<byte[]> {
    /** The body passed the limit. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("request body too large", null, false, false);
        }
    }

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final int limit;

    private BodyReader(Content.Source source, int limit) {
        super(source, Invocable.InvocationType.NON_BLOCKING);
        this.limit = limit;
    }

    /** Starts reading; the future completes with the body, or fails with {@link TooLarge} or the read's failure. */
    static BodyReader read(Content.Source source, int limit) {
        BodyReader reader = new BodyReader(source, limit);
        reader.parse();
        return reader;
    }

    @Override
    protected byte[] parse(Content.Chunk chunk) throws TooLarge {
        int n = chunk.remaining();
        if (received.size() + (long) n > limit) {
            throw new TooLarge();
        }
        if (n > 0) {
            byte[] bytes = new byte[n];
            chunk.getByteBuffer().get(bytes);
            received.write(bytes, 0, n);
        }
        return chunk.isLast() ? received.toByteArray() : null;
    }
}
