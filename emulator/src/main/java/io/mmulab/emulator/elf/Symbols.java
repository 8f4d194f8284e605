package io.mmulab.emulator.elf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Symbol lookup both ways: name to address, and address to {@code symbol+0xoff} for reports. */
public final class Symbols {
    private final List<ElfSymbol> byAddress;
    private final Map<String, ElfSymbol> byName = new HashMap<>();

    Symbols(List<ElfSymbol> symbols) {
        this(symbols, List.of());
    }

    /** {@code labels}: address-only symbols (linker-script ones), looked up by name but never shown. */
    Symbols(List<ElfSymbol> symbols, List<ElfSymbol> labels) {
        List<ElfSymbol> sorted = new ArrayList<>(symbols);
        sorted.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
        this.byAddress = List.copyOf(sorted);
        for (ElfSymbol s : sorted) {
            byName.putIfAbsent(s.name(), s);
        }
        for (ElfSymbol s : labels) {
            byName.putIfAbsent(s.name(), s);
        }
    }

    public Optional<ElfSymbol> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The symbol whose extent holds {@code va}, or the nearest one below it for size-less symbols. */
    public Optional<ElfSymbol> at(long va) {
        int lo = 0;
        int hi = byAddress.size() - 1;
        int best = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(byAddress.get(mid).address(), va) <= 0) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        for (int i = best; i >= 0 && i > best - 8; i--) {
            ElfSymbol s = byAddress.get(i);
            if (s.contains(va)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** {@code name+0xoff}, or the bare hex address when no symbol covers it. */
    public String describe(long va) {
        return at(va).map(s -> va == s.address() ? s.name() : s.name() + "+0x" + Long.toHexString(va - s.address()))
                .orElse("0x" + Long.toHexString(va));
    }

    public List<ElfSymbol> all() {
        return byAddress;
    }
}
