package io.mmulab.emulator.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnicornLibraryTest {

    @Test
    void loadsTheProjectLibraryAndReports214() {
        UnicornLibrary lib = UnicornLibrary.get();
        assertEquals("2.1.4", lib.version());
        assertTrue(lib.path().endsWith("libunicorn.so.2"), lib.path());
        assertEquals(0x020104, lib.rawVersion() >>> 8);
        assertTrue(UnicornLibrary.isAvailable());
        assertTrue(UnicornLibrary.get() == lib, "cached");
    }

    @Test
    void versionDecision() {
        assertTrue(UnicornLibrary.isSupported(0x020104FF), "2.1.4 final");
        assertTrue(UnicornLibrary.isSupported(0x02010400), "2.1.4, extra byte ignored");
        assertTrue(UnicornLibrary.isSupported(0x02010500), "2.1.5");
        assertTrue(UnicornLibrary.isSupported(0x020200FF), "2.2.0");
        assertTrue(UnicornLibrary.isSupported(0x03000000), "3.0.0");
        assertFalse(UnicornLibrary.isSupported(0x020103FF), "2.1.3");
        assertFalse(UnicornLibrary.isSupported(0x020101FF), "2.1.1 (Debian 12 era)");
        assertFalse(UnicornLibrary.isSupported(0x020001FF), "2.0.1");
        assertFalse(UnicornLibrary.isSupported(0x01000300), "1.0.3");
        assertFalse(UnicornLibrary.isSupported(0x02000FFF), "2.0.15");
    }

    @Test
    void versionString() {
        assertEquals("2.1.1", UnicornLibrary.versionString(0x020101FF));
        assertEquals("2.1.4", UnicornLibrary.versionString(0x020104FF));
        assertEquals("2.0.15", UnicornLibrary.versionString(0x02000F07));
    }

    @Test
    void tooOldIsOneLineSayingWhatWhereAndWhatIsNeeded() {
        var e = assertThrows(UnicornUnavailableException.class,
                () -> UnicornLibrary.checkVersion(0x020101FF, "/usr/lib/x86_64-linux-gnu/libunicorn.so.2"));
        assertEquals("libunicorn 2.1.1 at /usr/lib/x86_64-linux-gnu/libunicorn.so.2 is too old:"
                + " mmulab needs >= 2.1.4 (run scripts/bootstrap)", e.getMessage());
        UnicornLibrary.checkVersion(0x020104FF, "/x/libunicorn.so.2"); // no exception
    }

    @Test
    void otherMessagesAreOneLine() {
        String nf = UnicornLibrary.notFoundMessage(List.of("/r/.cache/unicorn/lib/libunicorn.so.2",
                "libunicorn.so.2 on the system library path"));
        assertEquals("libunicorn not found (looked at /r/.cache/unicorn/lib/libunicorn.so.2, libunicorn.so.2 on the"
                + " system library path): mmulab needs >= 2.1.4 (run scripts/bootstrap)", nf);
        String cfg = UnicornLibrary.missingConfiguredMessage("/nope/libunicorn.so.2", "-Dmmulab.unicorn");
        assertEquals("libunicorn not found at /nope/libunicorn.so.2 (set by -Dmmulab.unicorn):"
                + " mmulab needs >= 2.1.4 (run scripts/bootstrap)", cfg);
        String bad = UnicornLibrary.unloadableMessage("/x.so", "Cannot open library:\n  wrong ELF class\n");
        assertFalse(bad.contains("\n"), bad);
        assertTrue(bad.contains("wrong ELF class") && bad.endsWith("(run scripts/bootstrap)"), bad);
    }
}
