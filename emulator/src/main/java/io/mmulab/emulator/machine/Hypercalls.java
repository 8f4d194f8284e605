package io.mmulab.emulator.machine;

import io.mmulab.mmu.PageWalker;

import java.nio.charset.StandardCharsets;

/** Carries out the guest's hypercalls (ABI: kernel-model include/mmulab/hypercall.h). */
final class Hypercalls {
    /** Longest console write taken in one call; a guest passing more is truncated, not trusted. */
    private static final int MAX_CONSOLE_WRITE = 64 * 1024;
    private static final int MAX_STRING = 512;
    private static final long ENOSYS = -38;
    private static final long EFAULT = -14;

    private final Machine machine;
    private final ArchOps ops;

    Hypercalls(Machine machine, ArchOps ops) {
        this.machine = machine;
        this.ops = ops;
    }

    void handle(Vcpu v) {
        long nr = ops.hypercallNumber(v.uc);
        Hypercall h = Hypercall.of(nr);
        if (h == null) {
            machine.warn("cpu " + v.id + ": unknown hypercall " + nr + " at " + Reports.where(machine, pc(v)));
            ops.setHypercallResult(v.uc, ENOSYS);
            return;
        }
        long a0 = ops.hypercallArg(v.uc, 0);
        long a1 = ops.hypercallArg(v.uc, 1);
        long a2 = ops.hypercallArg(v.uc, 2);
        PageWalker walker = ops.walker(v.uc, machine.memory().committed());
        if (h != Hypercall.CONSOLE_WRITE && h != Hypercall.WAIT && h != Hypercall.WAIT_DONE) {
            machine.widenStep();   // page states, interrupts, oracles: not a memory footprint
        }
        try {
            switch (h) {
                case CONSOLE_WRITE -> {
                    int len = (int) Math.max(0, Math.min(a1, MAX_CONSOLE_WRITE));
                    byte[] bytes = GuestMemory.read(walker, v.view, a0, len);
                    machine.consoleWrite(new String(bytes, StandardCharsets.UTF_8));
                    ops.setHypercallResult(v.uc, len);
                }
                case DONE -> machine.finish(new Outcome(Outcome.Kind.DONE, a0,
                        "cpu " + v.id + " reported done(" + a0 + ")", v.id, pc(v)));
                case BUG -> {
                    String where = GuestMemory.readString(walker, v.view, a0, MAX_STRING) + ":" + a1;
                    String msg = a2 == 0 ? "" : GuestMemory.readString(walker, v.view, a2, MAX_STRING);
                    long at = caller(v);
                    machine.finish(new Outcome(Outcome.Kind.BUG, 0, "kernel BUG at " + where
                            + (msg.isEmpty() ? "" : ": " + msg) + " (cpu " + v.id + ", pc "
                            + Reports.where(machine, at) + ")", v.id, at));
                }
                case OOPS -> {
                    long ip = ops.hypercallArg(v.uc, 2);
                    machine.finish(Reports.oops(machine, v, a0, a1, ip,
                            walker.walk(a0, io.mmulab.mmu.AccessType.READ, io.mmulab.mmu.Privilege.KERNEL),
                            walker.walk(a0, io.mmulab.mmu.AccessType.WRITE, io.mmulab.mmu.Privilege.KERNEL)));
                }
                case IPI_SEND -> {
                    if (!InterruptController.valid(a1)) {
                        machine.warn("cpu " + v.id + ": IPI_SEND of irq " + a1 + " ignored (0.." + (InterruptController.IRQS - 1) + ")");
                        ops.setHypercallResult(v.uc, -22);
                        return;
                    }
                    StringBuilder to = new StringBuilder();
                    for (int cpu = 0; cpu < machine.vcpus().size(); cpu++) {
                        if ((a0 & (1L << cpu)) != 0) {
                            machine.interrupts().raise(cpu, (int) a1);
                            to.append(to.isEmpty() ? "" : ",").append("cpu").append(cpu);
                        }
                    }
                    machine.describedEvent(v, MachineEvent.Kind.IPI, "IPI " + a1 + " to " + to);
                    machine.progress();
                    ops.setHypercallResult(v.uc, 0);
                }
                case IRQ_ACK -> ops.setHypercallResult(v.uc, machine.interrupts().claim(v.id));
                case IRQ_EOI -> {
                    machine.interrupts().endOfInterrupt(v.id, (int) a0);
                    ops.setHypercallResult(v.uc, 0);
                }
                case PAGE_STATE -> {
                    try {
                        machine.ownership().set(a0, a1, io.mmulab.mmu.PageOwner.of((int) a2), machine.steps());
                        ops.setHypercallResult(v.uc, 0);
                    } catch (IllegalArgumentException e) {
                        machine.warn("cpu " + v.id + ": PAGE_STATE: " + e.getMessage());
                        ops.setHypercallResult(v.uc, -22);
                    }
                }
                case SCENARIO_START -> {
                    machine.scenarioStarted(v);
                    ops.setHypercallResult(v.uc, 0);
                }
                case WAIT -> {
                    // Waiters call this in every loop iteration with a label from .rodata: read
                    // each label once (a page walk and a string read per call show in profiles).
                    String what = a1 == 0 ? "" : waitLabels.get(a1);
                    if (what == null) {
                        what = GuestMemory.readString(walker, v.view, a1, MAX_STRING);
                        waitLabels.put(a1, what);
                    }
                    v.waitingFor = what;
                    v.waitingOn = a0;
                    ops.setHypercallResult(v.uc, 0);
                }
                case WAIT_DONE -> {
                    v.waitingFor = null;
                    ops.setHypercallResult(v.uc, 0);
                }
                case REFCOUNT -> {
                    String kind = switch ((int) a0) {
                        case 0 -> "increment from zero";
                        case 1 -> "underflow";
                        case 2 -> "saturation";
                        default -> "misuse " + a0;
                    };
                    long at = caller(v);
                    machine.finish(new Outcome(Outcome.Kind.REFCOUNT, 0, String.format(
                            "refcount %s on 0x%x (value %d): cpu %d, pc %s", kind, a1, a2, v.id,
                            Reports.where(machine, at)), v.id, at));
                }
                case CHECK -> {
                    String where = GuestMemory.readString(walker, v.view, a0, MAX_STRING) + ":" + a1;
                    String msg = a2 == 0 ? "" : GuestMemory.readString(walker, v.view, a2, MAX_STRING);
                    long at = caller(v);
                    machine.finish(new Outcome(Outcome.Kind.CHECK_FAILED, 0, "scenario check failed at " + where
                            + (msg.isEmpty() ? "" : ": " + msg) + " (cpu " + v.id + ", pc "
                            + Reports.where(machine, at) + ")", v.id, at));
                }
                case WARN -> {
                    String where = GuestMemory.readString(walker, v.view, a0, MAX_STRING) + ":" + a1;
                    String msg = a2 == 0 ? "" : GuestMemory.readString(walker, v.view, a2, MAX_STRING);
                    String line = "WARNING: CPU: " + v.id + " at " + where + (msg.isEmpty() ? "" : ": " + msg);
                    machine.warn(line);
                    machine.consoleWrite(line + "\n");
                }
            }
        } catch (GuestMemory.GuestAccessException e) {
            machine.warn("cpu " + v.id + ": " + h + " hypercall: " + e.getMessage());
            ops.setHypercallResult(v.uc, EFAULT);
        }
    }

    private final java.util.Map<Long, String> waitLabels = new java.util.HashMap<>();

    private long pc(Vcpu v) {
        return v.uc.readReg(ops.pc());
    }

    /**
     * Where a BUG, CHECK or refcount report comes from: the call instruction before the return
     * address the guest passes in the fourth argument (so symbol and source line are the
     * caller's, not the reporting helper's), or the hypercall itself when it passed none.
     */
    private long caller(Vcpu v) {
        long ra = ops.hypercallArg(v.uc, 3);
        if (ra == 0) {
            return pc(v);
        }
        return ra - (machine.arch() == io.mmulab.emulator.Arch.ARM64 ? 4 : 1);
    }
}
