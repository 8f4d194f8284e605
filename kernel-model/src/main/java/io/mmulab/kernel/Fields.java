package io.mmulab.kernel;

import io.mmulab.emulator.elf.TypeTable;

import java.util.OptionalLong;

/** Offsets of a struct's fields by C name, from the image's DWARF; required or optional. */
record Fields(TypeTable.Layout layout) {

    static Fields of(TypeTable types, String struct) throws LayoutException {
        return new Fields(types.struct(struct).orElseThrow(() ->
                new LayoutException("the image's DWARF describes no struct " + struct)));
    }

    long size() {
        return layout.size();
    }

    long offset(String field) throws LayoutException {
        return layout.field(field).orElseThrow(() ->
                new LayoutException("struct " + layout.name() + " has no field " + field)).offset();
    }

    /** A field that may not exist yet in this image (the kernel model grows). */
    OptionalLong optional(String field) {
        return layout.field(field).map(f -> OptionalLong.of(f.offset())).orElse(OptionalLong.empty());
    }
}
