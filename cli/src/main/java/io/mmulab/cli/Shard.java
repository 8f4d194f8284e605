package io.mmulab.cli;

/** {@code --shard K/N}: this process explores the runs {@code i} with {@code i % N == K}. */
record Shard(int index, int count) {
    static final Shard ALL = new Shard(0, 1);

    /** "K/N" with 0 <= K < N; null means all runs. */
    static Shard parse(String s) {
        if (s == null) {
            return ALL;
        }
        String[] parts = s.split("/", -1);
        try {
            if (parts.length == 2) {
                int k = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (n >= 1 && k >= 0 && k < n) {
                    return new Shard(k, n);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--shard '" + s + "': expected K/N with 0 <= K < N, e.g. 0/4");
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
