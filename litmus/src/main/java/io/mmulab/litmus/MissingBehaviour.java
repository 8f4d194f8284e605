// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Why the arm model may not reach an outcome ARMv8 allows. The model reorders stores (and lets
 * loads pass buffered stores) but never lets a load pass an earlier load of its thread, and
 * never lets a store pass an earlier load (no load buffering); so an allowed outcome it misses
 * needs one of those two. This names the pairs of a test that nothing orders (no dmb sy/ish/ld
 * between them, the first not an acquire, the second not a release): the candidates. It reads
 * instructions only, so a pair ordered by a dependency is still named; the architecture's
 * verdict says the outcome needs some unordered pair, and these are the ones the model never
 * relaxes.
 */
public final class MissingBehaviour {
    private static final Pattern FULL_BARRIER = Pattern.compile("(?i)dsb\\b.*|dmb\\s+(sy|ish|osh|nsh)\\b.*");
    private static final Pattern LOAD_BARRIER = Pattern.compile("(?i)dmb\\s+(ld|ishld|oshld|nshld)\\b.*");
    private static final Pattern RMW = Pattern.compile("(?i)(cas|swp|ld(add|clr|eor|set|smax|smin|umax|umin))(a|al|l)?");
    private static final Pattern STORE_ONLY_ATOMIC = Pattern.compile("(?i)st(add|clr|eor|set|smax|smin|umax|umin)l?");

    private MissingBehaviour() {
    }

    /**
     * An atomic whose result goes to the zero register (CAS: Rs; SWP and LD&lt;op&gt;: Rt) does not
     * order later accesses as an acquire would: ARMv8 does not treat it as a load for that.
     */
    private static boolean noReturn(String mnemonic, String insn) {
        String[] ops = insn.strip().substring(mnemonic.length()).split(",");
        int result = mnemonic.startsWith("cas") ? 0 : 1;
        return ops.length > result && ops[result].strip().toLowerCase(Locale.ROOT).matches("[wx]zr");
    }

    /** One sentence: which missing behaviour (and where) the outcome needs, or that none was found. */
    public static String explain(LitmusTest test) {
        List<String> lb = new ArrayList<>();
        List<String> ll = new ArrayList<>();
        for (int t = 0; t < test.threads().size(); t++) {
            // the earliest load not yet ordered before what follows, and whether it is a
            // no-return atomic (which DMB LD does not order: it does not count as a load there)
            String previousLoad = null;
            boolean previousNoReturn = false;
            for (CodeLine line : test.threads().get(t)) {
                String insn = CodeScanner.withoutLabel(line.text()).strip();
                if (insn.isEmpty()) {
                    continue;
                }
                String m = insn.split("\\s+")[0].toLowerCase(Locale.ROOT);
                if (FULL_BARRIER.matcher(insn).matches()) {
                    previousLoad = null;
                    continue;
                }
                if (LOAD_BARRIER.matcher(insn).matches()) {
                    if (!previousNoReturn) {
                        previousLoad = null;
                    }
                    continue;
                }
                boolean rmw = RMW.matcher(m).matches();
                boolean noReturn = rmw && noReturn(m, insn);
                boolean acquire = m.startsWith("ldar") || m.startsWith("ldapr") || m.startsWith("ldax")
                        || (rmw && (m.endsWith("a") || m.endsWith("al")) && !noReturn);
                boolean release = m.startsWith("stlr") || m.startsWith("stlx") || (rmw && (m.endsWith("l") || m.endsWith("al")));
                boolean load = rmw || m.startsWith("ld");
                boolean store = rmw || STORE_ONLY_ATOMIC.matcher(m).matches() || m.startsWith("st");
                if (previousLoad != null && load) {
                    ll.add("P" + t + ": " + previousLoad + " then " + insn);
                }
                if (previousLoad != null && store && !release) {
                    lb.add("P" + t + ": " + previousLoad + " then " + insn);
                }
                if (acquire) {
                    previousLoad = null;
                } else if (load && previousLoad == null) {
                    previousLoad = insn;
                    previousNoReturn = noReturn;
                }
            }
        }
        if (lb.isEmpty() && ll.isEmpty()) {
            return "no pair the model leaves ordered: not explained by the known limitation";
        }
        StringBuilder b = new StringBuilder("needs ");
        if (!lb.isEmpty()) {
            b.append("load buffering (").append(String.join("; ", lb)).append(")");
        }
        if (!ll.isEmpty()) {
            b.append(lb.isEmpty() ? "" : " or ").append("load-load reordering (").append(String.join("; ", ll)).append(")");
        }
        return b.toString();
    }
}
