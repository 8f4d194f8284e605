package io.mmulab.emulator.unicorn;

/** x86 {@code in}: returns the value the guest reads ({@code size} = 1, 2 or 4 bytes) from {@code port}. */
@FunctionalInterface
public interface InHook {
    int onIn(int port, int size);
}
