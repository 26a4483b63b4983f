package nl.protocolbot.importer;

import java.util.List;

/**
 * What a reader got out of a document: its blocks in reading order, the title its properties name (empty when
 * none), and the lines it left out as page furniture (running headers and footers, page numbers, a table of contents,
 * blank form fields), for the report.
 */
record Extracted(List<Block> blocks, String title, List<String> dropped) {
}
