package io.mmulab.emulator.machine;

import io.mmulab.emulator.Arch;

/**
 * Everything that, with the image, determines a run: same config and image, same run.
 *
 * @param maxSteps budget of scheduling steps (shared accesses, barriers, spin hints; a slice of
 *                 {@link Machine#SLICE_INSTRUCTIONS} instructions without any counts as
 *                 {@link Machine#SLICE_STEPS} steps), after which the run stops as
 *                 {@link Outcome.Kind#BUDGET_EXHAUSTED}
 */
public record MachineConfig(Arch arch, int vcpus, long memBytes, long seed, double switchProbability, long maxSteps) {
    public static final int MAX_VCPUS = 8;
    public static final long MIB = 1L << 20;
    public static final long DEFAULT_MEM = 128 * MIB;
    public static final long DEFAULT_MAX_STEPS = 20_000_000L;
    public static final double DEFAULT_SWITCH_PROBABILITY = 0.05;

    public MachineConfig {
        if (vcpus < 1 || vcpus > MAX_VCPUS) {
            throw new IllegalArgumentException("--vcpus must be between 1 and " + MAX_VCPUS + ", got " + vcpus);
        }
        if (memBytes < 16 * MIB || memBytes > 4096 * MIB || memBytes % (2 * MIB) != 0) {
            throw new IllegalArgumentException("--mem must be a multiple of 2 MiB between 16 and 4096 MiB, got "
                    + (memBytes % MIB == 0 ? (memBytes / MIB) + " MiB" : memBytes + " bytes"));
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("--max-steps must be positive, got " + maxSteps);
        }
    }

    public static MachineConfig defaults(Arch arch, int vcpus, long seed) {
        return new MachineConfig(arch, vcpus, DEFAULT_MEM, seed, DEFAULT_SWITCH_PROBABILITY, DEFAULT_MAX_STEPS);
    }

    public MachineConfig withMaxSteps(long steps) {
        return new MachineConfig(arch, vcpus, memBytes, seed, switchProbability, steps);
    }
}
