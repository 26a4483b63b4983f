package nl.protocolbot.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ByteBufferContentSource;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) that has been received whole, within the upload limit, with
 * Jetty's own parser: the fields by name, the first value of each.
 */
final class Multipart {
    /** Most parts a form may have (the import form has five). */
    static final int MAX_PARTS = 16;
    /** Longest part head (its Content-Disposition and Content-Type). */
    private static final int MAX_HEAD = 4096;

    /** One field: its name, the file name for a file field (empty for a text field), and its content. */
    record Part(String name, String fileName, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private Multipart() {
    }

    /** Whether a request's Content-Type is a multipart form. */
    static boolean is(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The form's fields, or empty when the body is not a complete multipart form. */
    static Optional<Map<String, Part>> parse(String contentType, byte[] body) {
        if (!is(contentType)) {
            return Optional.empty();
        }
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            return Optional.empty();
        }
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setMaxParts(MAX_PARTS);
        parser.setPartHeadersMaxLength(MAX_HEAD);
        parser.setMaxLength(body.length);
        // the body is in memory already: keep the parts there too, never in temporary files
        parser.setMaxMemoryFileSize(-1);
        parser.setUseFilesForPartsWithoutFileName(false);
        try (MultiPartFormData.Parts parts = parser.parse(new ByteBufferContentSource(ByteBuffer.wrap(body)),
                org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING).get()) {
            Map<String, Part> out = new LinkedHashMap<>();
            for (MultiPart.Part p : parts) {
                if (p.getName() == null) {
                    continue;
                }
                ByteBuffer buffer = Content.Source.asByteBuffer(p.getContentSource());
                byte[] content = new byte[buffer.remaining()];
                buffer.get(content);
                out.putIfAbsent(p.getName(), new Part(p.getName(),
                        baseName(p.getFileName() == null ? "" : p.getFileName()), content));
            }
            return Optional.of(out);
        } catch (ExecutionException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Only the last part of a path a browser may send ("C:\Users\…\protocol.pdf" from old browsers). */
    private static String baseName(String fileName) {
        String s = fileName.replace('\\', '/');
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
