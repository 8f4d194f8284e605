package io.mmulab.emulator.machine;

public enum VcpuState {
    /** Waiting in the spin table to be released by the boot CPU. */
    PARKED,
    RUNNABLE,
    /** Executed hlt / wfi: parked until an interrupt is pending for it. */
    HALTED,
    /** Its atomic access waits for another vCPU's buffered atomic write to the same bytes to commit. */
    BLOCKED,
    /** Repeats a spin-loop iteration that cannot make progress: parked until something changes (see SpinDetector). */
    SPINNING
}
