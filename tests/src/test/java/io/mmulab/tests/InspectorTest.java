package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.machine.Machine;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.emulator.machine.MachineInspector;
import io.mmulab.emulator.machine.Outcome;
import io.mmulab.emulator.sched.RandomScheduler;
import io.mmulab.mmu.LeafMapping;
import io.mmulab.mmu.PageOwner;
import io.mmulab.mmu.tlb.TlbView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the CLI and the GUI can see of a machine after the guest booted. */
class InspectorTest {

    @ParameterizedTest
    @EnumSource(Arch.class)
    void pageTablesTlbsAndOwnersAfterBoot(Arch arch) {
        ElfImage image = Images.load("hello", arch);
        MachineConfig config = MachineConfig.defaults(arch, 2, 4);
        try (Machine m = Machine.boot(image, config, new RandomScheduler(4, config.switchProbability()), t -> { })) {
            assertEquals(Outcome.Kind.DONE, m.run().kind());
            MachineInspector in = new MachineInspector(m);

            // The kernel's own tables map start_kernel's page to where the image put it.
            long va = image.symbols().byName("start_kernel").orElseThrow().address();
            long pa = image.physicalAddressOf(va).orElseThrow();
            List<LeafMapping> maps = in.pageTables(in.regime(0));
            LeafMapping text = maps.stream().filter(l -> Long.compareUnsigned(va - l.va(), l.size()) < 0)
                    .findFirst().orElseThrow(() -> new AssertionError("start_kernel not mapped"));
            assertEquals(pa, text.pa() + (va - text.va()));
            assertEquals(4096, text.size(), "the kernel image is mapped with 4 KiB pages");
            assertTrue(maps.stream().anyMatch(l -> l.size() == 2 << 20), "the direct map uses 2 MiB pages");
            assertFalse(maps.stream().anyMatch(l -> l.va() == pa), "no identity mapping after paging_init");

            // Every vCPU's TLB model holds translations, none stale once the guest is done.
            for (int cpu = 0; cpu < 2; cpu++) {
                List<TlbView> tlb = in.tlb(cpu);
                assertFalse(tlb.isEmpty(), "cpu " + cpu);
                assertTrue(tlb.stream().noneMatch(TlbView::stale), tlb.toString());
            }

            // The guest's annotations: image KERNEL, page-table pages PAGE_TABLE, most memory FREE.
            assertEquals(PageOwner.KERNEL, in.owner(pa));
            assertTrue(m.ownership().runs().containsValue(PageOwner.PAGE_TABLE), m.ownership().runs().toString());
            assertEquals(PageOwner.FREE, in.owner(config.memBytes() - 4096));

            String dump = in.dump();
            assertTrue(dump.contains("memory model " + config.model().displayName()), dump);
            assertTrue(dump.contains("cpu1 ") && dump.contains("store buffer:") && dump.contains("tlb:"), dump);
        }
    }
}
