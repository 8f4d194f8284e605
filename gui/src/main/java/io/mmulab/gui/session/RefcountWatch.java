package io.mmulab.gui.session;

/**
 * A struct page refcount the user watches: its value is sampled at every decision for the
 * history plot, and with {@code stopOnChange} it is a watchpoint that stops a run when the
 * value changes, next to the breakpoints.
 */
public record RefcountWatch(long pfn, boolean stopOnChange) {
}
