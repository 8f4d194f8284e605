package io.mmulab.emulator.unicorn;

/**
 * A registered hook: the handle {@link Unicorn#removeHook} takes. Holds the Java callback
 * that the shared upcall stub dispatches to (found through the user-data slot number).
 */
public final class Hook {
    /** What kind of callback {@link #target} is; selects the cast in the upcall. */
    enum Kind { CODE, BLOCK, MEM, MEM_INVALID, INTERRUPT, OUT, IN, TLB_FILL, INVALID_INSN, ARM64_SYS }

    final Unicorn engine;
    final Kind kind;
    final Object target;
    /** Slot in the upcall registry, passed to unicorn as user data; 0 once released. */
    int slot;
    /** unicorn's {@code uc_hook} handle; 0 until added, and after removal. */
    long ucHook;

    Hook(Unicorn engine, Kind kind, Object target) {
        this.engine = engine;
        this.kind = kind;
        this.target = target;
    }

    /** True until the hook is removed or its engine closed. */
    public boolean isActive() {
        return ucHook != 0;
    }

    @Override
    public String toString() {
        return "Hook[" + kind + (isActive() ? "" : ", removed") + "]";
    }
}
