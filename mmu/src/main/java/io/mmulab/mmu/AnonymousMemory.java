package io.mmulab.mmu;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * Zeroed memory from an anonymous private {@code mmap} (Linux, through FFM).
 *
 * <p>Why mmap and not {@link Arena#allocate}: the kernel hands out untouched anonymous pages
 * lazily (they all alias the shared zero page until written), and MAP_NORESERVE keeps them out
 * of the overcommit account, so a machine of eight 512 MiB views costs only the pages the
 * guest actually dirties. {@code Arena.allocate} instead zero-fills every byte up front,
 * committing it all.
 *
 * <p>Calling libc and sizing the returned pointer are restricted FFM operations; the JVM runs
 * with {@code --enable-native-access} (see the parent pom), hence the suppression.
 */
@SuppressWarnings("restricted")
final class AnonymousMemory {
    // Linux values, identical on x86-64 and arm64 (the generic mman.h numbers).
    private static final int PROT_READ = 0x1;
    private static final int PROT_WRITE = 0x2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_NORESERVE = 0x4000;
    private static final long MAP_FAILED = -1L;

    private static final MethodHandle MMAP;
    private static final MethodHandle MUNMAP;

    static {
        MethodHandle mmap = null;
        MethodHandle munmap = null;
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                mmap = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_LONG));
                munmap = linker.downcallHandle(libc.find("munmap").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
            } catch (RuntimeException e) {
                // No native access or no libc symbol: callers fall back to Arena allocation.
                mmap = null;
                munmap = null;
            }
        }
        MMAP = mmap;
        MUNMAP = munmap;
    }

    private AnonymousMemory() {
    }

    /**
     * Maps {@code bytes} of zeroed memory whose unmapping is tied to {@code arena}'s lifetime,
     * or returns empty when mmap is unavailable or fails.
     */
    static Optional<MemorySegment> map(long bytes, Arena arena) {
        if (MMAP == null) {
            return Optional.empty();
        }
        try {
            MemorySegment raw = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, bytes,
                    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0L);
            long address = raw.address();
            if (address == MAP_FAILED || address == 0) {
                return Optional.empty();
            }
            // The cleanup must not capture the segment, only its address, or it would never run.
            return Optional.of(raw.reinterpret(bytes, arena, s -> unmap(address, bytes)));
        } catch (Error e) {
            throw e;
        } catch (Throwable t) {
            // Native access refused after all: the caller falls back to Arena memory.
            return Optional.empty();
        }
    }

    private static void unmap(long address, long bytes) {
        try {
            int rc = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(address), bytes);
            assert rc == 0 : "munmap failed";
        } catch (Throwable t) {
            // Nothing useful to do while an arena is closing; the mapping simply leaks.
        }
    }
}
