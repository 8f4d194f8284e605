package io.mmulab.emulator.machine;

/**
 * Something a vCPU did that a race diagram may show: a shared access (with the value read or
 * written), a store becoming visible, an interrupt sent or taken, TLB maintenance. Recorded only when
 * asked for ({@link Machine#recordEvents}), since exploration runs do not need them.
 *
 * @param addr physical address, or -1
 * @param note what a {@link Kind#TLB} or {@link Kind#IPI} event did, in words; null for the others
 */
public record MachineEvent(long step, int cpu, long pc, Kind kind, long addr, int size, long value, String note) {
    public enum Kind { READ, WRITE, COMMIT, IRQ, FAULT, TLB, IPI }

    public MachineEvent(long step, int cpu, long pc, Kind kind, long addr, int size, long value) {
        this(step, cpu, pc, kind, addr, size, value, null);
    }

    /** e.g. {@code WRITE 0x1000 = 0x1} */
    public String what() {
        return switch (kind) {
            case READ, WRITE, COMMIT -> String.format("%s 0x%x = 0x%x", kind, addr, value);
            case IRQ -> "IRQ " + value;
            case FAULT -> String.format("FAULT at 0x%x", value);
            case TLB, IPI -> note;
        };
    }
}
