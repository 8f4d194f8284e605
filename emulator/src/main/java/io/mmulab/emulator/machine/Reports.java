package io.mmulab.emulator.machine;

import io.mmulab.mmu.PageTableEntryRef;
import io.mmulab.mmu.WalkResult;

import java.util.StringJoiner;

/** One-line failure reports, with every PC as symbol+offset. */
final class Reports {
    private Reports() {
    }

    static String where(Machine m, long pc) {
        return m.image().symbols().describe(pc);
    }

    /**
     * {@code symbol+off (file:line)}, the line when the image has one for it; where the code was
     * inlined, the frames too: {@code symbol+off: f (file:line) <- g (file:line)}.
     */
    static String whereWithLine(Machine m, long pc) {
        var frames = m.image().inlining().frames(pc, m.image().sourceLines());
        if (frames.size() > 1) {
            return where(m, pc) + ": " + m.image().inlining().describe(pc, m.image().sourceLines());
        }
        String line = m.image().sourceLines().describe(pc);
        return where(m, pc) + (line.isEmpty() ? "" : " (" + line + ")");
    }

    /** Each vCPU as "cpuN STATE at symbol+off (file:line)". */
    static String vcpuStates(Machine m) {
        StringJoiner j = new StringJoiner(", ");
        for (Vcpu v : m.vcpus()) {
            j.add("cpu" + v.id + " " + v.state.name().toLowerCase(java.util.Locale.ROOT)
                    + (v.state == VcpuState.SPINNING ? " without progress (nothing it reads can change)" : "")
                    + (v.state == VcpuState.HALTED && m.ops().irqsMasked(v.uc) ? " with interrupts masked" : "")
                    + (v.waitingFor != null ? String.format(" waiting for 0x%x%s", v.waitingOn,
                            v.waitingFor.isEmpty() ? "" : " (" + v.waitingFor + ")") : "")
                    + (v.state == VcpuState.PARKED ? "" : " at " + whereWithLine(m, v.pc)));
        }
        return j.toString();
    }

    static Outcome hang(Machine m) {
        return new Outcome(Outcome.Kind.HANG, 0,
                "every vCPU is halted, parked or spinning without progress and none reported done: " + vcpuStates(m), -1, 0);
    }

    /**
     * {@code v}'s slice ran past the watchdog's limit. {@code decisions} is 0 when the guest was in
     * a loop that reaches no hook; otherwise the slice kept reaching scheduling points to the end,
     * made that many decisions, and the scheduler chose {@code v} to go on at every one (a spin
     * loop the SpinDetector did not park, say): worth telling apart.
     */
    static Outcome runaway(Machine m, Vcpu v, long millis, long decisions) {
        String what = decisions == 0
                ? " without reaching a memory access, barrier or hypercall (a loop that touches no memory?)"
                : " in one slice, in which the scheduler made " + decisions + " decisions and never switched"
                        + " away from it (a spin loop that was not parked?)";
        return new Outcome(Outcome.Kind.RUNAWAY, 0, String.format("cpu %d ran for %d s%s; it was at %s", v.id,
                millis / 1000, what, whereWithLine(m, v.pc)), v.id, v.pc);
    }

    static Outcome budget(Machine m) {
        return new Outcome(Outcome.Kind.BUDGET_EXHAUSTED, 0, "no result within the budget of "
                + m.config().maxSteps() + " steps (--max-steps): " + vcpuStates(m), -1, 0);
    }

    private static String chain(WalkResult w) {
        StringJoiner j = new StringJoiner(" -> ", " (", ")");
        j.setEmptyValue("");
        for (PageTableEntryRef e : w.chain()) {
            j.add(String.format("L%d[0x%x]=0x%x", e.level(), e.entryAddress(), e.value()));
        }
        return j.toString();
    }

    static Outcome engineError(Machine m, Vcpu v, int ucError) {
        return new Outcome(Outcome.Kind.EMULATOR_ERROR, 0, "cpu " + v.id + " stopped at " + where(m, v.pc)
                + ": unicorn error " + io.mmulab.emulator.unicorn.Uc.errorName(ucError), v.id, v.pc);
    }

    /** A fault whose architectural entry itself failed (no handler, unmapped stack): a double fault. */
    static Outcome faultDuringDelivery(Machine m, Vcpu v, TranslationFault f, String why) {
        WalkResult w = f.walk();
        return new Outcome(Outcome.Kind.GUEST_FAULT, 0, String.format(
                "unhandled kernel page fault: cpu %d %s of 0x%x at pc %s: %s fault at level %d%s; %s", v.id,
                f.access().name().toLowerCase(java.util.Locale.ROOT), f.va(), where(m, v.pc), w.fault(),
                w.faultLevel(), chain(w), why), v.id, v.pc);
    }

    /**
     * The guest's own page fault handler gave up (HC_OOPS): report it with what the page
     * tables say about the address now (read and write walks) and the chain.
     */
    static Outcome oops(Machine m, Vcpu v, long addr, long code, long ip, WalkResult read, WalkResult write) {
        String state = !read.ok() ? "not mapped: " + read.fault() + " fault at level " + read.faultLevel() + chain(read)
                : !write.ok() ? "mapped read-only" + chain(read) : "mapped read-write" + chain(read);
        return new Outcome(Outcome.Kind.GUEST_FAULT, 0, String.format(
                "kernel oops: unable to handle page fault at 0x%x: cpu %d, pc %s, code 0x%x: %s", addr, v.id,
                where(m, ip), code, state), v.id, ip);
    }

    static Outcome emulatorError(Machine m, Vcpu v, RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new Outcome(Outcome.Kind.EMULATOR_ERROR, 0, "internal error on cpu " + v.id + " at "
                + where(m, v.pc) + ": " + cause, v.id, v.pc);
    }
}
