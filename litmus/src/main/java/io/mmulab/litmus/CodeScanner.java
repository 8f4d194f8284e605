// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.emulator.Arch;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the parser needs to know about the instructions before anything is assembled: the
 * locations x86 code names directly ({@code movl $1,(x)}), and accesses of a width mmulab
 * does not run (bytes and halfwords), which are refused with their position rather than run
 * with a width the verdict would not be about.
 */
final class CodeScanner {
    /** An x86 memory operand that is a location: {@code (x)}, not {@code (%rax)}. */
    static final Pattern X86_LOCATION = Pattern.compile("\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)");
    /** x86 mnemonics whose b/w suffix is the operand size. */
    private static final Pattern X86_NARROW = Pattern.compile(
            "(?:lock\\s+)?(?:mov|add|sub|and|or|xor|xchg|cmpxchg|xadd|inc|dec|cmp|test|neg|not|adc|sbb)([bw])");
    private static final Pattern X86_EXTEND = Pattern.compile("mov[sz]([bw])[lqw]?");
    private static final Pattern X86_NARROW_REG = Pattern.compile(
            "%(?:[abcd][lhx]|[sd]il?|[sb]pl|[sd]i|[sb]p|r(?:[89]|1[0-5])[bw])\\b");
    /** AArch64 loads, stores and atomics of bytes and halfwords: LDRB, STLRH, LDADDAB, CASH, SWPB, ... */
    private static final Pattern ARM64_NARROW = Pattern.compile(
            "(?:LD|ST|CAS|SWP)[A-Z]*[BH]", Pattern.CASE_INSENSITIVE);
    private static final Pattern ARM64_NOT_NARROW = Pattern.compile("LDNP|STNP|LDP|STP", Pattern.CASE_INSENSITIVE);

    interface LocationSink {
        void mention(String name, int offset);
    }

    private final Source src;
    private final Arch arch;

    CodeScanner(Source src, Arch arch) {
        this.src = src;
        this.arch = arch;
    }

    void scan(List<List<CodeLine>> threads, LocationSink sink) throws LitmusException {
        for (List<CodeLine> thread : threads) {
            for (CodeLine line : thread) {
                if (arch == Arch.X86_64) {
                    x86(line, sink);
                } else {
                    arm64(line);
                }
            }
        }
    }

    private void x86(CodeLine line, LocationSink sink) throws LitmusException {
        String text = withoutLabel(line.text());
        Matcher m = X86_LOCATION.matcher(text);
        boolean touchesLocation = false;
        while (m.find()) {
            sink.mention(m.group(1), -1);
            touchesLocation = true;
        }
        if (!touchesLocation) {
            return;
        }
        String mnemonic = mnemonic(text).toLowerCase(Locale.ROOT);
        if (X86_NARROW.matcher(mnemonic).matches() || X86_EXTEND.matcher(mnemonic).matches()
                || X86_NARROW_REG.matcher(text).find()) {
            throw new UnsupportedLitmusException(src.file, line.pos(), "access width other than 4 or 8 bytes ('"
                    + line.text() + "'; mmulab runs 4- and 8-byte accesses)");
        }
    }

    private void arm64(CodeLine line) throws LitmusException {
        String mnemonic = mnemonic(withoutLabel(line.text()));
        if (ARM64_NARROW.matcher(mnemonic).matches() && !ARM64_NOT_NARROW.matcher(mnemonic).matches()) {
            throw new UnsupportedLitmusException(src.file, line.pos(), "access width other than 4 or 8 bytes ('"
                    + line.text() + "'; mmulab runs 4- and 8-byte accesses)");
        }
    }

    private static final Pattern LABEL = Pattern.compile("^\\s*[A-Za-z_.$][A-Za-z0-9_.$]*\\s*:(?!:)");

    /** The text after a leading {@code label:}. */
    static String withoutLabel(String text) {
        Matcher m = LABEL.matcher(text);
        return m.find() ? text.substring(m.end()) : text;
    }

    private static String mnemonic(String text) {
        String t = text.strip();
        if (t.toLowerCase(Locale.ROOT).startsWith("lock ")) {
            t = "lock " + t.substring(5).strip();
            int sp = t.indexOf(' ', 5);
            return sp < 0 ? t : t.substring(0, sp);
        }
        int sp = 0;
        while (sp < t.length() && !Character.isWhitespace(t.charAt(sp))) {
            sp++;
        }
        return t.substring(0, sp);
    }
}
