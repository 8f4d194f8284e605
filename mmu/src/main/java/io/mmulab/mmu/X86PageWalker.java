package io.mmulab.mmu;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * x86-64 4-level walker: PML4 -> PDPT -> PD -> PT, with 1 GiB (PS in a PDPTE) and 2 MiB
 * (PS in a PDE) pages.
 *
 * <p>Checks, in order: canonical address; per level, present, then reserved bits (address
 * bits at or above MAXPHYADDR, NX without EFER.NXE, PS in a PML4E, the low address bits of
 * large leaves); table or page outside physical memory (ADDRESS_SIZE, an mmulab rule: real
 * hardware would read open bus); then permissions. RW and US are ANDed over the levels, NX is
 * ORed. Not modelled: protection keys (bits 62:59 ignored), SMAP (needs RFLAGS.AC), PAT/PCD
 * caching attributes, 5-level paging.
 */
final class X86PageWalker implements PageWalker {
    /** A common MAXPHYADDR of current parts; address bits 51..MAXPHYADDR are reserved. */
    static final int DEFAULT_MAX_PHYS_ADDR_BITS = 46;

    private final PhysicalMemory mem;
    private final X86Regime regs;
    private final long addrMask;

    X86PageWalker(PhysicalMemory mem, X86Regime regs) {
        this(mem, regs, DEFAULT_MAX_PHYS_ADDR_BITS);
    }

    X86PageWalker(PhysicalMemory mem, X86Regime regs, int maxPhysAddrBits) {
        this.mem = Objects.requireNonNull(mem, "mem");
        this.regs = Objects.requireNonNull(regs, "regs");
        if (maxPhysAddrBits < 32 || maxPhysAddrBits > 52) {
            throw new IllegalArgumentException("MAXPHYADDR must be 32..52, got " + maxPhysAddrBits);
        }
        if (regs.pagingEnabled() && regs.fiveLevel()) {
            throw new IllegalArgumentException("5-level paging (CR4.LA57) is not modelled: " + regs);
        }
        this.addrMask = X86Pte.ADDR_MASK & ((1L << maxPhysAddrBits) - 1);
    }

    @Override
    public X86Regime regime() {
        return regs;
    }

    @Override
    public WalkResult walk(long va, AccessType access, Privilege priv) {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(priv, "priv");
        if (!regs.pagingEnabled()) {
            return WalkResult.identity(va, mem.size());
        }
        if (((va << 16) >> 16) != va) {
            return WalkResult.fault(va, FaultKind.ADDRESS_SIZE, 0, List.of());
        }
        List<PageTableEntryRef> chain = new ArrayList<>(4);
        long table = regs.rootTable();
        boolean writable = true;
        boolean user = true;
        boolean noExec = false;
        for (int level = 4; level >= 1; level--) {
            long entryAddress = table + ((va >>> (12 + 9 * (level - 1))) & 0x1FF) * 8;
            if (!mem.contains(entryAddress, 8)) {
                // The table pointer is bad: blame the entry holding it (CR3 counts as level 4).
                return WalkResult.fault(va, FaultKind.ADDRESS_SIZE, Math.min(4, level + 1), chain);
            }
            long e = mem.read64(entryAddress);
            chain.add(new PageTableEntryRef(level, entryAddress, e));
            if ((e & X86Pte.P) == 0) {
                return WalkResult.fault(va, FaultKind.TRANSLATION, level, chain);
            }
            boolean leaf = level == 1 || (level <= 3 && (e & X86Pte.PS) != 0);
            if (hasReservedBits(e, level, leaf)) {
                return WalkResult.fault(va, FaultKind.RESERVED, level, chain);
            }
            writable &= (e & X86Pte.RW) != 0;
            user &= (e & X86Pte.US) != 0;
            noExec |= regs.nxEnabled() && (e & X86Pte.NX) != 0;
            if (leaf) {
                long size = X86Pte.levelSpan(level);
                long pa = (e & addrMask & -size) | (va & (size - 1));
                boolean global = regs.globalPagesEnabled() && (e & X86Pte.G) != 0;
                Permissions perms = permissions(writable, user, noExec, priv);
                WalkResult r = WalkResult.success(va, pa, size, perms, global, regs.pcid(), chain);
                if (!mem.contains(pa, 1)) {
                    return r.withFault(FaultKind.ADDRESS_SIZE, level);
                }
                return perms.allows(access) ? r : r.withFault(FaultKind.PERMISSION, level);
            }
            table = e & addrMask;
        }
        throw new AssertionError("unreachable: level 1 is always a leaf");
    }

    @Override
    public WalkResult walkAndUpdate(long va, AccessType access, Privilege priv) {
        boolean write = access == AccessType.WRITE;
        return HardwareUpdater.walkAndUpdate(mem, va, () -> walk(va, access, priv),
                (entry, leaf) -> entry.value() | X86Pte.A | (leaf && write ? X86Pte.D : 0));
    }

    private boolean hasReservedBits(long e, int level, boolean leaf) {
        if ((e & X86Pte.ADDR_MASK & ~addrMask) != 0) {
            return true;
        }
        if (!regs.nxEnabled() && (e & X86Pte.NX) != 0) {
            return true;
        }
        if (level == 4 && (e & X86Pte.PS) != 0) {
            return true;
        }
        if (leaf && level > 1) {
            // Bits 12 (PAT) .. below the page boundary: only PAT may be set.
            long lowAddrBits = (X86Pte.levelSpan(level) - 1) & ~0xFFFL & ~X86Pte.PAT_LARGE;
            return (e & lowAddrBits) != 0;
        }
        return false;
    }

    private Permissions permissions(boolean writable, boolean user, boolean noExec, Privilege priv) {
        if (priv == Privilege.USER) {
            return new Permissions(user, user && writable, user, user && !noExec);
        }
        boolean write = writable || !regs.writeProtect();
        boolean exec = !noExec && !(regs.smep() && user);
        return new Permissions(true, write, user, exec);
    }
}
