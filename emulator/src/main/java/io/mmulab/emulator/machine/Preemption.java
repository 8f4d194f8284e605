package io.mmulab.emulator.machine;

import io.mmulab.emulator.unicorn.Context;

/**
 * Makes "stop before this instruction" exact.
 *
 * <p>uc_emu_stop from a memory hook does not cut the instruction short: measured on unicorn
 * 2.1.4, an arm64 {@code ldr x1, [x1]} stopped in its read hook still writes x1, an atomic
 * stopped at its read still performs its write, and a stopped store still lands in the
 * private view, while the PC stays on the instruction so that it runs again later. Run twice,
 * such an instruction would load through a clobbered base or add twice. So at the moment we
 * decide to stop (before the instruction has changed anything) we save the registers, keep
 * the old bytes of every store the instruction still makes, and after the engine has
 * returned put both back. The instruction then re-executes from a clean state.
 */
final class Preemption {
    private final Context registers;
    /** The condition flags register (x86 RFLAGS, arm64 NZCV): see {@link #rollBack}. */
    private final io.mmulab.emulator.unicorn.Reg flags;
    private boolean active;
    private int stores;
    private long[] addresses = new long[8];
    private int[] sizes = new int[8];
    private long[] oldValues = new long[8];

    Preemption(Context registers, io.mmulab.emulator.unicorn.Reg flags) {
        this.registers = registers;
        this.flags = flags;
    }

    boolean active() {
        return active;
    }

    /** Called in the hook that decided to stop, before the instruction changes anything. */
    void begin(Vcpu v) {
        v.uc.saveContext(registers);
        active = true;
        stores = 0;
    }

    /** A store the stopped instruction is about to make to {@code v}'s view (hooks run before it). */
    void recordStore(Vcpu v, long pa, int size) {
        if (stores == addresses.length) {
            addresses = java.util.Arrays.copyOf(addresses, stores * 2);
            sizes = java.util.Arrays.copyOf(sizes, stores * 2);
            oldValues = java.util.Arrays.copyOf(oldValues, stores * 2);
        }
        addresses[stores] = pa;
        sizes[stores] = size;
        oldValues[stores] = v.view.readSized(pa, size);
        stores++;
    }

    /**
     * After the engine returned: registers and view as they were before the instruction.
     *
     * <p>Except the condition flags, taken from after the return. Inside a memory hook the
     * engine's copy of the flags can be stale: QEMU computes them lazily (x86 keeps the last
     * operation and its operands, and which operation is only known to the translated code
     * until an exit writes it back), so a context saved in the hook may hold the flags of an
     * older instruction. Measured: {@code and; mov %rax,(mem); jne}, stopped at the store and
     * re-run, took the branch as if the {@code and} had not cleared ZF. When the engine has
     * returned, the exit has brought the state back to the start of the stopped instruction,
     * flags included, and the stopped instruction has not set flags yet (it is stopped at its
     * first access, before any result).
     */
    void rollBack(Vcpu v) {
        for (int i = stores - 1; i >= 0; i--) {
            v.view.writeSized(addresses[i], sizes[i], oldValues[i]);
        }
        long f = v.uc.readReg(flags);
        v.uc.restoreContext(registers);
        v.uc.writeReg(flags, f);
        active = false;
        stores = 0;
    }
}
