package io.mmulab.emulator.machine;

public enum VcpuState {
    /** Waiting in the spin table to be released by the boot CPU. */
    PARKED,
    RUNNABLE,
    /** Executed hlt / wfi; nothing wakes it until interrupts exist. */
    HALTED
}
