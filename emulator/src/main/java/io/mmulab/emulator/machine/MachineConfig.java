package io.mmulab.emulator.machine;

import io.mmulab.emulator.Arch;
import io.mmulab.mmu.model.ModelKind;

/**
 * Everything that, with the image, determines a run: same config and image, same run.
 *
 * @param maxSteps budget of scheduling steps (shared accesses, barriers, spin hints), after which
 *                 the run stops as {@link Outcome.Kind#BUDGET_EXHAUSTED}; a vCPU that reaches none
 *                 for seconds is stopped by the watchdog instead (see Watchdog)
 */
public record MachineConfig(Arch arch, int vcpus, long memBytes, long seed, double switchProbability, long maxSteps,
                            ModelKind model) {
    public static final int MAX_VCPUS = 8;
    public static final long MIB = 1L << 20;
    public static final long DEFAULT_MEM = 128 * MIB;
    public static final long DEFAULT_MAX_STEPS = 20_000_000L;
    public static final double DEFAULT_SWITCH_PROBABILITY = 0.05;

    /** Store buffer entries per vCPU before a store has to wait for a commit. */
    public static final int STORE_BUFFER_CAPACITY = 8;

    public MachineConfig {
        if (model == null) {
            model = defaultModel(arch);
        }
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

    /** The machine's own model: x86-TSO on x86_64, the ARMv8 approximation on arm64. */
    public static ModelKind defaultModel(Arch arch) {
        return arch == Arch.X86_64 ? ModelKind.TSO : ModelKind.ARM;
    }

    public static MachineConfig defaults(Arch arch, int vcpus, long seed) {
        return new MachineConfig(arch, vcpus, DEFAULT_MEM, seed, DEFAULT_SWITCH_PROBABILITY, DEFAULT_MAX_STEPS, null);
    }

    public MachineConfig withMaxSteps(long steps) {
        return new MachineConfig(arch, vcpus, memBytes, seed, switchProbability, steps, model);
    }

    public MachineConfig withModel(ModelKind m) {
        return new MachineConfig(arch, vcpus, memBytes, seed, switchProbability, maxSteps, m);
    }

    public MachineConfig withSeed(long s) {
        return new MachineConfig(arch, vcpus, memBytes, s, switchProbability, maxSteps, model);
    }

    public MachineConfig withMemory(long bytes) {
        return new MachineConfig(arch, vcpus, bytes, seed, switchProbability, maxSteps, model);
    }

    public MachineConfig withSwitchProbability(double p) {
        return new MachineConfig(arch, vcpus, memBytes, seed, p, maxSteps, model);
    }
}
