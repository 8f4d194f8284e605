package io.mmulab.emulator.machine;

import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.WalkResult;

/**
 * A translation the walker refused. No PC here: inside the TLB-fill hook unicorn's PC
 * is not yet synchronised; the engine's PC after it stops is the faulting instruction.
 */
record TranslationFault(long va, AccessType access, WalkResult walk) {
}
