package io.mmulab.emulator.machine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops a vCPU that has run for too long without reaching any hook: a guest loop that touches
 * no memory ({@code for (;;);}, a branch to itself) never returns from {@code uc_emu_start}.
 *
 * <p>Slices run without an instruction count: unicorn implements a count with a code hook on
 * every instruction, which costs more than a third of the run time. So the bound is wall-clock
 * time, checked from one daemon thread for every machine in the process; {@code uc_emu_stop}
 * is safe to call from another thread (unicorn's own timeout does just that). Reaching it is
 * the one outcome that depends on the host's speed, and only for a guest that is stuck anyway.
 */
final class Watchdog {
    /** How long a slice may run without returning (ms); {@code -Dmmulab.runawayMillis} changes it. */
    static final long LIMIT_MILLIS = Long.getLong("mmulab.runawayMillis", 10_000);

    private static final Set<Machine> MACHINES = ConcurrentHashMap.newKeySet();

    static {
        Thread t = Thread.ofPlatform().daemon().name("mmulab-watchdog").unstarted(Watchdog::watch);
        t.start();
    }

    private Watchdog() {
    }

    static void register(Machine m) {
        MACHINES.add(m);
    }

    static void unregister(Machine m) {
        MACHINES.remove(m);
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(Math.max(10, Math.min(500, LIMIT_MILLIS / 4)));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Machine m : MACHINES) {
                m.stopIfRunaway(now, LIMIT_MILLIS * 1_000_000L);
            }
        }
    }
}
