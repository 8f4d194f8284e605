package io.mmulab.mmu;

import java.util.Arrays;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The owner of every 4 KiB physical frame, as the guest reports it, with the step of its last
 * change and of its last free: oracles ask "was this frame freed after that TLB entry was
 * filled?", the GUI draws the physical map from {@link #runs()}. One byte of owner per frame
 * plus two step words. All frames start FREE, never freed, never changed.
 * Written by the emulator thread only.
 */
public final class PageOwnership {
    public static final long PAGE_SIZE = 4096;

    private final byte[] owners;
    private final long[] lastFreed;
    private final long[] lastChanged;

    public PageOwnership(long memBytes) {
        if (memBytes <= 0 || (memBytes + PAGE_SIZE - 1) / PAGE_SIZE > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("memory size must be 1 byte .. 8 TiB, got " + memBytes);
        }
        int frames = (int) ((memBytes + PAGE_SIZE - 1) / PAGE_SIZE);
        owners = new byte[frames];
        lastFreed = new long[frames];
        lastChanged = new long[frames];
        Arrays.fill(lastFreed, -1);
        Arrays.fill(lastChanged, -1);
    }

    /** Number of frames tracked (memory size rounded up to whole pages). */
    public long frames() {
        return owners.length;
    }

    /** Gives frames {@code pfn .. pfn+nrPages-1} to {@code owner}; frames whose owner changes record {@code step}. */
    /** Changes since {@link #checkpoint()}: frame, old owner, old freed step, old changed step. */
    private long[] journal = new long[0];
    private int journalLength = -1;

    /** From now on remember every change, so {@link #rollback()} can return here. */
    public void checkpoint() {
        journalLength = 0;
    }

    /** Undoes every change since {@link #checkpoint()}, in reverse order; cost follows the changes only. */
    public void rollback() {
        if (journalLength < 0) {
            throw new IllegalStateException("no checkpoint to roll back to");
        }
        for (int i = journalLength - 4; i >= 0; i -= 4) {
            int f = (int) journal[i];
            owners[f] = (byte) journal[i + 1];
            lastFreed[f] = journal[i + 2];
            lastChanged[f] = journal[i + 3];
        }
        journalLength = 0;
    }

    public void set(long pfn, long nrPages, PageOwner owner, long step) {
        Objects.requireNonNull(owner, "owner");
        if (nrPages < 0 || pfn < 0 || pfn > owners.length - nrPages) {
            throw new IllegalArgumentException(String.format(
                    "page owner update for pfn 0x%x + %d pages (%s) is outside memory: valid pfns are 0x0..0x%x",
                    pfn, nrPages, owner, owners.length - 1L));
        }
        byte code = (byte) owner.code();
        for (int f = (int) pfn, end = (int) (pfn + nrPages); f < end; f++) {
            if (owners[f] != code) {
                if (journalLength >= 0) {
                    if (journalLength + 4 > journal.length) {
                        journal = Arrays.copyOf(journal, Math.max(64, journal.length * 2));
                    }
                    journal[journalLength++] = f;
                    journal[journalLength++] = owners[f];
                    journal[journalLength++] = lastFreed[f];
                    journal[journalLength++] = lastChanged[f];
                }
                owners[f] = code;
                lastChanged[f] = step;
                if (owner == PageOwner.FREE) {
                    lastFreed[f] = step;
                }
            }
        }
    }

    public PageOwner owner(long pfn) {
        return PageOwner.of(owners[check(pfn)]);
    }

    /** Step at which the frame last became FREE, -1 if never. */
    public long lastFreedStep(long pfn) {
        return lastFreed[check(pfn)];
    }

    /** Step of the frame's last owner change, -1 if never. */
    public long lastChangedStep(long pfn) {
        return lastChanged[check(pfn)];
    }

    /** Maximal runs of frames with one owner: first pfn of each run -> owner. */
    public SortedMap<Long, PageOwner> runs() {
        SortedMap<Long, PageOwner> runs = new TreeMap<>();
        for (int f = 0; f < owners.length; f++) {
            if (f == 0 || owners[f] != owners[f - 1]) {
                runs.put((long) f, PageOwner.of(owners[f]));
            }
        }
        return runs;
    }

    private int check(long pfn) {
        if (pfn < 0 || pfn >= owners.length) {
            throw new IllegalArgumentException(String.format(
                    "pfn 0x%x is outside memory: valid pfns are 0x0..0x%x", pfn, owners.length - 1L));
        }
        return (int) pfn;
    }
}
