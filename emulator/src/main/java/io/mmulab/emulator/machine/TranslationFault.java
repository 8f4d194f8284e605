package io.mmulab.emulator.machine;

import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.WalkResult;

/**
 * A translation the walker refused. {@code walk} is null when the walk itself left physical
 * memory (a table pointer past its end).
 */
record TranslationFault(long va, AccessType access, long pc, WalkResult walk) {
}
