package nl.protocolbot.importer;

import java.util.Locale;

/**
 * A list item's number as a word processor prints it: 1, 2, 3; a, b, c; i, ii, iii. DOCX and ODT store the format,
 * not the number (the program counts when it shows the document), so the readers count and print it here.
 */
final class ListNumbers {
    private static final int[] VALUES = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    private static final String[] ROMAN = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};

    private ListNumbers() {
    }

    /** {@code n} in a format: Word's names (decimal, lowerLetter, upperRoman, …) or ODF's (1, a, A, i, I). */
    static String format(int n, String format) {
        return switch (format == null ? "" : format) {
            case "lowerLetter", "a" -> letters(n).toLowerCase(Locale.ROOT);
            case "upperLetter", "A" -> letters(n);
            case "lowerRoman", "i" -> roman(n).toLowerCase(Locale.ROOT);
            case "upperRoman", "I" -> roman(n);
            default -> Integer.toString(n);
        };
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int v = n; v > 0; v = (v - 1) / 26) {
            s.insert(0, (char) ('A' + (v - 1) % 26));
        }
        return s.toString();
    }

    private static String roman(int n) {
        StringBuilder s = new StringBuilder();
        int v = n;
        for (int i = 0; i < VALUES.length; i++) {
            while (v >= VALUES[i]) {
                s.append(ROMAN[i]);
                v -= VALUES[i];
            }
        }
        return s.toString();
    }
}
