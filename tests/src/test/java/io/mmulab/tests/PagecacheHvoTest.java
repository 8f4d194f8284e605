package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pagecache-hvo seed race end to end, on both arches: a page-cache lookup
 * (filemap_get_entry) holds a struct page pointer under RCU while the folio is truncated, freed
 * and reused by a hugetlb folio whose vmemmap HVO remaps read-only. The buggy kernel oopses in
 * folio_try_get's write to the read-only alias, the noflush kernel (HVO without the kernel TLB
 * flush) reads the freed vmemmap frame through a stale TLB entry, the fixed kernel
 * (synchronize_rcu() before the remap) is clean. The reports and the race diagram name the three
 * functions involved. pct with one change point under sc: the race is one of interleaving, not of
 * memory ordering, and under tso/arm a vCPU waiting for its own store buffer to drain lets the
 * stopped reader step past its window.
 */
class PagecacheHvoTest {
    @TempDir
    Path tmp;

    private static Cli explore(String image, Arch arch, int runs, Path traces) {
        return Cli.run("run", image, "--arch", arch.displayName(), "--model", "sc", "--vcpus", "2",
                "--strategy", "pct", "--depth", "2", "--runs", Integer.toString(runs), "--seed", "1",
                "--trace-dir", traces.toString());
    }

    private static Path onlyTrace(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> traces = s.toList();
            assertEquals(1, traces.size(), traces.toString());
            return traces.get(0);
        }
    }

    private static void assertNames(String text, String... names) {
        for (String n : names) {
            assertTrue(text.contains(n), n + " in:\n" + text);
        }
    }

    /**
     * {@code diagramNames}: what the replayed race diagram must name. The oops diagram shows the
     * remap's pte store (the oops handler reads that pte); the stale-TLB one has no access of the
     * remap or the free on a location the reader touches, so it shows the reader and the
     * truncation only.
     */
    private void assertFoundAndDiagrammed(String image, Arch arch, String kind, String... diagramNames)
            throws IOException {
        Path traces = tmp.resolve(image + "-" + arch.displayName());
        Cli run = explore(image, arch, 150, traces);
        assertEquals(64, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains(": " + kind + " at run"), run.err());
        assertNames(run.err(), "filemap_get_entry", "folio_try_get");

        Cli replay = Cli.run("replay", onlyTrace(traces).toString(), "--diagram");
        assertEquals(0, replay.exit(), replay.err());
        assertNames(replay.out(), diagramNames);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theBuggyKernelOopsesWritingTheReadOnlyAlias(Arch arch) throws IOException {
        assertFoundAndDiagrammed("pagecache-hvo", arch, "GUEST_FAULT",
                "folio_try_get < filemap_get_entry", "__hugetlb_vmemmap_optimize_folio < hugetlb_vmemmap_optimize_folio");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void withoutTheTlbFlushTheReaderUsesTheFreedVmemmapPage(Arch arch) throws IOException {
        assertFoundAndDiagrammed("pagecache-hvo-noflush", arch, "STALE_TLB_UAF",
                "folio_try_get < filemap_get_entry", "truncate_inode_pages_range");
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theFixedKernelIsClean(Arch arch) {
        Cli run = explore("pagecache-hvo-fixed", arch, 60, tmp.resolve("fixed"));
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("no failure in 60 runs"), run.err());
    }
}
