package io.mmulab.mmu.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelKindTest {
    @Test
    void parsesNamesInAnyCase() {
        assertEquals(ModelKind.SC, ModelKind.parse("sc"));
        assertEquals(ModelKind.TSO, ModelKind.parse("TSO"));
        assertEquals(ModelKind.ARM, ModelKind.parse(" Arm "));
        for (ModelKind m : ModelKind.values()) {
            assertEquals(m, ModelKind.parse(m.displayName()));
            assertEquals(m.name().toLowerCase(), m.displayName());
        }
    }

    @Test
    void rejectsUnknownNamesWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelKind.parse("x86"));
        assertEquals("unknown memory model 'x86' (expected sc, tso or arm)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelKind.parse(null));
        assertThrows(IllegalArgumentException.class, () -> ModelKind.parse(""));
    }

    @Test
    void onlyArmCarriesTheLimitation() {
        assertTrue(ModelKind.ARM.limitation().contains("load buffering"));
        assertTrue(ModelKind.TSO.limitation().isEmpty());
        assertFalse(ModelKind.SC.buffers());
        assertTrue(ModelKind.TSO.buffers());
    }

    @Test
    void kindFlags() {
        assertTrue(StoreKind.RELEASE.isRelease());
        assertFalse(StoreKind.RELEASE.isAtomic());
        assertTrue(StoreKind.ATOMIC_RELEASE.isRelease());
        assertFalse(StoreKind.ATOMIC_RELAXED.isRelease());
        assertTrue(StoreKind.ATOMIC_RELAXED.holds());
        assertFalse(StoreKind.ATOMIC_FULL.holds());
        assertFalse(StoreKind.PLAIN.holds());
        assertTrue(LoadKind.ATOMIC_FULL.isAtomic());
        assertFalse(LoadKind.ACQUIRE.isAtomic());
    }
}
