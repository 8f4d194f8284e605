package io.mmulab.emulator.machine;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.ElfSymbol;
import io.mmulab.mmu.CommitListener;

/**
 * The firmware side of the spin-table boot protocol: vCPU N leaves its parking place when a
 * non-zero entry address becomes visible in slot N. Watching commits (not the boot CPU's
 * private view) matters: a secondary is released only once the store is visible to it.
 */
final class SpinTable implements CommitListener {
    private final Machine machine;
    private final long base;
    private final int slots;

    private SpinTable(Machine machine, long base, int slots) {
        this.machine = machine;
        this.base = base;
        this.slots = slots;
    }

    static SpinTable of(ElfImage image, Machine machine) {
        ElfSymbol sym = image.symbols().byName(Hypercall.SPIN_TABLE_SYMBOL).orElseThrow(() -> new IllegalArgumentException(
                image.path() + ": no symbol " + Hypercall.SPIN_TABLE_SYMBOL + ", so secondary vCPUs cannot be started"
                        + " (run it with --vcpus 1)"));
        long pa = image.physicalAddressOf(sym.address()).orElseThrow(() -> new IllegalArgumentException(
                image.path() + ": " + Hypercall.SPIN_TABLE_SYMBOL + " is not inside a loaded segment"));
        return new SpinTable(machine, pa, Math.min(machine.config().vcpus(), Hypercall.MAX_CPUS));
    }

    @Override
    public void onCommit(int cpu, long pa, int size, long value) {
        if (pa + size <= base || pa >= base + 8L * slots) {
            return;
        }
        for (int slot = 1; slot < slots; slot++) {
            Vcpu v = machine.vcpu(slot);
            if (v.state != VcpuState.PARKED) {
                continue;
            }
            long entry = machine.memory().committed().read64(base + 8L * slot);
            if (entry != 0) {
                machine.start(v, entry);
            }
        }
    }
}
