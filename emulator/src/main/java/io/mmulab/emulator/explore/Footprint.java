package io.mmulab.emulator.explore;

import io.mmulab.emulator.sched.ChoiceSet;

/**
 * What one option of a decision point touches, copied out of a {@link ChoiceSet} (which is
 * rebuilt in place for every decision). {@link #dependent} is exactly
 * {@link ChoiceSet#dependent}: same vCPU, an unknown address, or overlapping bytes of which at
 * least one side writes.
 */
public record Footprint(int cpu, long addr, int size, boolean write, int flags) {

    public Footprint(int cpu, long addr, int size, boolean write) {
        this(cpu, addr, size, write, 0);
    }

    /** The footprint of option {@code i} of {@code c}. */
    public static Footprint of(ChoiceSet c, int i) {
        return new Footprint(c.cpu(i), c.addr(i), c.accessSize(i), c.isWrite(i), c.flags(i));
    }

    /** The same with {@code more} flags (what the step turned out to do besides, e.g. a walk). */
    public Footprint with(int more) {
        return more == 0 ? this : new Footprint(cpu, addr, size, write, flags | more);
    }

    public boolean unknown() {
        return addr == ChoiceSet.UNKNOWN;
    }

    /** Touches nothing another vCPU sees. */
    public boolean local() {
        return addr == ChoiceSet.LOCAL;
    }

    /** Whether the two may not commute (see {@link ChoiceSet#dependent}). */
    public boolean dependent(Footprint o) {
        if (cpu == o.cpu) {
            return true;
        }
        if (local() || o.local()) {
            return false;
        }
        if (unknown() || o.unknown()) {
            return true;
        }
        if (ChoiceSet.walkMeetsPageTableWrite(flags, o.flags, o.write)
                || ChoiceSet.walkMeetsPageTableWrite(o.flags, flags, write)) {
            return true;
        }
        return overlaps(o.addr, o.size) && (write || o.write);
    }

    /** Whether this footprint's bytes overlap {@code [a, a + len)} (false for an unknown footprint). */
    public boolean overlaps(long a, long len) {
        return !unknown() && !local() && addr < a + len && a < addr + size;
    }

    /** Whether this footprint's bytes include all of {@code [a, a + len)}. */
    public boolean covers(long a, long len) {
        return !unknown() && !local() && addr <= a && a + len <= addr + size;
    }

    @Override
    public String toString() {
        if (unknown()) {
            return "cpu " + cpu + " ?";
        }
        if (local()) {
            return "cpu " + cpu + " local";
        }
        return "cpu " + cpu + (write ? " W " : " R ") + "0x" + Long.toHexString(addr) + "/" + size;
    }
}
