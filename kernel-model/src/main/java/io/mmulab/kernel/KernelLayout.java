package io.mmulab.kernel;

import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.elf.ElfSymbol;
import io.mmulab.emulator.elf.Segment;
import io.mmulab.emulator.elf.TypeTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What the Java side knows about the guest kernel's data structures, all of it read from the
 * image: struct layouts and enum values from its DWARF ({@link TypeTable}), and the constants
 * that are macros in C (PAGE_SHIFT, PAGE_OFFSET, VMEMMAP_START, ...) from the kernel's exported
 * {@code mmulab_layout} table in .rodata (include/mmulab/layout.h), whose fields are named by
 * DWARF too. Nothing is copied by hand, so a change on the C side is followed here.
 */
public final class KernelLayout {
    private static final long LAYOUT_MAGIC = 0x74756f79616c6d6dL;   // "mmlayout", the C side's check value

    private final Map<String, Long> constants;
    private final PageLayout page;
    private final FolioLayout folio;
    private final Optional<VmaLayout> vma;
    private final OptionalLong mmPgd;
    private final Map<Integer, String> pageFlags;
    private final Map<Integer, String> pageTypes;
    private final Optional<PerCpuLayout> perCpu;
    private final Optional<AddressSpaceLayout> addressSpace;

    private KernelLayout(Map<String, Long> constants, PageLayout page, FolioLayout folio, Optional<VmaLayout> vma,
                         OptionalLong mmPgd, Map<Integer, String> pageFlags, Map<Integer, String> pageTypes,
                         Optional<PerCpuLayout> perCpu, Optional<AddressSpaceLayout> addressSpace) {
        this.constants = constants;
        this.page = page;
        this.folio = folio;
        this.vma = vma;
        this.mmPgd = mmPgd;
        this.pageFlags = pageFlags;
        this.pageTypes = pageTypes;
        this.perCpu = perCpu;
        this.addressSpace = addressSpace;
    }

    /** Reads the layout of {@code image}'s kernel; fails when the image has no kernel debug information. */
    public static KernelLayout of(ElfImage image) throws LayoutException {
        TypeTable types = image.types();
        if (types.warning().isPresent()) {
            throw new LayoutException(types.warning().get());
        }
        Map<String, Long> constants = constants(image, types);
        PageLayout page = PageLayout.read(Fields.of(types, "page"));
        FolioLayout folio = FolioLayout.read(Fields.of(types, "folio"));
        Optional<VmaLayout> vma = types.struct("vm_area_struct").map(l -> VmaLayout.read(new Fields(l)));
        OptionalLong pgd = types.struct("mm_struct").map(l -> new Fields(l).optional("pgd")).orElse(OptionalLong.empty());
        Map<Integer, String> flags = new TreeMap<>();
        types.enumeration("pageflags").forEach((name, bit) -> {
            if (name.startsWith("PG_")) {
                flags.put(bit.intValue(), name.substring(3));
            }
        });
        if (flags.isEmpty()) {
            throw new LayoutException("the image's DWARF has no enum pageflags");
        }
        Map<Integer, String> pageTypes = new TreeMap<>();
        types.enumeration("pagetype").forEach((name, v) -> {
            if (name.startsWith("PGTY_") && !name.equals("PGTY_mapcount_underflow")) {
                pageTypes.put(v.intValue(), name.substring(5));
            }
        });
        return new KernelLayout(Collections.unmodifiableMap(constants), page, folio, vma, pgd,
                Collections.unmodifiableMap(flags), Collections.unmodifiableMap(pageTypes),
                PerCpuLayout.read(image, types), AddressSpaceLayout.read(image, types, vma));
    }

    /** The fields of {@code mmulab_layout}, read from the image's .rodata at its symbol. */
    private static Map<String, Long> constants(ElfImage image, TypeTable types) throws LayoutException {
        ElfSymbol sym = image.symbols().byName("mmulab_layout").orElseThrow(() ->
                new LayoutException("the image exports no mmulab_layout (include/mmulab/layout.h)"));
        TypeTable.Layout l = types.struct("mmulab_layout").orElseThrow(() ->
                new LayoutException("the image's DWARF describes no struct mmulab_layout"));
        byte[] bytes = imageBytes(image, sym.address(), (int) l.size());
        Map<String, Long> out = new LinkedHashMap<>();
        for (TypeTable.Field f : l.fields()) {
            if (f.size() == 1 || f.size() == 2 || f.size() == 4 || f.size() == 8) {
                out.put(f.name(), le(bytes, (int) f.offset(), (int) f.size()));
            }
        }
        if (out.getOrDefault("magic", 0L) != LAYOUT_MAGIC) {
            throw new LayoutException("mmulab_layout has the wrong magic: not the table include/mmulab/layout.h describes");
        }
        for (String need : List.of("page_shift", "page_offset", "vmemmap_start", "kimage_offset", "nr_cpus")) {
            if (!out.containsKey(need)) {
                throw new LayoutException("mmulab_layout has no field " + need);
            }
        }
        return out;
    }

    /** {@code len} bytes of the loaded image at link address {@code va} (zero past a segment's file part). */
    static byte[] imageBytes(ElfImage image, long va, int len) throws LayoutException {
        for (Segment s : image.segments()) {
            if (s.containsVirtual(va) && s.containsVirtual(va + len - 1)) {
                byte[] out = new byte[len];
                long off = va - s.vaddr();
                int n = (int) Math.max(0, Math.min(len, s.data().length - off));
                System.arraycopy(s.data(), (int) off, out, 0, n);
                return out;
            }
        }
        throw new LayoutException(String.format("0x%x is not in a loaded segment", va));
    }

