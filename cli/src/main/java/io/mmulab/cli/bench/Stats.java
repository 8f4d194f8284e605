package io.mmulab.cli.bench;

import java.util.Arrays;

/** Median and spread of a handful of samples; benchmarks report these, not means. */
record Stats(double median, double min, double max, int n) {

    static Stats of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Stats(median, s[0], s[n - 1], n);
    }

    String spread(String fmt) {
        return String.format(fmt + " .. " + fmt + " over %d", min, max, n);
    }
}
