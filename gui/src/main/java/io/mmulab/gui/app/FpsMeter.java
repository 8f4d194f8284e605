package io.mmulab.gui.app;

import java.io.PrintWriter;

/**
 * Frames per second over one-second windows, logged with what the machine was doing, and over
 * the whole session split by whether the machine was busy (booting, replaying, running) or
 * waiting for the user: the busy figure is the one that says whether the window stays responsive.
 */
public final class FpsMeter {
    private final PrintWriter log;
    private long windowStart = System.nanoTime();
    private int frames;
    private double last;
    private double sum;
    private int samples;
    private long lastFrame = -1;
    private long busyNanos;
    private long busyFrames;
    private long idleNanos;
    private long idleFrames;

    /** The session's frame rates: the mean of the one-second windows, and while busy and while waiting. */
    public record Summary(double average, double busy, double busySeconds, double idle, double idleSeconds) {
        @Override
        public String toString() {
            return String.format("%.1f fps on average; %.1f fps over %.1f s while the machine was busy, %.1f fps over"
                    + " %.1f s while it waited", average, busy, busySeconds, idle, idleSeconds);
        }
    }

    FpsMeter(PrintWriter log) {
        this.log = log;
    }

    /** A frame was shown; {@code busy}: the machine was moving while it was drawn. */
    void frame(String machineState, boolean busy) {
        frames++;
        long now = System.nanoTime();
        if (lastFrame >= 0) {
            if (busy) {
                busyNanos += now - lastFrame;
                busyFrames++;
            } else {
                idleNanos += now - lastFrame;
                idleFrames++;
            }
        }
        lastFrame = now;
        if (now - windowStart >= 1_000_000_000L) {
            last = frames * 1e9 / (now - windowStart);
            sum += last;
            samples++;
            if (log != null) {
                log.printf("mmulab gui: %.1f fps (%s)%n", last, machineState);
                log.flush();
            }
            frames = 0;
            windowStart = now;
        }
    }

    Summary summary() {
        return new Summary(samples == 0 ? last : sum / samples, rate(busyFrames, busyNanos), busyNanos / 1e9,
                rate(idleFrames, idleNanos), idleNanos / 1e9);
    }

    private static double rate(long frames, long nanos) {
        return nanos == 0 ? 0 : frames * 1e9 / nanos;
    }
}
