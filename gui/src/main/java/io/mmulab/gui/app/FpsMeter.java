package io.mmulab.gui.app;

import java.io.PrintWriter;

/** Frames per second over one-second windows, logged with what the machine was doing. */
final class FpsMeter {
    private final PrintWriter log;
    private long windowStart = System.nanoTime();
    private int frames;
    private double last;
    private double sum;
    private int samples;

    FpsMeter(PrintWriter log) {
        this.log = log;
    }

    void frame(String machineState) {
        frames++;
        long now = System.nanoTime();
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

    double average() {
        return samples == 0 ? last : sum / samples;
    }
}
