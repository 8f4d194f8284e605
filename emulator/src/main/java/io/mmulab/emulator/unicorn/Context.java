package io.mmulab.emulator.unicorn;

import io.mmulab.emulator.Arch;

/**
 * A saved CPU state ({@code uc_context}): registers and system state of one engine, not
 * memory. It can be restored into any engine of the same architecture, which is how a
 * checkpoint is replayed. Frees its native memory on {@link #close()}; independent of the
 * engine's lifetime (unicorn keeps no back-reference that outlives the engine).
 */
public final class Context implements AutoCloseable {
    private final Arch arch;
    private long ptr;

    Context(Arch arch, long ptr) {
        this.arch = arch;
        this.ptr = ptr;
    }

    public Arch arch() {
        return arch;
    }

    long ptr() {
        if (ptr == 0) {
            throw new IllegalStateException("context is closed");
        }
        return ptr;
    }

    public boolean isClosed() {
        return ptr == 0;
    }

    /** Frees the native context; idempotent. */
    @Override
    public void close() {
        long p = ptr;
        if (p == 0) {
            return;
        }
        ptr = 0;
        int rc = Native.contextFree(p);
        if (rc != Uc.ERR_OK) {
            throw new UnicornException(rc, "uc_context_free");
        }
    }
}
