package io.mmulab.emulator.unicorn;

/**
 * Called when the guest raises an exception or interrupt that unicorn does not deliver
 * itself. Where the PC points differs: x86 {@code int n} leaves RIP after the instruction
 * (a trap); ARM64 {@code brk}, {@code svc}, an undefined {@code hvc} at EL1 leave PC on the
 * instruction, which raises again on resumption unless the hook moves the PC. Not called for
 * x86 {@code ud2} (see {@link Unicorn#hookInvalidInstruction}) nor for a refused TLB fill.
 */
@FunctionalInterface
public interface InterruptHook {
    /**
     * @param intno x86: the vector; ARM64: QEMU's exception number (1 undefined instruction,
     *     2 svc, 3 prefetch abort, 4 data abort, 5 IRQ, 6 FIQ, 7 brk, 11 hvc, 13 smc)
     */
    void onInterrupt(int intno);
}
