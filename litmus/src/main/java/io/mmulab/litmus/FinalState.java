// SPDX-License-Identifier: GPL-2.0-or-later
package io.mmulab.litmus;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The values of a test's observed terms at the end of one run. Registers hold their 64-bit
 * value; a location holds its value sign-extended from its width, as herd prints them.
 */
public record FinalState(SortedMap<Term, Long> values) implements Comparable<FinalState> {

    public FinalState {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /** herd's notation: {@code 0:rax=0; 1:rax=1; x=2;}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Term, Long> e : values.entrySet()) {
            b.append(b.isEmpty() ? "" : " ").append(e.getKey()).append('=').append(e.getValue()).append(';');
        }
        return b.toString();
    }

    /** Term by term, in print order, so states list the same way every time. */
    @Override
    public int compareTo(FinalState o) {
        Iterator<Map.Entry<Term, Long>> a = values.entrySet().iterator();
        Iterator<Map.Entry<Term, Long>> b = o.values.entrySet().iterator();
        while (a.hasNext() && b.hasNext()) {
            Map.Entry<Term, Long> x = a.next();
            Map.Entry<Term, Long> y = b.next();
            int c = x.getKey().compareTo(y.getKey());
            if (c == 0) {
                c = Long.compare(x.getValue(), y.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(a.hasNext(), b.hasNext());
    }
}
