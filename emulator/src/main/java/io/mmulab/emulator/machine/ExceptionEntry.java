package io.mmulab.emulator.machine;

/**
 * The architectural exception entry, performed by us because unicorn does not vector into
 * the guest: a failed translation ends uc_emu_start with the PC on the faulting instruction,
 * and interrupts are ours altogether. The handler is guest code, so the debugger shows it.
 */
interface ExceptionEntry {

    /** Enters the guest's handler for a translation fault at {@code v}'s current PC; null, or why it could not. */
    String fault(Vcpu v, TranslationFault f);

    /** Enters the guest's handler for interrupt {@code irq} at {@code v}'s current PC; null, or why it could not. */
    String interrupt(Vcpu v, int irq);
}
