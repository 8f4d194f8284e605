package io.mmulab.gui.session;

import io.mmulab.emulator.elf.ElfSymbol;
import io.mmulab.emulator.elf.Symbols;

import java.util.Optional;

/**
 * Where a run stops. Decisions happen only at shared accesses, barriers and the like, so a
 * breakpoint is checked there: a symbol breakpoint stops when a vCPU is found inside the
 * function having been outside it at the previous decision; an address breakpoint when a
 * vCPU stands exactly on it (an access instruction's address, as the Code window lists them).
 *
 * @param end exclusive; {@code start + 1} for an address breakpoint
 */
public record Breakpoint(String label, long start, long end) {

    /** "name" or "0xaddr", or empty when the text names nothing in the image. */
    public static Optional<Breakpoint> parse(String text, Symbols symbols) {
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.startsWith("0x") || t.startsWith("0X")) {
            try {
                long a = Long.parseUnsignedLong(t.substring(2), 16);
                return Optional.of(new Breakpoint(symbols.describe(a), a, a + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        Optional<ElfSymbol> s = symbols.byName(t);
        return s.map(sym -> new Breakpoint(sym.name(), sym.address(), sym.address() + Math.max(1, sym.size())));
    }

    public boolean covers(long pc) {
        return Long.compareUnsigned(pc - start, end - start) < 0;
    }

    public boolean isFunction() {
        return end - start > 1;
    }
}
