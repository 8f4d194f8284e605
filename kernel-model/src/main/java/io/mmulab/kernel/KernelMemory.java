package io.mmulab.kernel;

import io.mmulab.mmu.AccessType;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.PhysicalMemory;
import io.mmulab.mmu.Privilege;
import io.mmulab.mmu.WalkResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads the guest kernel's structures out of physical memory: struct pages through the
 * vmemmap (translated by the kernel's own page tables, as the vmemmap is backed by pages the
 * kernel chose), per-CPU variables through the kernel image mapping. Reads committed memory
 * only, the state every vCPU agrees on; pure, changes nothing.
 */
public final class KernelMemory {
    private final KernelLayout layout;
    private final PhysicalMemory memory;
    private final PageWalker walker;
    /** The last vmemmap page translated: bulk reads walk once per 4 KiB of struct pages. */
    private long cachedPage = -1;
    private long cachedPa = -1;

    /** @param walker a walker over the kernel's tables (any vCPU's regime after boot) */
    public KernelMemory(KernelLayout layout, PhysicalMemory memory, PageWalker walker) {
        this.layout = layout;
        this.memory = memory;
        this.walker = walker;
    }

    public KernelLayout layout() {
        return layout;
    }

    /** The physical address of a kernel virtual address, or -1 when the kernel's tables do not map it. */
    public long physical(long va) {
        long page = va & -layout.pageSize();
        if (page != cachedPage) {
            WalkResult w = walker.walk(page, AccessType.READ, Privilege.KERNEL);
            if (!w.ok()) {
                return -1;
            }
            cachedPage = page;
            cachedPa = w.pa();
        }
        return cachedPa + (va - page);
    }

    /** The raw bytes of {@code count} consecutive struct pages from {@code pfn}'s; empty where unmapped. */
    public Optional<byte[]> structPageBytes(long pfn, int count) {
        int size = (int) layout.page().size();
        byte[] out = new byte[size * count];
        for (int i = 0; i < count; i++) {
            long pa = physical(layout.structPage(pfn + i));
            if (pa < 0 || !memory.contains(pa, size)) {
                return Optional.empty();
            }
            memory.read(pa, out, i * size, size);   // a struct page never straddles a page: 64 divides 4096
        }
        return Optional.of(out);
    }

    public Optional<StructPageView> structPage(long pfn) {
        return structPageBytes(pfn, 1).map(b -> StructPageView.decode(layout, pfn, b, 0));
    }

    /** The folio {@code pfn} belongs to, read from its head page. */
    public Optional<FolioView> folio(long pfn) {
        Optional<StructPageView> page = structPage(pfn);
        if (page.isEmpty()) {
            return Optional.empty();
        }
        StructPageView head = page.get().tail() ? structPage(page.get().headPfn()).orElse(page.get()) : page.get();
        int pages = (int) (layout.folio().size() / layout.page().size());
        return structPageBytes(head.pfn(), pages).map(b -> FolioView.decode(layout, head, b, 0))
                .or(() -> Optional.of(FolioView.decode(layout, head, new byte[0], 0)));
    }

    /** The _refcount of {@code pfn}'s struct page, empty where its vmemmap is not mapped. */
    public OptionalInt refcount(long pfn) {
        long pa = physical(layout.structPage(pfn) + layout.page().refcount());
        return pa < 0 || !memory.contains(pa, 4) ? OptionalInt.empty() : OptionalInt.of(memory.read32(pa));
    }

    /** The physical address of {@code pfn}'s _refcount (what a refcount watchpoint watches); -1 when unmapped. */
    public long refcountAddress(long pfn) {
        return physical(layout.structPage(pfn) + layout.page().refcount());
    }

    /**
     * Every mm some CPU's task uses ({@code mm} or {@code active_mm}) and the kernel's
     * {@code init_mm}, each once, init_mm first, with the physical address of its top-level table.
     */
    public List<MmRoot> addressSpaces() {
        List<MmRoot> out = new ArrayList<>();
        if (layout.addressSpace().isEmpty() || layout.perCpu().isEmpty()) {
            return out;
        }
        AddressSpaceLayout a = layout.addressSpace().get();
        if (a.initMm() != 0) {
            addRoot(out, a, a.initMm(), "init_mm");
        }
        for (int cpu = 0; cpu < layout.nrCpus(); cpu++) {
            long offAt = layout.imagePhysical(layout.perCpu().get().perCpuOffset() + 8L * cpu);
            if (!memory.contains(offAt, 8)) {
                continue;
            }
            long task = a.cpuTask() + memory.read64(offAt);
            for (long field : new long[] {a.taskMm(), a.taskActiveMm()}) {
                long pa = layout.imagePhysical(task + field);
                long mm = memory.contains(pa, 8) ? memory.read64(pa) : 0;
                if (mm != 0) {
                    addRoot(out, a, mm, (field == a.taskMm() ? "mm of cpu" : "active_mm of cpu") + cpu);
                }
            }
        }
        return List.copyOf(out);
    }

