package io.mmulab.cli;

/**
 * Exit codes scripts can rely on. A guest's done(status) becomes the exit code directly
 * for 0..63 (larger statuses are reported as 63), so guest and emulator codes never mix.
 */
final class ExitCodes {
    static final int OK = 0;
    static final int MAX_GUEST_STATUS = 63;
    /** Bad command line or input file. */
    static final int USAGE = 2;
    /** The guest failed: BUG, unhandled fault, hang, budget exhausted. */
    static final int GUEST_FAILURE = 64;
    /** mmulab itself failed. */
    static final int INTERNAL = 70;

    private ExitCodes() {
    }

    static int ofGuestStatus(long status) {
        return status < 0 || status > MAX_GUEST_STATUS ? MAX_GUEST_STATUS : (int) status;
    }
}
