package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.MachineInspector;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.RandomScheduler;
import io.mmulab.kernel.AddressSpaceView;
import io.mmulab.kernel.FolioView;
import io.mmulab.kernel.KernelLayout;
import io.mmulab.kernel.KernelMemory;
import io.mmulab.kernel.StructPageView;
import io.mmulab.kernel.VmaLayout;
import io.mmulab.kernel.VmaView;
import io.mmulab.mmu.PageOwner;
import io.mmulab.mmu.PageWalker;
import io.mmulab.mmu.PhysicalMemory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java side's knowledge of the guest kernel, read from real images of both arches: struct
 * layouts from DWARF must equal what the C side asserts (include/linux/mm_types.h's
 * _Static_asserts), the macro constants come from the kernel's mmulab_layout table, and
 * struct pages of a booted machine decode to the allocator's own bookkeeping.
 */
class KernelLayoutTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void layoutsEqualWhatTheCSideAsserts(Arch arch) throws Exception {
        KernelLayout l = KernelLayout.of(Images.load("hello", arch));
        // include/linux/mm_types.h: 64 bytes; flags 0, the union at 8, _mapcount 48, _refcount 52
        assertEquals(64, l.page().size());
        assertEquals(0, l.page().flags());
        assertEquals(8, l.page().compoundHead());
        assertEquals(8, l.page().lru());
        assertEquals(48, l.page().mapcount());
        assertEquals(52, l.page().refcount());
        // struct folio is three struct pages; _flags_1 starts the second
        assertEquals(3 * 64, l.folio().size());
        assertEquals(64, l.folio().flags1());
        assertTrue(l.folio().nrPages() > 64 && l.folio().nrPages() < 128);
        assertTrue(l.folio().pincount() > 64 && l.folio().pincount() < 128);
        // enum pageflags, enum pagetype
        assertEquals(6, l.flagBit("head"));
        assertEquals("reserved", l.pageFlags().get(9));
        assertEquals("buddy", l.pageTypes().get(0xf0));
        assertEquals("slab", l.pageTypes().get(0xf5));
        // the macros, from mmulab_layout (include/mmulab/boot.h's table)
        assertEquals(12, l.pageShift());
        assertEquals(arch == Arch.X86_64 ? 0xffffea0000000000L : 0xfffffc0000000000L, l.vmemmapStart());
        assertEquals(arch == Arch.X86_64 ? 0xffff888000000000L : 0xffff000000000000L, l.pageOffset());
        assertEquals(arch == Arch.X86_64 ? 0xffffffff80000000L : 0xffff800000000000L, l.kimageOffset());
        assertEquals(0xff, l.constants().get("preempt_mask"));
        // include/linux/preempt.h: depth in bits 0-7, softirq 8-15, hardirq 16-19
        assertEquals("1 hardirq 1", l.describePreemptCount(0x10001));
        assertEquals("0 softirq 2", l.describePreemptCount(0x200));
        assertTrue(l.perCpu().isPresent(), "pcpu_hot and __per_cpu_offset");
        assertTrue(l.perCpu().get().rcuNesting().isPresent(), "tree RCU keeps rcu_reader.nesting");
        // mm_struct starts with its VMA tree, then pgd; vm_area_struct with vm_start, vm_end, vm_mm
        ElfImage image = Images.load("hello", arch);
        assertEquals(image.types().sizeOf("struct maple_tree").orElseThrow(), l.mmPgd().orElseThrow());
        VmaLayout vma = l.vma().orElseThrow();
        assertEquals(0, vma.vmStart().orElseThrow());
        assertEquals(8, vma.vmEnd().orElseThrow());
        assertEquals(16, vma.vmMm().orElseThrow());
        assertTrue(vma.vmRefcnt().isPresent() && vma.vmFlags().isPresent());
        assertTrue(l.addressSpace().isPresent(), "cpu_task.mm, mm_mt and maple_node are all there");
        assertEquals(16, l.addressSpace().get().slots(), "MAPLE_RANGE64_SLOTS");
        // vm_flags and vm_refcnt as words, with the bits from mmulab_layout (include/linux/mm.h, mmap_lock.h)
        assertEquals("rw-p", l.describeVmFlags(0x3));
        assertEquals("r-xs huge", l.describeVmFlags(0x1 | 0x4 | 0x8 | 0x20000000));
        assertEquals("detached", l.describeVmRefcnt(0));
        assertEquals("attached", l.describeVmRefcnt(1));
        assertEquals("attached, 2 readers", l.describeVmRefcnt(3));
        assertEquals("write-locked", l.describeVmRefcnt(0x40000001));
        assertEquals("write-locked, 1 readers draining", l.describeVmRefcnt(0x40000002));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void tinyRcuHasNoReaderNesting(Arch arch) throws Exception {
        KernelLayout l = KernelLayout.of(Images.load("selftest-rcu-tinyrcu", arch));
        assertEquals(1, l.constants().get("tiny_rcu"));
        assertEquals(1, l.constants().get("preempt_count"));
        assertTrue(l.perCpu().orElseThrow().rcuNesting().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void structPagesOfABootedMachine(Arch arch) throws Exception {
        ElfImage image = Images.load("selftest-alloc", arch);
        KernelLayout l = KernelLayout.of(image);
        MachineConfig config = MachineConfig.defaults(arch, 2, 3);
        try (Machine m = Machine.boot(image, config, new RandomScheduler(3, config.switchProbability()), t -> { })) {
            assertEquals(Outcome.Kind.DONE, m.run().kind());
            PhysicalMemory mem = m.memory().committed();
            MachineInspector in = new MachineInspector(m);
            KernelMemory km = new KernelMemory(l, mem, PageWalker.of(mem, in.regime(0)));

            // The buddy allocator's free blocks: heads typed "buddy" with the order in private.
            // Their pages must add up to the zone's own free-page count.
            long frames = m.ownership().frames();
            long freeByStructPages = 0;
            int buddyHeads = 0;
            int slabPages = 0;
            for (long pfn = 0; pfn < frames; pfn++) {
                StructPageView p = km.structPage(pfn).orElseThrow(() -> new AssertionError("vmemmap unmapped"));
                PageOwner owner = m.ownership().owner(pfn);
                if (p.pageType().filter("buddy"::equals).isPresent()) {
                    buddyHeads++;
                    assertEquals(0, p.refcount(), p.summary());
                    assertTrue(p.private_() <= 10, p.summary());
                    freeByStructPages += 1L << p.private_();
                    assertEquals(PageOwner.FREE, owner, p.summary());
                }
                if (owner == PageOwner.FREE) {
                    assertEquals(0, p.refcount(), "a free page is unreferenced: " + p.summary());
                }
                if (p.pageType().filter("slab"::equals).isPresent()) {
                    slabPages++;
                    assertTrue(p.refcount() > 0, p.summary());
                }
            }
            assertTrue(buddyHeads > 0);
            assertEquals(zoneFreePages(image, l, mem), freeByStructPages);

            // The kernel image's pages are reserved and never typed.
            long textPfn = image.physicalAddressOf(image.symbols().byName("start_kernel").orElseThrow().address())
                    .orElseThrow() >>> 12;
            StructPageView text = km.structPage(textPfn).orElseThrow();
            assertTrue(text.has("reserved"), text.summary());
            assertTrue(text.pageType().isEmpty() && !text.tail(), text.summary());
            assertEquals(0, text.mapcount());

            // Every vCPU is out of its critical sections once the scenario is done.
            for (int cpu = 0; cpu < 2; cpu++) {
                assertEquals(0, km.preemptCount(cpu).orElseThrow(), "cpu" + cpu);
                assertEquals(0, km.rcuNesting(cpu).orElseThrow(), "cpu" + cpu);
            }
            assertTrue(km.preemptCount(l.nrCpus()).isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void aLargeFolioWhileTheAllocatorHoldsIt(Arch arch) throws Exception {
        ElfImage image = Images.load("selftest-alloc", arch);
        KernelLayout l = KernelLayout.of(image);
        MachineConfig config = MachineConfig.defaults(arch, 2, 3);
        FolioCatcher catcher = new FolioCatcher(new RandomScheduler(3, config.switchProbability()), l);
        try (Machine m = Machine.boot(image, config, catcher, t -> { })) {
            catcher.machine = m;
            assertEquals(Outcome.Kind.DONE, m.run().kind());
        }
        FolioView f = catcher.found.orElseThrow(() -> new AssertionError("no large folio seen while selftest-alloc ran"));
        // selftest-alloc's check_folio() asserts the same in C: PG_head, order byte, nr_pages
        assertTrue(f.large() && f.order() >= 1, f.toString());
        assertEquals(1L << f.order(), f.nrPages(), f.toString());
        assertTrue(f.head().refcount() >= 1, f.head().summary());
        assertEquals(0, f.head().pfn() & ((1L << f.order()) - 1), "naturally aligned: " + f.head().summary());
        for (StructPageView tail : catcher.tails) {
            assertTrue(tail.tail(), tail.summary());
            assertEquals(f.head().pfn(), tail.headPfn(), tail.summary());
            assertFalse(tail.has("head"), tail.summary());
        }
        assertEquals(f.nrPages() - 1, catcher.tails.size());
    }

    /**
     * Runs the machine and, between decisions, looks for a large folio with its tails (the state
     * all vCPUs agree on: committed memory), remembering the first it sees.
     */
    private static final class FolioCatcher implements io.mmulab.emulator.sched.Scheduler {
        private final io.mmulab.emulator.sched.Scheduler inner;
        private final KernelLayout layout;
        Machine machine;
        Optional<FolioView> found = Optional.empty();
        java.util.List<StructPageView> tails = new java.util.ArrayList<>();
        private static final long WINDOW = 1024;
        private long calls;
        private long cursor;

        FolioCatcher(io.mmulab.emulator.sched.Scheduler inner, KernelLayout layout) {
            this.inner = inner;
            this.layout = layout;
        }

        @Override
        public int choose(io.mmulab.emulator.sched.ChoiceSet c) {
            if (machine != null && found.isEmpty() && calls++ % 32 == 0) {
                look();
            }
            return inner.choose(c);
        }

        /**
         * Looks at the next window of frames: a whole-memory scan at every look would hold up the
         * running vCPU's slice for long enough to trip the runaway watchdog.
         */
        private void look() {
            PhysicalMemory mem = machine.memory().committed();
            KernelMemory km = new KernelMemory(layout, mem, PageWalker.of(mem, new MachineInspector(machine).regime(0)));
            long frames = machine.ownership().frames();
            long from = cursor;
            cursor = (cursor + WINDOW) % frames;
            for (long pfn = from; pfn < Math.min(frames, from + WINDOW); pfn++) {
                if (machine.ownership().owner(pfn) == PageOwner.FREE) {
                    continue;
                }
                Optional<StructPageView> p = km.structPage(pfn);
                if (p.isEmpty() || !p.get().has("head")) {
                    continue;
                }
                FolioView f = km.folio(pfn).orElseThrow();
                if (f.order() >= 2 && f.head().refcount() > 0) {
                    found = Optional.of(f);
                    for (long t = 1; t < f.nrPages(); t++) {
                        tails.add(km.structPage(pfn + t).orElseThrow());
                    }
                    return;
                }
            }
        }

        @Override
        public String describe() {
            return "folio-catcher(" + inner.describe() + ")";
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theAddressSpaceEveryCpuRunsIn(Arch arch) throws Exception {
        ElfImage image = Images.load("selftest-mm", arch);
        KernelLayout l = KernelLayout.of(image);
        MachineConfig config = MachineConfig.defaults(arch, 2, 5);
        MmCatcher catcher = new MmCatcher(new RandomScheduler(5, config.switchProbability()), l);
        try (Machine m = Machine.boot(image, config, catcher, t -> { })) {
            catcher.machine = m;
            assertEquals(Outcome.Kind.DONE, m.run().kind());
            // after kthread_unuse_mm(): kernel threads again
            PhysicalMemory mem = m.memory().committed();
            KernelMemory km = new KernelMemory(l, mem, PageWalker.of(mem, new MachineInspector(m).regime(0)));
            assertTrue(km.addressSpace(0).isEmpty() && km.addressSpace(1).isEmpty());
        }
        assertEquals(2, catcher.seen.size(), "never saw both CPUs in a user address space with a VMA");
        AddressSpaceView a = catcher.seen.get(0);
        AddressSpaceView b = catcher.seen.get(1);
        assertEquals(a.mm(), b.mm(), "scenario_main: every CPU uses shared_mm");
        assertEquals(a.pgd(), b.pgd());
        assertEquals(0, a.pgd() & 0xfff, "a page-table root is a page");
        // scenario_setup: one private anonymous rw mapping of NR_CPUS + 1 pages at SHARED_BASE
        assertEquals(1, a.mapCount());
        VmaView v = a.vmas().getFirst();
        assertEquals(1, a.vmas().size(), a.toString());
        assertEquals(0x50000000L, v.start());
        assertEquals(0x50000000L + (l.nrCpus() + 1) * 4096L, v.end());
        assertEquals("rw-p", v.perms());
        assertTrue(v.lockState().startsWith("attached"), v.lockState());
    }

    /** Between decisions, the address spaces of cpu0 and cpu1 once both have one. */
    private static final class MmCatcher implements io.mmulab.emulator.sched.Scheduler {
        private final io.mmulab.emulator.sched.Scheduler inner;
        private final KernelLayout layout;
        Machine machine;
        java.util.List<AddressSpaceView> seen = java.util.List.of();
        private long calls;

        MmCatcher(io.mmulab.emulator.sched.Scheduler inner, KernelLayout layout) {
            this.inner = inner;
            this.layout = layout;
        }

        @Override
        public int choose(io.mmulab.emulator.sched.ChoiceSet c) {
            if (machine != null && seen.isEmpty() && calls++ % 16 == 0) {
                PhysicalMemory mem = machine.memory().committed();
                KernelMemory km = new KernelMemory(layout, mem,
                        PageWalker.of(mem, new MachineInspector(machine).regime(0)));
                Optional<AddressSpaceView> a = km.addressSpace(0);
                Optional<AddressSpaceView> b = km.addressSpace(1);
                if (a.isPresent() && b.isPresent() && !a.get().vmas().isEmpty()) {
                    seen = java.util.List.of(a.get(), b.get());
                }
            }
            return inner.choose(c);
        }

        @Override
        public String describe() {
            return "mm-catcher(" + inner.describe() + ")";
        }
    }

    /** contig_zone.free_pages, read through its symbol and struct zone's DWARF: the allocator's own count. */
    private static long zoneFreePages(ElfImage image, KernelLayout l, PhysicalMemory mem) {
        long zone = image.symbols().byName("contig_zone").orElseThrow().address();
        long off = image.types().struct("zone").flatMap(z -> z.field("free_pages")).orElseThrow().offset();
        return mem.read64(l.imagePhysical(zone + off));
    }
}
