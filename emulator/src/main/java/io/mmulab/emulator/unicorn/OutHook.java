package io.mmulab.emulator.unicorn;

/** x86 {@code out}: the guest writes {@code value} ({@code size} = 1, 2 or 4 bytes) to {@code port}. */
@FunctionalInterface
public interface OutHook {
    void onOut(int port, int size, int value);
}
