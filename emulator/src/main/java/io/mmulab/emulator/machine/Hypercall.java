package io.mmulab.emulator.machine;

/**
 * Hypercall numbers of the guest ABI (kernel-model/src/main/c/include/mmulab/hypercall.h).
 * A test keeps the two in step.
 */
public enum Hypercall {
    CONSOLE_WRITE(0),
    DONE(1),
    BUG(2),
    WARN(3),
    OOPS(4),
    IPI_SEND(5),
    IRQ_ACK(6),
    IRQ_EOI(7),
    PAGE_STATE(8),
    SCENARIO_START(9),
    WAIT(10),
    WAIT_DONE(11),
    REFCOUNT(12),
    CHECK(13);

    public static final int X86_PORT = 0x4d;
    public static final String SPIN_TABLE_SYMBOL = "mmulab_spin_table";
    public static final String CPU_STACKS_SYMBOL = "cpu_stacks";
    public static final int MAX_CPUS = 8;
    public static final int IPI_VECTOR = 0xfb;
    public static final int IPI_SGI = 1;
    public static final int IRQ_SPURIOUS = 1023;

    private final int number;

    Hypercall(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static Hypercall of(long number) {
        for (Hypercall h : values()) {
            if (h.number == number) {
                return h;
            }
        }
        return null;
    }
}
