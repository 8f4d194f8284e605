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
    private boolean active;
    private int stores;
    private long[] addresses = new long[8];
    private int[] sizes = new int[8];
    private long[] oldValues = new long[8];

    Preemption(Context registers) {
        this.registers = registers;
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

    /** After the engine returned: registers and view as they were before the instruction. */
    void rollBack(Vcpu v) {
        for (int i = stores - 1; i >= 0; i--) {
            v.view.writeSized(addresses[i], sizes[i], oldValues[i]);
        }
        v.uc.restoreContext(registers);
        active = false;
        stores = 0;
    }
}
