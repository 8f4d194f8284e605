package io.mmulab.emulator.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders the events of a run the way mm developers draw races in commit messages: one
 * column per vCPU, time going down, each event as its source location and, below it, the
 * access.
 *
 * <pre>
 * CPU 0                             | CPU 1
 * ----------------------------------+------------------------------
 * filemap_fault (mm/filemap.c:3301) |
 * READ 0x1000 = 0                   |
 *                                   | do_wp_page (mm/memory.c:3412)
 *                                   | WRITE 0x1000 = 1
 * </pre>
 *
 * Only events that matter are kept: accesses to the addresses of interest (same 8-byte
 * granule), and the ordering events ({@link #isOrderingEvent barriers, interrupts, TLB
 * maintenance}) of the vCPUs that made such accesses, from the first kept access to the last.
 * An empty set of addresses keeps everything. Columns are as wide as their content; no line
 * has trailing spaces; every line ends with a newline.
 */
public final class RaceDiagram {
    private RaceDiagram() {
    }

    /**
     * One thing a vCPU did.
     *
     * @param step       position in the run (decision or instruction count); orders the rows
     * @param cpu        the vCPU
     * @param function   the guest function, "" when unknown
     * @param sourceLine "mm/filemap.c:42", or ""
     * @param what       "READ 0x1000 = 0", "WRITE 0x1000 = 1", "COMMIT 0x1000 = 1", "IRQ 251", "TLBI", ...
     * @param addr       the physical address accessed, -1 for none
     */
    public record Event(long step, int cpu, String function, String sourceLine, String what, long addr) {
        public Event {
            function = function == null ? "" : function;
            sourceLine = sourceLine == null ? "" : sourceLine;
            what = what == null ? "" : what;
        }

        /** "function (file:line)", or whichever of the two is known, or "?". */
        public String location() {
            if (function.isEmpty()) {
                return sourceLine.isEmpty() ? "?" : sourceLine;
            }
            return sourceLine.isEmpty() ? function : function + " (" + sourceLine + ")";
        }
    }

    private static final Set<String> ORDERING = Set.of("IRQ", "IPI", "INTERRUPT", "EXCEPTION", "FAULT", "TLBI",
            "INVLPG", "INVPCID", "CR3", "TTBR0", "TTBR1", "FENCE", "MFENCE", "LFENCE", "SFENCE", "DMB", "DSB", "ISB",
            "BARRIER", "MB", "RMB", "WMB", "SMP_MB", "SMP_RMB", "SMP_WMB", "ERET", "IRET");

    /**
     * Whether an event is a barrier, an interrupt or TLB maintenance: its first word (before a
     * space, '(' or '.'), upper-cased, is one of IRQ, IPI, INTERRUPT, EXCEPTION, FAULT, TLBI,
     * INVLPG, INVPCID, CR3, TTBR0, TTBR1, FENCE, MFENCE, LFENCE, SFENCE, DMB, DSB, ISB, BARRIER,
     * MB, RMB, WMB, SMP_MB, SMP_RMB, SMP_WMB, ERET, IRET.
     */
    public static boolean isOrderingEvent(String what) {
        int end = 0;
        while (end < what.length() && " (.\t".indexOf(what.charAt(end)) < 0) {
            end++;
        }
        return ORDERING.contains(what.substring(0, end).toUpperCase(Locale.ROOT));
    }

    /** The events the diagram shows, in step order (stable for equal steps). */
    public static List<Event> select(List<Event> events, Set<Long> addresses) {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::step));
        if (addresses.isEmpty()) {
            return sorted;
        }
        Set<Long> granules = new TreeSet<>();
        for (long a : addresses) {
            granules.add(a >>> 3);
        }
        TreeSet<Integer> cpus = new TreeSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Event e : sorted) {
            if (touches(e, granules)) {
                cpus.add(e.cpu());
                first = Math.min(first, e.step());
                last = Math.max(last, e.step());
            }
        }
        List<Event> kept = new ArrayList<>();
        for (Event e : sorted) {
            if (touches(e, granules) || e.addr() < 0 && cpus.contains(e.cpu()) && e.step() >= first
                    && e.step() <= last && isOrderingEvent(e.what())) {
                kept.add(e);
            }
        }
        return kept;
    }

    private static boolean touches(Event e, Set<Long> granules) {
        return e.addr() >= 0 && granules.contains(e.addr() >>> 3);
    }

    /** The column diagram of the selected events (see the class comment); "" when none is kept. */
    public static String render(List<Event> events, Set<Long> addresses) {
        List<Event> kept = select(events, addresses);
        if (kept.isEmpty()) {
            return "";
        }
        List<Integer> cpus = new ArrayList<>(new TreeSet<>(kept.stream().map(Event::cpu).toList()));
        int[] width = new int[cpus.size()];
        for (int c = 0; c < cpus.size(); c++) {
            width[c] = header(cpus.get(c)).length();
        }
        for (Event e : kept) {
            int c = cpus.indexOf(e.cpu());
            width[c] = Math.max(width[c], Math.max(e.location().length(), e.what().length()));
        }
        StringBuilder b = new StringBuilder();
        String[] cells = new String[cpus.size()];
        for (int c = 0; c < cpus.size(); c++) {
            cells[c] = header(cpus.get(c));
        }
        line(b, cells, width, " | ");
        for (int c = 0; c < cpus.size(); c++) {
            cells[c] = "-".repeat(width[c]);
        }
        line(b, cells, width, "-+-");
        for (Event e : kept) {
            int col = cpus.indexOf(e.cpu());
            java.util.Arrays.fill(cells, "");
            cells[col] = e.location();
            line(b, cells, width, " | ");
            cells[col] = e.what();
            line(b, cells, width, " | ");
        }
        return b.toString();
    }

    /** One line per selected event: step, vCPU, location, access; columns aligned. */
    public static String renderCompact(List<Event> events, Set<Long> addresses) {
        List<Event> kept = select(events, addresses);
        int stepWidth = 0;
        int cpuWidth = 0;
        int locWidth = 0;
        for (Event e : kept) {
            stepWidth = Math.max(stepWidth, Long.toString(e.step()).length());
            cpuWidth = Math.max(cpuWidth, header(e.cpu()).length());
            locWidth = Math.max(locWidth, e.location().length());
        }
        StringBuilder b = new StringBuilder();
        for (Event e : kept) {
            String step = Long.toString(e.step());
            String s = " ".repeat(stepWidth - step.length()) + step + "  " + pad(header(e.cpu()), cpuWidth) + "  "
                    + pad(e.location(), locWidth) + "  " + e.what();
            b.append(s.stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private static String header(int cpu) {
        return "CPU " + cpu;
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static void line(StringBuilder b, String[] cells, int[] width, String sep) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                l.append(sep);
            }
            l.append(pad(cells[c], width[c]));
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }
}
