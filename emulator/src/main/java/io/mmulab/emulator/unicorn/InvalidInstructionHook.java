package io.mmulab.emulator.unicorn;

/**
 * Called when the guest executes an instruction unicorn cannot decode. Return true to go on
 * (after moving the PC), false to end emulation with {@code UC_ERR_INSN_INVALID}.
 */
@FunctionalInterface
public interface InvalidInstructionHook {
    boolean onInvalidInstruction();
}
