package io.mmulab.kernel;

import java.util.OptionalInt;

/**
 * One VMA as the kernel keeps it.
 *
 * @param address the vm_area_struct's kernel virtual address
 * @param perms   {@code rwxs}-style from vm_flags, "p" for private; " huge" with VM_HUGEPAGE
 * @param refcnt  {@code vm_refcnt}: 0 detached, 1 attached, +1 per reader, + VMA_LOCK_OFFSET for a writer
 */
public record VmaView(long address, long start, long end, long flags, String perms, OptionalInt refcnt,
                      String lockState) {
}
