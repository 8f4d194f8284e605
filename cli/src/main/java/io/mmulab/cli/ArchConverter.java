package io.mmulab.cli;

import io.mmulab.emulator.Arch;
import picocli.CommandLine;

/** --arch values; the parse error names the accepted ones. */
final class ArchConverter implements CommandLine.ITypeConverter<Arch> {
    @Override
    public Arch convert(String value) {
        try {
            return Arch.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
