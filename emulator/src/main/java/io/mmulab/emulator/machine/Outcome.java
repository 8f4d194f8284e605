package io.mmulab.emulator.machine;

/**
 * How a run ended. {@code status} is the guest's done() status for {@link Kind#DONE};
 * {@code cpu} and {@code pc} say where a failure was seen (-1 / 0 where not applicable);
 * {@code message} is one line a kernel developer can act on.
 */
public record Outcome(Kind kind, long status, String message, int cpu, long pc) {

    public enum Kind {
        /** A vCPU reported done(status). */
        DONE,
        /** The guest reported BUG / VM_BUG_ON. */
        BUG,
        /** A kernel access that no translation allows and no guest handler took (an oops). */
        GUEST_FAULT,
        /** An access to a physical page the guest's allocator had freed. */
        PHYS_UAF,
        /** An access through a TLB entry filled before its page was freed: only an emulator sees this. */
        STALE_TLB_UAF,
        /** A reference count incremented from zero, dropped below zero or saturated. */
        REFCOUNT,
        /** A scenario invariant (CHECK) failed. */
        CHECK_FAILED,
        /** Every vCPU halted or parked and nobody reported done. */
        HANG,
        /**
         * A vCPU ran for seconds without reaching any hook (a loop that touches no memory): stopped
         * by the watchdog. The only outcome whose timing depends on the host (see Watchdog).
         */
        RUNAWAY,
        /** The step budget ran out first. */
        BUDGET_EXHAUSTED,
        /** The emulator itself failed (a bug in mmulab, or an unsupported guest instruction). */
        EMULATOR_ERROR
    }

    public boolean failed() {
        return kind != Kind.DONE;
    }
}
