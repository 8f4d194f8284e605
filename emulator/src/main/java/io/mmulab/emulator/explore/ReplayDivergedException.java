package io.mmulab.emulator.explore;

/**
 * A replayed run did not follow its script: at decision {@link #decision()} (0-based) the
 * scripted decision {@link #expected()} was not among the options, or the run went on after
 * the script ended ({@code expected() == null}). Either the trace belongs to another image or
 * configuration, or something in the machine is not deterministic.
 */
public final class ReplayDivergedException extends RuntimeException {
    private final int decision;
    private final transient Decision expected;
    private final String options;

    public ReplayDivergedException(int decision, Decision expected, String options) {
        super(expected == null
                ? "replay diverged at decision " + decision + ": the script ended after " + decision
                        + " decisions but the run goes on; options were " + options
                : "replay diverged at decision " + decision + ": the script says " + expected
                        + " but the options are " + options);
        this.decision = decision;
        this.expected = expected;
        this.options = options;
    }

    /** The 0-based number of the decision at which the run left the script. */
    public int decision() {
        return decision;
    }

    /** The scripted decision that was not available, or null when the script had ended. */
    public Decision expected() {
        return expected;
    }

    /** The options that were offered, as {@link io.mmulab.emulator.sched.ChoiceSet#toString()}. */
    public String options() {
        return options;
    }
}
