package io.mmulab.emulator.machine;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.disasm.Classification;
import io.mmulab.emulator.disasm.FenceKind;
import io.mmulab.emulator.disasm.InsnKind;
import io.mmulab.emulator.disasm.Ordering;
import io.mmulab.mmu.model.Barrier;
import io.mmulab.mmu.model.LoadKind;
import io.mmulab.mmu.model.StoreKind;

/**
 * What one instruction means to the memory model: the kind of its read, of its write, and
 * the barrier it is. Linux's ordering contract reaches the model through here: a
 * value-returning atomic compiles to a fully ordered {@code ldaddal}/{@code casal} (or a
 * locked x86 instruction), a non-returning one to a relaxed {@code ldadd}/{@code stadd}.
 */
record AccessProfile(LoadKind load, StoreKind store, Barrier barrier, boolean completesTlbi) {
    static final AccessProfile PLAIN = new AccessProfile(LoadKind.PLAIN, StoreKind.PLAIN, null, false);

    static AccessProfile of(Arch arch, Classification c) {
        if (c.is(InsnKind.ATOMIC_RMW)) {
            if (arch == Arch.X86_64) {
                return new AccessProfile(LoadKind.ATOMIC_FULL, StoreKind.ATOMIC_FULL, null, false);
            }
            return switch (c.ordering()) {
                case RELAXED -> new AccessProfile(LoadKind.ATOMIC_RELAXED, StoreKind.ATOMIC_RELAXED, null, false);
                case ACQUIRE -> new AccessProfile(LoadKind.ATOMIC_ACQUIRE, StoreKind.ATOMIC_RELAXED, null, false);
                case RELEASE -> new AccessProfile(LoadKind.ATOMIC_RELEASE, StoreKind.ATOMIC_RELEASE, null, false);
                case ACQ_REL -> new AccessProfile(LoadKind.ATOMIC_FULL, StoreKind.ATOMIC_FULL, null, false);
            };
        }
        if (c.is(InsnKind.LOAD_EXCLUSIVE)) {
            return new AccessProfile(c.ordering() == Ordering.RELAXED ? LoadKind.ATOMIC_RELAXED : LoadKind.ATOMIC_ACQUIRE,
                    StoreKind.PLAIN, null, false);
        }
        if (c.is(InsnKind.STORE_EXCLUSIVE)) {
            return new AccessProfile(LoadKind.PLAIN, c.ordering() == Ordering.RELAXED ? StoreKind.ATOMIC_RELAXED
                    : StoreKind.ATOMIC_RELEASE, null, false);
        }
        if (c.is(InsnKind.LOAD_ACQUIRE)) {
            return new AccessProfile(c.rcpc() ? LoadKind.ACQUIRE_PC : LoadKind.ACQUIRE, StoreKind.PLAIN, null, false);
        }
        if (c.is(InsnKind.STORE_RELEASE)) {
            return new AccessProfile(LoadKind.PLAIN, StoreKind.RELEASE, null, false);
        }
        if (c.is(InsnKind.FENCE)) {
            Barrier b = c.fence() == FenceKind.FULL ? Barrier.FULL
                    : c.fence() == FenceKind.STORE_STORE ? Barrier.STORE_STORE : Barrier.LOAD;
            return new AccessProfile(LoadKind.PLAIN, StoreKind.PLAIN, b, c.is(InsnKind.SYNC_BARRIER));
        }
        return PLAIN;
    }

    /** Whether the instruction's accesses are anything but plain. */
    boolean special() {
        return this != PLAIN && (load != LoadKind.PLAIN || store != StoreKind.PLAIN);
    }
}
