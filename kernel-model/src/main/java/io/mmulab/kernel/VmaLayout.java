package io.mmulab.kernel;

import java.util.OptionalLong;

/**
 * struct vm_area_struct and the mm_struct fields the debugger shows. The kernel model is still
 * growing its VMAs, so every field is looked up by name and may be absent: views show what the
 * image has.
 */
public record VmaLayout(long size, OptionalLong vmStart, OptionalLong vmEnd, OptionalLong vmMm,
                        OptionalLong vmRefcnt, OptionalLong vmFlags) {

    static VmaLayout read(Fields f) {
        return new VmaLayout(f.size(), f.optional("vm_start"), f.optional("vm_end"), f.optional("vm_mm"),
                f.optional("vm_refcnt"), f.optional("vm_flags"));
    }
}
