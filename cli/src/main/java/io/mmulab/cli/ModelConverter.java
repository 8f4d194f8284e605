package io.mmulab.cli;

import io.mmulab.mmu.model.ModelKind;
import picocli.CommandLine;

/** --model values; the parse error names the accepted ones. */
final class ModelConverter implements CommandLine.ITypeConverter<ModelKind> {
    @Override
    public ModelKind convert(String value) {
        try {
            return ModelKind.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
