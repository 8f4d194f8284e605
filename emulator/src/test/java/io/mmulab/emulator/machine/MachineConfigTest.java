package io.mmulab.emulator.machine;

import io.mmulab.emulator.Arch;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineConfigTest {

    private static String error(int vcpus, long mem, long steps) {
        return assertThrows(IllegalArgumentException.class,
                () -> new MachineConfig(Arch.X86_64, vcpus, mem, 1, 0.05, steps, null)).getMessage();
    }

    @Test
    void validatesEveryField() {
        assertTrue(error(0, MachineConfig.DEFAULT_MEM, 10).contains("got 0"));
        assertTrue(error(9, MachineConfig.DEFAULT_MEM, 10).contains("got 9"));
        assertTrue(error(1, 8 * MachineConfig.MIB, 10).contains("got 8 MiB"));
        assertTrue(error(1, 17 * MachineConfig.MIB, 10).contains("multiple of 2 MiB"));
        assertTrue(error(1, MachineConfig.DEFAULT_MEM, 0).contains("--max-steps"));
    }

    @Test
    void defaults() {
        MachineConfig c = MachineConfig.defaults(Arch.ARM64, 4, 7);
        assertEquals(128 * MachineConfig.MIB, c.memBytes());
        assertEquals(4, c.vcpus());
        assertEquals(5, c.withMaxSteps(5).maxSteps());
        assertEquals(io.mmulab.mmu.model.ModelKind.ARM, c.model());
        assertEquals(io.mmulab.mmu.model.ModelKind.TSO, MachineConfig.defaults(Arch.X86_64, 1, 1).model());
        assertEquals(io.mmulab.mmu.model.ModelKind.SC, c.withModel(io.mmulab.mmu.model.ModelKind.SC).model());
    }
}
