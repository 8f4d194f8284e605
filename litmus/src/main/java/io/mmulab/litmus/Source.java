// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a litmus file with its {@code (* ... *)} comments blanked out (newlines kept, so
 * every offset keeps its line and column), and the mapping from offsets to positions.
 */
final class Source {
    final Path file;
    final String text;
    private final int[] lineStarts;

    private Source(Path file, String text) {
        this.file = file;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static Source of(Path file, String raw) throws LitmusSyntaxException {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ');
        return new Source(file, blankComments(file, text));
    }

    /** Comments nest, as in OCaml (herd's own language); an unterminated one is an error at its start. */
    private static String blankComments(Path file, String text) throws LitmusSyntaxException {
        StringBuilder b = new StringBuilder(text);
        int depth = 0;
        int openedAt = -1;
        for (int i = 0; i < b.length(); i++) {
            if (i + 1 < b.length() && b.charAt(i) == '(' && b.charAt(i + 1) == '*') {
                if (depth++ == 0) {
                    openedAt = i;
                }
                b.setCharAt(i, ' ');
                b.setCharAt(++i, ' ');
            } else if (depth > 0 && i + 1 < b.length() && b.charAt(i) == '*' && b.charAt(i + 1) == ')') {
                depth--;
                b.setCharAt(i, ' ');
                b.setCharAt(++i, ' ');
            } else if (depth > 0 && b.charAt(i) != '\n') {
                b.setCharAt(i, ' ');
            }
        }
        if (depth > 0) {
            throw new LitmusSyntaxException(file, new Source(file, text).pos(openedAt),
                    "expected '*)' to close this comment before the end of the file");
        }
        return b.toString();
    }

    int lineCount() {
        return lineStarts.length;
    }

    /** Line {@code n} (1-based) without its newline. */
    String line(int n) {
        int start = lineStarts[n - 1];
        int end = n < lineStarts.length ? lineStarts[n] - 1 : text.length();
        return text.substring(start, end);
    }

    int lineStart(int n) {
        return n <= lineStarts.length ? lineStarts[n - 1] : text.length();
    }

    /** Just after the last character that is not white space: where "the end of the file" is shown. */
    int endOffset() {
        int e = text.length();
        while (e > 0 && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    Pos pos(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new Pos(lo + 1, offset - lineStarts[lo] + 1);
    }

    LitmusSyntaxException error(int offset, String message) {
        return new LitmusSyntaxException(file, pos(offset), message);
    }

    UnsupportedLitmusException unsupported(int offset, String feature) {
        return new UnsupportedLitmusException(file, pos(offset), feature);
    }
}
