// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

/**
 * Tokens of the init block and the final condition, read on demand from an offset of a
 * {@link Source}: identifiers, unsigned numbers (decimal or 0x hex) and punctuation, where
 * {@code /\} and {@code \/} are single tokens. Newlines are plain white space here.
 */
final class Tokens {
    enum Kind { IDENT, NUMBER, PUNCT, END }

    record Token(Kind kind, String text, int offset) {
        boolean is(String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }

        boolean isWord(String word) {
            return kind == Kind.IDENT && text.equals(word);
        }

        /** How an error message shows it. */
        String show() {
            return kind == Kind.END ? "the end of the file" : "'" + text + "'";
        }
    }

    private final Source src;
    private final int end;
    private int at;
    private Token peeked;

    Tokens(Source src, int from, int end) {
        this.src = src;
        this.at = from;
        this.end = end;
    }

    Token peek() throws LitmusSyntaxException {
        if (peeked == null) {
            peeked = read();
        }
        return peeked;
    }

    Token next() throws LitmusSyntaxException {
        Token t = peek();
        peeked = null;
        return t;
    }

    /** The offset just after the last token taken. */
    int offset() {
        return peeked != null ? peeked.offset() : at;
    }

    Token expect(String punct, String what) throws LitmusSyntaxException {
        Token t = next();
        if (!t.is(punct)) {
            throw src.error(t.offset(), "expected " + what + ", found " + t.show());
        }
        return t;
    }

    private Token read() throws LitmusSyntaxException {
        String s = src.text;
        while (at < end && Character.isWhitespace(s.charAt(at))) {
            at++;
        }
        if (at >= end) {
            return new Token(Kind.END, "", Math.min(end, src.endOffset()));
        }
        int start = at;
        char c = s.charAt(at);
        if (Character.isLetter(c) || c == '_') {
            while (at < end && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_')) {
                at++;
            }
            return new Token(Kind.IDENT, s.substring(start, at), start);
        }
        if (Character.isDigit(c)) {
            if (c == '0' && at + 1 < end && (s.charAt(at + 1) == 'x' || s.charAt(at + 1) == 'X')) {
                at += 2;
                while (at < end && Character.digit(s.charAt(at), 16) >= 0) {
                    at++;
                }
            } else {
                while (at < end && Character.isDigit(s.charAt(at))) {
                    at++;
                }
            }
            if (at < end && (Character.isLetter(s.charAt(at)) || s.charAt(at) == '_')) {
                throw src.error(start, "expected a number, found '" + s.substring(start, at + 1) + "'");
            }
            return new Token(Kind.NUMBER, s.substring(start, at), start);
        }
        if ((c == '/' || c == '\\') && at + 1 < end) {
            String two = s.substring(at, at + 2);
            if (two.equals("/\\") || two.equals("\\/")) {
                at += 2;
                return new Token(Kind.PUNCT, two, start);
            }
        }
        at++;
        return new Token(Kind.PUNCT, String.valueOf(c), start);
    }

    /** A number token's value; decimal beyond 2^63-1 up to 2^64-1 wraps, as a 64-bit register would. */
    static long value(Source src, Token t) throws LitmusSyntaxException {
        try {
            String x = t.text();
            if (x.startsWith("0x") || x.startsWith("0X")) {
                if (x.length() == 2) {
                    throw new NumberFormatException();
                }
                return Long.parseUnsignedLong(x.substring(2), 16);
            }
            return Long.parseUnsignedLong(x);
        } catch (NumberFormatException e) {
            throw src.error(t.offset(), "expected a 64-bit number, found '" + t.text() + "'");
        }
    }
}
