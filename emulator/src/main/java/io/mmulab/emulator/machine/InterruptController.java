package io.mmulab.emulator.machine;

import java.util.ArrayList;
import java.util.List;

/**
 * One small interrupt controller per vCPU: a pending bit per interrupt number (x86 IDT
 * vectors, arm64 SGIs), raised by HC_IPI_SEND and claimed by the guest's handler with
 * HC_IRQ_ACK, like reading the GIC's IAR. An interrupt stays pending until claimed, so a
 * handler that does not claim it takes it again after returning.
 */
final class InterruptController {
    static final int IRQS = 256;
    static final int SPURIOUS = 1023;

    private final long[][] pending;
    private final int[] inService;

    InterruptController(int cpus) {
        pending = new long[cpus][IRQS / 64];
        inService = new int[cpus];
        java.util.Arrays.fill(inService, -1);
    }

    static boolean valid(long irq) {
        return irq >= 0 && irq < IRQS;
    }

    void raise(int cpu, int irq) {
        pending[cpu][irq >>> 6] |= 1L << (irq & 63);
    }

    boolean hasPending(int cpu) {
        for (long w : pending[cpu]) {
            if (w != 0) {
                return true;
            }
        }
        return false;
    }

    /** The lowest pending interrupt number, or -1. */
    int lowestPending(int cpu) {
        long[] p = pending[cpu];
        for (int i = 0; i < p.length; i++) {
            if (p[i] != 0) {
                return i * 64 + Long.numberOfTrailingZeros(p[i]);
            }
        }
        return -1;
    }

    /** Claims the lowest pending interrupt (clears it), or returns {@link #SPURIOUS}. */
    int claim(int cpu) {
        int irq = lowestPending(cpu);
        if (irq < 0) {
            return SPURIOUS;
        }
        pending[cpu][irq >>> 6] &= ~(1L << (irq & 63));
        inService[cpu] = irq;
        return irq;
    }

    void endOfInterrupt(int cpu, int irq) {
        if (inService[cpu] == irq) {
            inService[cpu] = -1;
        }
    }

    /** Pending interrupt numbers in ascending order (for inspection). */
    List<Integer> pendingList(int cpu) {
        List<Integer> out = new ArrayList<>();
        for (int irq = 0; irq < IRQS; irq++) {
            if ((pending[cpu][irq >>> 6] & (1L << (irq & 63))) != 0) {
                out.add(irq);
            }
        }
        return out;
    }

    int inService(int cpu) {
        return inService[cpu];
    }

    /** A copy of all pending and in-service state, for a checkpoint. */
    long[][] snapshot() {
        long[][] copy = new long[pending.length + 1][];
        for (int c = 0; c < pending.length; c++) {
            copy[c] = pending[c].clone();
        }
        copy[pending.length] = java.util.Arrays.stream(inService).asLongStream().toArray();
        return copy;
    }

    void restore(long[][] s) {
        for (int c = 0; c < pending.length; c++) {
            System.arraycopy(s[c], 0, pending[c], 0, pending[c].length);
            inService[c] = (int) s[pending.length][c];
        }
    }
}
