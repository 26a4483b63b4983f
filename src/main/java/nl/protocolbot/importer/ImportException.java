package nl.protocolbot.importer;

/** A document that cannot be imported, with a message in Dutch for the person who chose it. */
public final class ImportException extends Exception {
    private static final long serialVersionUID = 1L;

    ImportException(String message) {
        super(message);
    }

    ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
