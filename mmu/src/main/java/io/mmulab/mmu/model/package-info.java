/**
 * Store buffers and memory models (DESIGN.md section 3): {@link io.mmulab.mmu.model.MemorySystem}
 * decides, under {@code sc}, {@code tso} or {@code arm}, which stores stay private to their vCPU's
 * view and which may become visible to all next; the emulator turns those into scheduler choices.
 */
package io.mmulab.mmu.model;