    static long le(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xffL);
        }
        return v;
    }

    // ------------------------------------------------------------------------------ constants

    /** Every field of the kernel's mmulab_layout table by name. */
    public Map<String, Long> constants() {
        return constants;
    }

    public int pageShift() {
        return constants.get("page_shift").intValue();
    }

    public long pageSize() {
        return 1L << pageShift();
    }

    /** PAGE_OFFSET: the direct map's virtual address of physical address 0. */
    public long pageOffset() {
        return constants.get("page_offset");
    }

    /** VMEMMAP_START: the virtual address of pfn 0's struct page. */
    public long vmemmapStart() {
        return constants.get("vmemmap_start");
    }

    /** The kernel image's link address minus its physical address. */
    public long kimageOffset() {
        return constants.get("kimage_offset");
    }

    public int nrCpus() {
        return constants.get("nr_cpus").intValue();
    }

    /**
     * A preempt_count() value as Linux splits it (masks from mmulab_layout): the preemption
     * depth, then softirq and hardirq nesting where non-zero, e.g. {@code "1 hardirq 1"}.
     */
    public String describePreemptCount(int count) {
        StringBuilder b = new StringBuilder(Long.toString(field(count, "preempt_mask")));
        for (String part : List.of("softirq", "hardirq")) {
            long v = field(count, part + "_mask");
            if (v != 0) {
                b.append(' ').append(part).append(' ').append(v);
            }
        }
        return b.toString();
    }

    private long field(int value, String mask) {
        long m = constants.getOrDefault(mask, 0L);
        return m == 0 ? 0 : (value & m) >>> Long.numberOfTrailingZeros(m);
    }

    // ------------------------------------------------------------------------------ structs

    public PageLayout page() {
        return page;
    }

    public FolioLayout folio() {
        return folio;
    }

    /** struct vm_area_struct, once the kernel model has one. */
    public Optional<VmaLayout> vma() {
        return vma;
    }

    /** mm_struct's pgd field offset. */
    public OptionalLong mmPgd() {
        return mmPgd;
    }

    public Optional<PerCpuLayout> perCpu() {
        return perCpu;
    }

    /** From a CPU to its mm and VMAs, once the kernel model has user address spaces. */
    public Optional<AddressSpaceLayout> addressSpace() {
        return addressSpace;
    }

    /** vm_flags as {@code rwxs} / {@code rwxp}, with " huge" for VM_HUGEPAGE (bits from mmulab_layout). */
    public String describeVmFlags(long flags) {
        StringBuilder b = new StringBuilder();
        b.append(bit(flags, "vm_read") ? 'r' : '-').append(bit(flags, "vm_write") ? 'w' : '-')
                .append(bit(flags, "vm_exec") ? 'x' : '-').append(bit(flags, "vm_shared") ? 's' : 'p');
        if (bit(flags, "vm_hugepage")) {
            b.append(" huge");
        }
        return b.toString();
    }

    private boolean bit(long flags, String name) {
        long m = constants.getOrDefault(name, 0L);
        return m != 0 && (flags & m) != 0;
    }

    /** A vm_refcnt value in words: detached, attached with n readers, or write-locked. */
    public String describeVmRefcnt(int refcnt) {
        long writer = constants.getOrDefault("vma_lock_offset", 0L);
        if (refcnt == 0) {
            return "detached";
        }
        long v = refcnt & 0xffffffffL;
        if (writer != 0 && (v & writer) != 0) {
            long rest = v - writer;
            return "write-locked" + (rest > 1 ? ", " + (rest - 1) + " readers draining" : rest == 0 ? ", detached" : "");
        }
        return refcnt == 1 ? "attached" : "attached, " + (refcnt - 1) + " readers";
    }

    /** The virtual address of {@code pfn}'s struct page: vmemmap + pfn. */
    public long structPage(long pfn) {
        return vmemmapStart() + pfn * page.size();
    }

    /** The pfn whose struct page is at {@code va} (a head pointer from compound_head, say); -1 outside vmemmap. */
    public long pfnOfStructPage(long va) {
        long off = va - vmemmapStart();
        return off < 0 || off % page.size() != 0 ? -1 : off / page.size();
    }

    /** The physical address of a kernel-image virtual address (a global or per-CPU variable). */
    public long imagePhysical(long va) {
        return va - kimageOffset();
    }

    // ------------------------------------------------------------------------------ enums

    /** Page-flag bit numbers to their names without the PG_ prefix (enum pageflags). */
    public Map<Integer, String> pageFlags() {
        return pageFlags;
    }

    /** Page types (the top byte of page_type) to their names without PGTY_ (enum pagetype). */
    public Map<Integer, String> pageTypes() {
        return pageTypes;
    }

    /** The names of the flags set in {@code flags}, lowest bit first; unknown bits as "bitN". */
    public List<String> flagNames(long flags) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((flags >>> bit & 1) != 0) {
                out.add(pageFlags.getOrDefault(bit, "bit" + bit));
            }
        }
        return out;
    }

    /** The bit of a page flag ("head", "lru"); -1 when the image's enum pageflags has none. */
    public int flagBit(String name) {
        for (Map.Entry<Integer, String> e : pageFlags.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        return -1;
    }
}
