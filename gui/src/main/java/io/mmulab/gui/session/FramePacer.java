package io.mmulab.gui.session;

/**
 * Keeps the window responsive while the machine runs: the window reports each frame it shows,
 * and the worker, at its decisions, gives way for a moment whenever the window has fallen below
 * {@link #TARGET_FPS}. On a machine with few cores (or software GL, where a frame costs tens of
 * milliseconds of CPU) the worker would otherwise take the cores the window needs; the machine
 * runs slower while the window catches up, never differently (a pause changes no decision).
 */
public final class FramePacer {
    public static final double TARGET_FPS = 30;
    private static final long TARGET_NANOS = (long) (1e9 / TARGET_FPS);
    /** How long the worker gives way at a time, and how often at most. */
    private static final long YIELD_NANOS = 4_000_000L;

    /** Smoothed time between the window's frames (0: no window, or no frame yet). */
    private volatile long frameNanos;
    private long lastFrame = -1;
    // worker thread only
    private long lastYield = Long.MIN_VALUE / 2;
    private final java.util.function.LongSupplier clock;
    private final java.util.function.LongConsumer sleep;

    public FramePacer() {
        this(System::nanoTime, FramePacer::sleepNanos);
    }

    /** With a clock and a way to pause of one's own (tests). */
    FramePacer(java.util.function.LongSupplier clock, java.util.function.LongConsumer sleep) {
        this.clock = clock;
        this.sleep = sleep;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The window showed a frame now (window thread). */
    public void frame(long now) {
        if (lastFrame >= 0) {
            long d = now - lastFrame;
            long f = frameNanos;
            frameNanos = f == 0 ? d : (f * 7 + d) / 8;
        }
        lastFrame = now;
    }

    /** The window is gone: nothing to give way to. */
    public void closed() {
        frameNanos = 0;
        lastFrame = -1;
    }

    /** At a decision of a running machine (worker thread): pause briefly if the window is behind. */
    void giveWay() {
        long f = frameNanos;
        if (f <= TARGET_NANOS) {
            return;
        }
        long now = clock.getAsLong();
        if (now - lastYield < YIELD_NANOS) {
            return;
        }
        sleep.accept(YIELD_NANOS);
        lastYield = clock.getAsLong();
    }
}
