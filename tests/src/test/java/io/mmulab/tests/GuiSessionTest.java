package io.mmulab.tests;

import io.mmulab.emulator.Arch;
import io.mmulab.emulator.elf.ElfImage;
import io.mmulab.emulator.explore.Decision;
import io.mmulab.emulator.machine.MachineConfig;
import io.mmulab.gui.session.Command;
import io.mmulab.gui.session.DebugSession;
import io.mmulab.gui.view.MachineSnapshot;
import io.mmulab.gui.view.VcpuView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The debugger's machine side without a window: decisions the user takes become the run's
 * decision list, and stepping back (a replay from the checkpoint) reaches exactly the state
 * that was there before.
 */
class GuiSessionTest {

    @Test
    void steppingBackIsExact() {
        ElfImage image = Images.load("lost-update", Arch.ARM64);
        MachineConfig config = MachineConfig.defaults(Arch.ARM64, 2, 1);
        try (DebugSession session = new DebugSession(image, config, List.of(), List.of(new Command.Run(30)))) {
            session.start();
            MachineSnapshot at30 = settle(session, -1);
            assertEquals(30, at30.decisions().size(), at30.status());
            assertTrue(at30.options().size() >= 2, "two vCPUs offer steps: " + at30.options());

            // Take the option the default policy would not: the other vCPU steps.
            Decision other = at30.options().stream().map(MachineSnapshot.Option::decision)
                    .filter(d -> d.kind() == io.mmulab.emulator.sched.ChoiceSet.Kind.STEP && d.cpu() != at30.runningCpu())
                    .findFirst().orElseThrow();
            session.send(new Command.Take(other));
            MachineSnapshot at31 = settle(session, at30.generation());
            assertEquals(31, at31.decisions().size());
            assertEquals(other, at31.decisions().get(30));
            session.send(new Command.Run(10));
            MachineSnapshot at41 = settle(session, at31.generation());
            assertEquals(41, at41.decisions().size());
            assertNotEquals(state(at31), state(at41));

            session.send(new Command.GoTo(at41.decisions().subList(0, 31)));
            MachineSnapshot back = settle(session, at41.generation());
            assertEquals(at31.decisions(), back.decisions());
            assertEquals(state(at31), state(back), "stepping back reaches the same state");
            assertEquals(at31.steps(), back.steps());

            session.send(new Command.GoTo(List.of()));
            MachineSnapshot reset = settle(session, back.generation());
            assertEquals(0, reset.decisions().size());
        }
    }

    /** Registers, PCs, TLBs and store buffers: what a user compares by eye. */
    private static String state(MachineSnapshot s) {
        StringBuilder b = new StringBuilder();
        for (VcpuView v : s.vcpus()) {
            b.append(v.id()).append(' ').append(v.state()).append(' ').append(v.registers()).append('\n');
        }
        b.append(s.tlbs()).append('\n').append(s.storeBuffers()).append('\n');
        b.append(java.util.Arrays.hashCode(s.frameOwners()));
        return b.toString();
    }

    private static MachineSnapshot settle(DebugSession session, long after) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            MachineSnapshot s = session.snapshot();
            if (session.idle() && s.generation() > after && s.waiting()) {
                return s;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the session did not settle: " + session.snapshot().status());
    }
}
