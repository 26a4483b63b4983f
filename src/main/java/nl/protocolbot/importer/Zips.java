package nl.protocolbot.importer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * DOCX and ODT files are ZIP archives, and a small archive can inflate to gigabytes. Before a library opens one, every
 * entry is inflated once here with a bound on the bytes read (not on the sizes the archive claims, which it can
 * lie about). Hand-written: the JDK's ZipInputStream inflates, but it bounds nothing.
 */
final class Zips {
    /** The most an archive may inflate to, all entries together. */
    static final long MAX_INFLATED = 100L * 1024 * 1024;

    private Zips() {
    }

    /** Whether the bytes start as a ZIP archive does. */
    static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    /**
     * Inflates every entry, refusing an archive that inflates past the bound or is damaged; returns the named entry's
     * bytes (null when absent).
     */
    static byte[] checked(byte[] archive, String wanted) throws ImportException {
        return checked(archive, java.util.Set.of(wanted)).get(wanted);
    }

    /** As {@link #checked(byte[], String)}, for several entries; absent ones are not in the map. */
    static java.util.Map<String, byte[]> checked(byte[] archive, java.util.Set<String> wanted) throws ImportException {
        long total = 0;
        java.util.Map<String, byte[]> found = new java.util.HashMap<>();
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            ZipEntry entry;
            boolean any = false;
            while ((entry = zip.getNextEntry()) != null) {
                any = true;
                ByteArrayOutputStream keep = wanted.contains(entry.getName()) ? new ByteArrayOutputStream() : null;
                int n;
                while ((n = zip.read(buffer, 0, buffer.length)) > 0) {
                    total += n;
                    if (total > MAX_INFLATED) {
                        throw new ImportException("dit bestand pakt uit tot meer dan " + (MAX_INFLATED >> 20)
                                + " MB: te groot voor een protocol (of een 'zip-bom'); er is niets geschreven");
                    }
                    if (keep != null) {
                        keep.write(buffer, 0, n);
                    }
                }
                if (keep != null) {
                    found.put(entry.getName(), keep.toByteArray());
                }
            }
            if (!any) {
                throw new ImportException("dit bestand is beschadigd of onvolledig (geen geldig ZIP-archief)");
            }
        } catch (IOException e) {
            throw new ImportException("dit bestand is beschadigd of onvolledig en kan niet gelezen worden");
        }
        return found;
    }
}
