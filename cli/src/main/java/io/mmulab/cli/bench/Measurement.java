package io.mmulab.cli.bench;

/**
 * One figure of {@code mmulab bench}: what was measured ({@code name}, e.g.
 * {@code runs-per-second}), on what ({@code subject}, e.g. {@code lost-update x86_64 tso}), the
 * value in its unit, and how it was obtained ({@code detail}: repetitions, spread).
 */
public record Measurement(String name, String subject, double value, String unit, String detail) {
}
