// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.emulator.Arch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where things are in the runner image (kernel virtual addresses): each thread's code area,
 * where a thread jumps when it is done, each thread's register-out table, and each location, one cache line apart so that no two
 * locations share a line (or an 8-byte granule of the exploration's footprints).
 */
public record Layout(Arch arch, long codeVa, int codeBytes, long doneVa, long regsOutVa, int regSlots, long memVa,
                     int memBytes, Map<String, Long> locations) {
    /** Distance between two locations. */
    public static final int LOCATION_STRIDE = 64;

    public Layout {
        locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
    }

    /** The layout of {@code locs} in an image whose areas are at the given addresses. */
    public static Layout of(Arch arch, long codeVa, int codeBytes, long doneVa, long regsOutVa, int regSlots, long memVa,
                            int memBytes, List<Location> locs) {
        Map<String, Long> at = new LinkedHashMap<>();
        for (int i = 0; i < locs.size(); i++) {
            at.put(locs.get(i).name(), memVa + (long) i * LOCATION_STRIDE);
        }
        return new Layout(arch, codeVa, codeBytes, doneVa, regsOutVa, regSlots, memVa, memBytes, at);
    }

    /** How many locations fit. */
    public static int capacity(int memBytes) {
        return memBytes / LOCATION_STRIDE;
    }

    public long codeVa(int thread) {
        return codeVa + (long) thread * codeBytes;
    }

    public long regOutVa(int thread, int slot) {
        return regsOutVa + ((long) thread * regSlots + slot) * 8;
    }

    public long address(String location) {
        Long a = locations.get(location);
        if (a == null) {
            throw new IllegalArgumentException("no location " + location);
        }
        return a;
    }
}
