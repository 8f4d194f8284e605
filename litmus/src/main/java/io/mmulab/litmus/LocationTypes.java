// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.util.Map;

/**
 * The C types a litmus init block may give a location, and their widths. Only 4 and 8 bytes
 * are run: the runner's locations are plain 4- or 8-byte words, and the memory models are
 * checked at those widths.
 */
final class LocationTypes {
    static final int DEFAULT_WIDTH = 4;

    private static final Map<String, Integer> WIDTHS = Map.ofEntries(
            Map.entry("int", 4), Map.entry("unsigned", 4), Map.entry("unsigned int", 4),
            Map.entry("signed int", 4), Map.entry("int32_t", 4), Map.entry("uint32_t", 4),
            Map.entry("int32", 4), Map.entry("uint32", 4), Map.entry("atomic_t", 4),
            Map.entry("long", 8), Map.entry("unsigned long", 8), Map.entry("long long", 8),
            Map.entry("unsigned long long", 8), Map.entry("int64_t", 8), Map.entry("uint64_t", 8),
            Map.entry("int64", 8), Map.entry("uint64", 8), Map.entry("intptr_t", 8),
            Map.entry("uintptr_t", 8), Map.entry("atomic_long_t", 8),
            // known, but a width mmulab does not run: named in the error instead of "unknown type"
            Map.entry("char", 1), Map.entry("unsigned char", 1), Map.entry("int8_t", 1),
            Map.entry("uint8_t", 1), Map.entry("int8", 1), Map.entry("uint8", 1),
            Map.entry("short", 2), Map.entry("unsigned short", 2), Map.entry("int16_t", 2),
            Map.entry("uint16_t", 2), Map.entry("int16", 2), Map.entry("uint16", 2),
            Map.entry("int128_t", 16), Map.entry("uint128_t", 16), Map.entry("__int128", 16));

    private LocationTypes() {
    }

    /** The width in bytes of a known type, or -1. */
    static int width(String type) {
        return WIDTHS.getOrDefault(type, -1);
    }
}
