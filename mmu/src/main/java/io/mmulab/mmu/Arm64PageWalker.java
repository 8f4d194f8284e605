package io.mmulab.mmu;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * ARM64 stage-1 EL1&0 walker, 4 KiB granule, 48-bit virtual and output addresses.
 *
 * <p>TTBR selection: an address whose bits above 64-T0SZ are all 0 uses TTBR0, all 1 (above
 * 64-T1SZ) uses TTBR1; with TBIn the top byte is left out of that test. Anything else is an
 * ADDRESS_SIZE fault at level 0 (ARM itself calls it a level-0 translation fault). T0SZ/T1SZ
 * are clamped to 16..39, which gives start level 0 (16..24), 1 (25..33) or 2 (34..39).
 *
 * <p>Per level: descriptor address beyond TCR.IPS or physical memory (ADDRESS_SIZE, blamed on
 * the descriptor holding the address, level 0 for TTBR), invalid descriptor (TRANSLATION, also
 * for the reserved 0b01 encoding at levels 0 and 3), then at the leaf: output address
 * (ADDRESS_SIZE), access flag (ACCESS_FLAG when AF=0 and TCR.HA clear), permissions.
 *
 * <p>Permissions: AP[2:1] with APTable, UXN/PXN with UXNTable/PXNTable (all table controls
 * off under TCR.HPDn); EL0-writable memory is never executable at EL1; SCTLR.WXN makes
 * writable memory execute-never. Not modelled: PAN, hardware dirty state (TCR.HD / DBM: a
 * DBM page with AP[2] set stays read-only), the contiguous hint, memory attributes, 16/64 KiB
 * granules, 52-bit addresses.
 */
final class Arm64PageWalker implements PageWalker {
    private static final long TTBR_BADDR_MASK = 0x0000_FFFF_FFFF_FFFEL;

    private final PhysicalMemory mem;
    private final Arm64Regime regs;
    private final int paBits;

    Arm64PageWalker(PhysicalMemory mem, Arm64Regime regs) {
        this.mem = Objects.requireNonNull(mem, "mem");
        this.regs = Objects.requireNonNull(regs, "regs");
        if (regs.mmuEnabled()) {
            if (!regs.epd0() && regs.tg0() != Arm64Regime.TG0_4K) {
                throw new IllegalArgumentException("only the 4 KiB granule is modelled, TCR.TG0="
                        + regs.tg0() + ": " + regs);
            }
            if (!regs.epd1() && regs.tg1() != Arm64Regime.TG1_4K && regs.tg1() != 0) {
                throw new IllegalArgumentException("only the 4 KiB granule is modelled, TCR.TG1="
                        + regs.tg1() + ": " + regs);
            }
        }
        this.paBits = regs.physicalAddressBits();
    }

    @Override
    public Arm64Regime regime() {
        return regs;
    }

    /** Start level of a walk over {@code inputBits}-bit addresses (25..48). */
    static int startLevel(int inputBits) {
        return inputBits > 39 ? 0 : inputBits > 30 ? 1 : 2;
    }

    /** Effective TxSZ: values outside the 4 KiB-granule range behave as the nearest limit. */
    static int clampTxsz(int txsz) {
        return Math.clamp(txsz, 16, 39);
    }

