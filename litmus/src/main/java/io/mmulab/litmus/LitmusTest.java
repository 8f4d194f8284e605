// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import io.mmulab.emulator.Arch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed litmus test.
 *
 * @param file       where it came from (for messages)
 * @param arch       X86_64 or AArch64
 * @param name       the name on its first line
 * @param info       the {@code key=value} lines between the name and the init block
 * @param locations  every shared location, in order of first mention (init block, code, condition)
 * @param registers  initial register values; every other register starts at 0
 * @param threads    thread {@code i}'s instructions, in order
 * @param observed   terms of the {@code locations [...]} clause (shown in states besides the condition's)
 * @param condition  the final condition
 */
public record LitmusTest(Path file, Arch arch, String name, Map<String, String> info, List<Location> locations,
                         List<RegisterInit> registers, List<List<CodeLine>> threads, List<Term> observed,
                         Condition condition) {

    /** The name the architecture has in litmus files. */
    public String archName() {
        return arch == Arch.X86_64 ? "X86_64" : "AArch64";
    }

    public Optional<Location> location(String name) {
        return locations.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The terms a final state records: the condition's and the {@code locations} clause's, in print order. */
    public Set<Term> stateTerms() {
        Set<Term> out = new TreeSet<>();
        condition.prop().terms(out);
        out.addAll(observed);
        return out;
    }
}
