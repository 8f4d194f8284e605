package io.mmulab.images;

import io.mmulab.emulator.Arch;

import java.nio.file.Path;

/** A built guest image: scenario name, architecture and ELF file. */
public record GuestImage(String name, Arch arch, Path path) {
}
