package io.mmulab.gui.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker gives way only while the window is below 30 frames per second, and not at every decision. */
class FramePacerTest {
    private long now;
    private final List<Long> pauses = new ArrayList<>();
    private final FramePacer pacer = new FramePacer(() -> now, n -> {
        pauses.add(n);
        now += n;
    });

    private void frames(int count, long every) {
        for (int i = 0; i < count; i++) {
            now += every;
            pacer.frame(now);
        }
    }

    @Test
    void noWindowNoPause() {
        for (int i = 0; i < 100; i++) {
            now += 1_000_000;
            pacer.giveWay();
        }
        assertTrue(pauses.isEmpty());
    }

    @Test
    void aFastWindowIsLeftAlone() {
        frames(20, 20_000_000L);   // 50 fps
        for (int i = 0; i < 100; i++) {
            now += 1_000_000;
            pacer.giveWay();
        }
        assertTrue(pauses.isEmpty(), pauses.toString());
    }

    @Test
    void aSlowWindowGetsPausesAtMostOncePerPause() {
        frames(20, 50_000_000L);   // 20 fps
        for (int i = 0; i < 100; i++) {
            now += 100_000;          // decisions every 0.1 ms
            pacer.giveWay();
        }
        assertTrue(pauses.size() >= 2, pauses.toString());
        // at most half the time paused: a pause, then at least as long running
        assertTrue(pauses.size() <= 100 * 100_000 / 4_000_000 + 2, pauses.toString());
        pacer.closed();
        pauses.clear();
        now += 10_000_000;
        pacer.giveWay();
        assertEquals(List.of(), pauses);
    }
}
