package io.mmulab.emulator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchTest {
    @Test
    void parsesNamesAndAliases() {
        assertEquals(Arch.X86_64, Arch.parse("x86_64"));
        assertEquals(Arch.X86_64, Arch.parse("AMD64"));
        assertEquals(Arch.ARM64, Arch.parse("aarch64"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Arch.parse("mips")).getMessage()
                .contains("unknown arch 'mips'"));
    }

    @Test
    void mapsElfMachines() {
        assertEquals(Arch.X86_64, Arch.fromElfMachine(62));
        assertEquals(Arch.ARM64, Arch.fromElfMachine(183));
        assertNull(Arch.fromElfMachine(40));
    }
}
