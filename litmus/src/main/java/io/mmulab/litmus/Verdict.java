// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.util.Locale;
import java.util.Optional;

/**
 * What a run of a test found, in the words of herd's kinds files: the condition's state is
 * reachable (Allowed) or not (Forbidden); for {@code forall}, every reachable state satisfies
 * it (Required) or not (Allowed: a state violating it is reachable).
 */
public enum Verdict {
    ALLOWED("Allowed"), FORBIDDEN("Forbidden"), REQUIRED("Required");

    private final String word;

    Verdict(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** A kinds-file word: Allow/Allowed, Forbid/Forbidden, Require/Required (any case). */
    public static Optional<Verdict> parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "allow", "allowed" -> Optional.of(ALLOWED);
            case "forbid", "forbidden" -> Optional.of(FORBIDDEN);
            case "require", "required" -> Optional.of(REQUIRED);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return word;
    }
}
