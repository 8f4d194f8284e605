package io.mmulab.emulator;

import java.util.Locale;

/** The two guest architectures mmulab emulates. */
public enum Arch {
    X86_64("x86_64", 62),
    ARM64("arm64", 183);

    private final String displayName;
    private final int elfMachine;

    Arch(String displayName, int elfMachine) {
        this.displayName = displayName;
        this.elfMachine = elfMachine;
    }

    /** The name users type and see: {@code x86_64} or {@code arm64}. */
    public String displayName() {
        return displayName;
    }

    /** The ELF {@code e_machine} value of this architecture (EM_X86_64, EM_AARCH64). */
    public int elfMachine() {
        return elfMachine;
    }

    /** Parses a user-supplied name; accepts {@code aarch64} and {@code amd64} as aliases. */
    public static Arch parse(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "x86_64", "x86-64", "amd64", "x64" -> { return X86_64; }
            case "arm64", "aarch64" -> { return ARM64; }
            default -> throw new IllegalArgumentException(
                    "unknown arch '" + name + "' (expected x86_64 or arm64)");
        }
    }

    /** The architecture of an ELF {@code e_machine}, or null when it is neither. */
    public static Arch fromElfMachine(int machine) {
        for (Arch a : values()) {
            if (a.elfMachine == machine) {
                return a;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
