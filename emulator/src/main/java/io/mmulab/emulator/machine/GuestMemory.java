package io.mmulab.emulator.machine;

import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.PhysicalMemory;
import io.mmulab.mmu.WalkResult;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads guest memory the way the guest sees it: through the vCPU's page tables (walked,
 * not from any TLB) and from the vCPU's own view, so its not-yet-committed stores show.
 */
final class GuestMemory {
    private static final long PAGE = 4096;

    private GuestMemory() {
    }

    static byte[] read(PageWalker walker, PhysicalMemory view, long va, int len) throws GuestAccessException {
        byte[] out = new byte[len];
        int done = 0;
        while (done < len) {
            long addr = va + done;
            long pa = translate(walker, addr);
            int chunk = (int) Math.min(len - done, PAGE - (addr & (PAGE - 1)));
            view.read(pa, out, done, chunk);
            done += chunk;
        }
        return out;
    }

    /** A NUL-terminated string of at most {@code max} bytes. */
    static String readString(PageWalker walker, PhysicalMemory view, long va, int max) throws GuestAccessException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < max; i++) {
            long pa = translate(walker, va + i);
            byte b = view.read8(pa);
            if (b == 0) {
                break;
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long translate(PageWalker walker, long va) throws GuestAccessException {
        WalkResult r = walker.walk(va, AccessType.READ, io.mmulab.mmu.Privilege.KERNEL);
        if (!r.ok()) {
            throw new GuestAccessException(va, r);
        }
        return r.pa();
    }

    /** A hypercall argument that points nowhere. */
    static final class GuestAccessException extends Exception {
        private static final long serialVersionUID = 1L;

        GuestAccessException(long va, WalkResult r) {
            super("hypercall buffer at 0x" + Long.toHexString(va) + " is not mapped (" + r.fault() + " fault)");
        }
    }
}
