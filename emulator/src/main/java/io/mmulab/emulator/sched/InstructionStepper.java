package io.mmulab.emulator.sched;

/**
 * A scheduler that can also stop a vCPU in the middle of its step: the debugger's "step one
 * instruction" and its breakpoints. A step (the decision to let a vCPU run) normally lasts until
 * that vCPU's next scheduling point; everything it does in between is private to it, so stopping
 * inside changes nothing any other vCPU can see and adds no decision. A position in a run is
 * its decision list plus how many instructions the last step has executed; the instruction a
 * step was decided at counts as its first.
 *
 * <p>Only a machine booted debuggable stops inside steps: there, every instruction first passes
 * a hook that counts it and asks {@link #instructionLimit} and {@link #breaksAt}.
 */
public interface InstructionStepper extends Scheduler {

    /** Stop {@code cpu} inside its step once the step has executed this many instructions; 0: no limit. */
    long instructionLimit(int cpu);

    /** Whether a vCPU about to execute the instruction at {@code pc} (not the first of its slice) stops before it. */
    boolean breaksAt(long pc);

    /**
     * {@code cpu} stopped inside its step after {@code executed} of its instructions, at the
     * limit or at a breakpoint; the machine is settled and may be inspected. Returns false to
     * end the run here (it then counts as paused).
     */
    boolean midStep(int cpu, long executed, boolean atBreakpoint);
}
