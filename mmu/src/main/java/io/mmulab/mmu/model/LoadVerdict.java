package io.mmulab.mmu.model;

/** Whether a load may go ahead now. */
public enum LoadVerdict {
    PROCEED,
    /**
     * An atomic read of bytes that another CPU's buffered atomic write holds: the CPU must wait
     * until that write commits ({@link MemorySystem#blockingHolder} names the CPU).
     */
    BLOCKED_BY_HOLD
}
