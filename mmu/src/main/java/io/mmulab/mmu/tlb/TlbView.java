package io.mmulab.mmu.tlb;

/**
 * An entry as the GUI/CLI shows it: {@code stale} when the page tables now say something else,
 * {@code why} says what ("now maps 0x85000", "not present any more", "permissions now r--u");
 * empty when fresh, or a note when the entry could not be checked.
 */
public record TlbView(TlbEntry entry, boolean stale, String why) {
}
