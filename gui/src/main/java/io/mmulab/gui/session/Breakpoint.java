package io.mmulab.gui.session;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.ElfSymbol;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a vCPU stops, before the instruction: a function's entry, the beginnings of a source
 * line's code (each inlined copy and each place the line starts again after other lines), or
 * one address. The machine checks them before every instruction (inside steps too), so a
 * breakpoint is exact wherever it is, not only at shared accesses.
 *
 * @param addresses sorted
 */
public record Breakpoint(String label, Kind kind, long[] addresses) {

    public enum Kind { FUNCTION, LINE, ADDRESS }

    /** What the breakpoint field accepts, for error messages. */
    public static final String FORMS = "a function name, FILE.c:LINE or 0xADDRESS";

    /** "name", "file.c:line" or "0xaddr", or empty when the text names nothing in the image. */
    public static Optional<Breakpoint> parse(String text, ElfImage image) {
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.startsWith("0x") || t.startsWith("0X")) {
            try {
                long a = Long.parseUnsignedLong(t.substring(2), 16);
                return Optional.of(new Breakpoint(image.symbols().describe(a), Kind.ADDRESS, new long[] {a}));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.substring(colon + 1).chars().allMatch(Character::isDigit) && colon < t.length() - 1) {
            try {
                int line = Integer.parseInt(t.substring(colon + 1));
                long[] at = image.sourceLines().addressesOf(t.substring(0, colon), line);
                return at.length == 0 ? Optional.empty() : Optional.of(new Breakpoint(t, Kind.LINE, at));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        Optional<ElfSymbol> s = image.symbols().byName(t);
        return s.map(sym -> new Breakpoint(sym.name(), Kind.FUNCTION, new long[] {sym.address()}));
    }

    public Breakpoint {
        addresses = addresses.clone();
        Arrays.sort(addresses);
    }

    /** Whether a vCPU about to execute the instruction at {@code pc} stops here. */
    public boolean at(long pc) {
        return Arrays.binarySearch(addresses, pc) >= 0;
    }

    /** For the list: kind, label and where. */
    public String describe() {
        String where = String.format("0x%x", addresses[0]) + (addresses.length > 1 ? " and " + (addresses.length - 1)
                + " more" : "");
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + label + " (" + where + ")";
    }
}