    private void addRoot(List<MmRoot> out, AddressSpaceLayout a, long mm, String user) {
        for (int i = 0; i < out.size(); i++) {
            MmRoot r = out.get(i);
            if (r.mm() == mm) {
                out.set(i, new MmRoot(mm, r.pgd(), r.kernel(), r.users() + ", " + user));
                return;
            }
        }
        OptionalLong pgd = read64(mm + a.mmPgd());
        long pa = pgd.isPresent() ? physical(pgd.getAsLong()) : -1;
        if (pa >= 0) {
            out.add(new MmRoot(mm, pa, mm == a.initMm(), user));
        }
    }

    /**
     * An address space: its {@code mm_struct}, the physical address of its page-table root
     * ({@code mm->pgd}), whether it is the kernel's {@code init_mm}, and who uses it, in words
     * ("init_mm", "mm of cpu1, active_mm of cpu1").
     */
    public record MmRoot(long mm, long pgd, boolean kernel, String users) {
    }

    /**
     * The user address space CPU {@code cpu} runs in (its task's mm) with its VMAs; empty for a
     * kernel thread (no mm), a kernel without address spaces, or a tree that is not readable.
     */
    public Optional<AddressSpaceView> addressSpace(int cpu) {
        if (layout.addressSpace().isEmpty() || layout.perCpu().isEmpty() || cpu < 0 || cpu >= layout.nrCpus()) {
            return Optional.empty();
        }
        AddressSpaceLayout a = layout.addressSpace().get();
        long offAt = layout.imagePhysical(layout.perCpu().get().perCpuOffset() + 8L * cpu);
        if (!memory.contains(offAt, 8)) {
            return Optional.empty();
        }
        long taskPa = layout.imagePhysical(a.cpuTask() + memory.read64(offAt) + a.taskMm());
        long mm = memory.contains(taskPa, 8) ? memory.read64(taskPa) : 0;
        if (mm == 0) {
            return Optional.empty();
        }
        OptionalLong root = read64(mm + a.mmRoot());
        OptionalLong pgd = read64(mm + a.mmPgd());
        OptionalInt mapCount = read32(mm + a.mapCount());
        if (root.isEmpty() || pgd.isEmpty()) {
            return Optional.empty();
        }
        List<VmaView> vmas = new ArrayList<>();
        long node = root.getAsLong();
        if (node != 0) {
            int count = read32(node + a.nodeCount()).orElse(0);
            for (int i = 0; i < Math.min(count, a.slots()); i++) {
                long vma = read64(node + a.nodeSlot() + 8L * i).orElse(0);
                if (vma != 0) {
                    vma(a.vma(), vma).ifPresent(vmas::add);
                }
            }
        }
        return Optional.of(new AddressSpaceView(cpu, mm, pgd.getAsLong(), mapCount.orElse(-1), List.copyOf(vmas)));
    }

    private Optional<VmaView> vma(VmaLayout v, long at) {
        OptionalLong start = read64(at + v.vmStart().getAsLong());
        OptionalLong end = read64(at + v.vmEnd().getAsLong());
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        long flags = v.vmFlags().isPresent() ? read64(at + v.vmFlags().getAsLong()).orElse(0) : 0;
        OptionalInt refcnt = v.vmRefcnt().isPresent() ? read32(at + v.vmRefcnt().getAsLong()) : OptionalInt.empty();
        return Optional.of(new VmaView(at, start.getAsLong(), end.getAsLong(), flags, layout.describeVmFlags(flags),
                refcnt, refcnt.isPresent() ? layout.describeVmRefcnt(refcnt.getAsInt()) : ""));
    }

    private OptionalLong read64(long va) {
        long pa = physical(va);
        return pa < 0 || !memory.contains(pa, 8) ? OptionalLong.empty() : OptionalLong.of(memory.read64(pa));
    }

    private OptionalInt read32(long va) {
        long pa = physical(va);
        return pa < 0 || !memory.contains(pa, 4) ? OptionalInt.empty() : OptionalInt.of(memory.read32(pa));
    }

    /** CPU {@code cpu}'s preempt_count(), empty when the image has no per-CPU layout. */
    public OptionalInt preemptCount(int cpu) {
        return layout.perCpu().map(p -> perCpuInt(p.preemptCount(), cpu)).orElse(OptionalInt.empty());
    }

    /** CPU {@code cpu}'s rcu_read_lock() nesting (tree RCU), empty when the kernel keeps none. */
    public OptionalInt rcuNesting(int cpu) {
        return layout.perCpu().filter(p -> p.rcuNesting().isPresent())
                .map(p -> perCpuInt(p.rcuNesting().getAsLong(), cpu)).orElse(OptionalInt.empty());
    }

    private OptionalInt perCpuInt(long var, int cpu) {
        if (cpu < 0 || cpu >= layout.nrCpus()) {
            return OptionalInt.empty();
        }
        long offAt = layout.imagePhysical(layout.perCpu().get().perCpuOffset() + 8L * cpu);
        if (!memory.contains(offAt, 8)) {
            return OptionalInt.empty();
        }
        long pa = layout.imagePhysical(var + memory.read64(offAt));
        return memory.contains(pa, 4) ? OptionalInt.of(memory.read32(pa)) : OptionalInt.empty();
    }
}