    @Override
    public WalkResult walk(long va, AccessType access, Privilege priv) {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(priv, "priv");
        if (!regs.mmuEnabled()) {
            return WalkResult.identity(va, mem.size());
        }
        boolean upper = ((va >>> 55) & 1) != 0;
        long checked = regs.topByteIgnored(upper) ? (va << 8) >> 8 : va;
        int inputBits = 64 - clampTxsz(upper ? regs.t1sz() : regs.t0sz());
        if ((checked >> inputBits) != (upper ? -1L : 0L)) {
            return WalkResult.fault(va, FaultKind.ADDRESS_SIZE, 0, List.of());
        }
        if (upper ? regs.epd1() : regs.epd0()) {
            return WalkResult.fault(va, FaultKind.TRANSLATION, 0, List.of());
        }
        boolean hierarchical = !regs.hierarchicalPermissionsDisabled(upper);
        int start = startLevel(inputBits);
        int startIndexBits = inputBits - shift(start);
        long table = (upper ? regs.ttbr1() : regs.ttbr0()) & TTBR_BADDR_MASK & -(8L << startIndexBits);

        List<PageTableEntryRef> chain = new ArrayList<>(4);
        boolean noEl0 = false;
        boolean readOnly = false;
        boolean pxnTable = false;
        boolean uxnTable = false;
        for (int level = start; level <= 3; level++) {
            int indexBits = level == start ? startIndexBits : 9;
            long entryAddress = table + ((va >>> shift(level)) & ((1L << indexBits) - 1)) * 8;
            if ((table >>> paBits) != 0 || !mem.contains(entryAddress, 8)) {
                return WalkResult.fault(va, FaultKind.ADDRESS_SIZE, level == start ? 0 : level - 1, chain);
            }
            long d = mem.read64(entryAddress);
            chain.add(new PageTableEntryRef(level, entryAddress, d));
            if ((d & Arm64Descriptor.VALID) == 0) {
                return WalkResult.fault(va, FaultKind.TRANSLATION, level, chain);
            }
            boolean typeBit = (d & Arm64Descriptor.TABLE_OR_PAGE) != 0;
            if (level < 3 && typeBit) {
                if (hierarchical) {
                    noEl0 |= (d & Arm64Descriptor.AP_TABLE_NO_EL0) != 0;
                    readOnly |= (d & Arm64Descriptor.AP_TABLE_RO) != 0;
                    pxnTable |= (d & Arm64Descriptor.PXN_TABLE) != 0;
                    uxnTable |= (d & Arm64Descriptor.UXN_TABLE) != 0;
                }
                table = d & Arm64Descriptor.ADDR_MASK;
                continue;
            }
            if (level == 0 || (level == 3 && !typeBit)) {
                // Level-0 blocks and the 0b01 encoding at level 3 are reserved: invalid.
                return WalkResult.fault(va, FaultKind.TRANSLATION, level, chain);
            }
            return leaf(va, access, priv, level, d, chain, noEl0, readOnly, pxnTable, uxnTable);
        }
        throw new AssertionError("unreachable: level 3 is always a leaf or a fault");
    }

    private WalkResult leaf(long va, AccessType access, Privilege priv, int level, long d,
                            List<PageTableEntryRef> chain, boolean noEl0, boolean tableRo,
                            boolean pxnTable, boolean uxnTable) {
        long size = Arm64Descriptor.levelSpan(level);
        long oa = d & Arm64Descriptor.ADDR_MASK & -size;
        long pa = oa | (va & (size - 1));
        boolean el0 = (d & Arm64Descriptor.AP_EL0) != 0 && !noEl0;
        boolean readOnly = (d & Arm64Descriptor.AP_RO) != 0 || tableRo;
        boolean el1Writable = !readOnly;
        boolean el0Writable = el0 && !readOnly;
        boolean wxn = regs.writeImpliesExecuteNever();
        boolean pxn = (d & Arm64Descriptor.PXN) != 0 || pxnTable || el0Writable || (wxn && el1Writable);
        boolean uxn = (d & Arm64Descriptor.UXN) != 0 || uxnTable || (wxn && el0Writable);
        Permissions perms = priv == Privilege.USER
                ? new Permissions(el0, el0Writable, el0, !uxn)
                : new Permissions(true, el1Writable, el0, !pxn);
        boolean global = (d & Arm64Descriptor.NG) == 0;
        WalkResult r = WalkResult.success(va, pa, size, perms, global, regs.asid(), chain);
        if ((oa >>> paBits) != 0 || !mem.contains(pa, 1)) {
            return r.withFault(FaultKind.ADDRESS_SIZE, level);
        }
        if ((d & Arm64Descriptor.AF) == 0 && !regs.hardwareAccessFlag()) {
            return r.withFault(FaultKind.ACCESS_FLAG, level);
        }
        return perms.allows(access) ? r : r.withFault(FaultKind.PERMISSION, level);
    }

    @Override
    public WalkResult walkAndUpdate(long va, AccessType access, Privilege priv) {
        if (!regs.hardwareAccessFlag()) {
            return walk(va, access, priv);
        }
        return HardwareUpdater.walkAndUpdate(mem, va, () -> walk(va, access, priv),
                (entry, leaf) -> leaf ? entry.value() | Arm64Descriptor.AF : entry.value());
    }

    private static int shift(int level) {
        return 12 + 9 * (3 - level);
    }
}
