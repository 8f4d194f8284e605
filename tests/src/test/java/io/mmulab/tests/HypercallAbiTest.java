package io.mmulab.tests;

import io.mmulab.emulator.machine.Hypercall;
import io.mmulab.mmu.PageOwner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The guest's hypercall.h and the emulator's Hypercall enum describe one ABI. */
class HypercallAbiTest {

    @Test
    void headerAndEnumAgree() throws IOException {
        Path header = Images.root().resolve("kernel-model/src/main/c/include/mmulab/hypercall.h");
        Map<String, String> defines = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^#define[ \\t]+(\\w+)[ \\t]+(\\S+)").matcher(Files.readString(header));
        while (m.find()) {
            defines.put(m.group(1), m.group(2));
        }
        for (Hypercall h : Hypercall.values()) {
            assertEquals(Integer.toString(h.number()), defines.get("HC_" + h.name()), "HC_" + h.name());
        }
        assertEquals(Hypercall.values().length, defines.keySet().stream().filter(k -> k.startsWith("HC_")).count());
        assertEquals(Hypercall.X86_PORT, Integer.decode(defines.get("MMULAB_HC_PORT")));
        assertEquals(Hypercall.MAX_CPUS, Integer.parseInt(defines.get("MMULAB_MAX_CPUS")));
        assertEquals("\"" + Hypercall.SPIN_TABLE_SYMBOL + "\"", defines.get("MMULAB_SPIN_TABLE_SYMBOL"));
        assertEquals("\"" + Hypercall.CPU_STACKS_SYMBOL + "\"", defines.get("MMULAB_CPU_STACKS_SYMBOL"));
        assertEquals(Hypercall.IPI_VECTOR, Integer.decode(defines.get("MMULAB_IPI_VECTOR")));
        assertEquals(Hypercall.IPI_SGI, Integer.decode(defines.get("MMULAB_IPI_SGI")));
        assertEquals(Hypercall.IRQ_SPURIOUS, Integer.decode(defines.get("MMULAB_IRQ_SPURIOUS")));
        for (PageOwner o : PageOwner.values()) {
            assertEquals(Integer.toString(o.ordinal()), defines.get("MMULAB_OWNER_" + o.name()), o.name());
            assertEquals(o, PageOwner.of(o.ordinal()));
        }
    }
}
