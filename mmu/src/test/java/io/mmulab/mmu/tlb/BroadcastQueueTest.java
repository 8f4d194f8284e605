package io.mmulab.mmu.tlb;

import static io.mmulab.mmu.Privilege.USER;
import static io.mmulab.mmu.tlb.Arm64TlbiOp.ASIDE1;
import static io.mmulab.mmu.tlb.Arm64TlbiOp.VAE1;
import static io.mmulab.mmu.tlb.Arm64TlbiOp.vaOperand;
import static io.mmulab.mmu.tlb.PageTables.access;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mmulab.mmu.Arm64Descriptor;
import io.mmulab.mmu.PageWalker;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BroadcastQueueTest {
    private static final long UVA = 0x0000_0040_0040_1000L;

    @Test
    void opsReachOtherCpusOnlyAtTheIssuersDsbInOrder() {
        BroadcastQueue q = new BroadcastQueue();
        q.issue(0, VAE1, vaOperand(UVA, 5));
        q.issue(1, ASIDE1, 9L << 48);
        q.issue(0, ASIDE1, 5L << 48);
        assertEquals(List.of(new BroadcastQueue.Pending(0, VAE1, vaOperand(UVA, 5)),
                new BroadcastQueue.Pending(0, ASIDE1, 5L << 48)), q.pending(0));

        assertEquals(List.of(new BroadcastQueue.Pending(1, ASIDE1, 9L << 48)), q.completeOnDsb(1),
                "cpu 1's DSB completes only cpu 1's ops");
        assertEquals(2, q.pending(0).size());
        assertEquals(List.of(VAE1, ASIDE1), q.completeOnDsb(0).stream().map(BroadcastQueue.Pending::op).toList());
        assertEquals(List.of(), q.completeOnDsb(0), "a second DSB has nothing left");
        assertTrue(q.isEmpty());
    }

    @Test
    void otherCpusKeepTheirStaleEntryUntilTheDsb() {
        PageTables.Arm64 t = new PageTables.Arm64();
        long root = t.newTable();
        long ea = t.map(root, UVA, 0x10_0000, 3, Arm64Descriptor.AP_EL0 | Arm64Descriptor.NG);
        PageWalker w = t.walker(root, 5);
        List<Tlb> tlbs = List.of(new Tlb(0, 16), new Tlb(1, 16), new Tlb(2, 16));
        for (Tlb tlb : tlbs) {
            access(tlb, w, UVA, 5, USER, tlb.cpu());
        }
        t.write(ea, 0); // unmap, then tlbi vae1is on cpu 0
        BroadcastQueue q = new BroadcastQueue();
        long xt = vaOperand(UVA, 5);
        assertTrue(tlbs.get(0).arm64Tlbi(VAE1, xt), "the issuer's own TLB is invalidated at once");
        q.issue(0, VAE1, xt);
        assertNotNull(access(tlbs.get(1), w, UVA, 5, USER, 10), "cpu 1 still translates the unmapped page");

        BitSet changed = q.completeOnDsb(0, tlbs);
        BitSet expected = new BitSet();
        expected.set(1, 3);
        assertEquals(expected, changed);
        for (Tlb tlb : tlbs) {
            assertNull(tlb.lookup(UVA, 5, USER));
            assertNull(access(tlb, w, UVA, 5, USER, 11));
        }
    }
}
