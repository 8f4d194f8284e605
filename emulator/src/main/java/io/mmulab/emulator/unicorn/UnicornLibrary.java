package io.mmulab.emulator.unicorn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The loaded libunicorn, once per JVM.
 *
 * <p>mmulab needs libunicorn &gt;= 2.1.4 because older releases report the PC of an earlier
 * instruction of the block in memory hooks, and the scheduler preempts at exact PCs.
 * Debian 12 ships no unicorn, so {@code scripts/bootstrap} unpacks one into the project
 * cache; the lookup order lets a developer override it:
 * <ol>
 *   <li>system property {@code mmulab.unicorn} (path of the .so),</li>
 *   <li>environment variable {@code MMULAB_UNICORN} (path),</li>
 *   <li>{@code <root>/.cache/unicorn/lib/libunicorn.so.2}, {@code <root>} being the system
 *       property {@code mmulab.root}, else the nearest directory at or above the current
 *       one that contains {@code .cache/unicorn},</li>
 *   <li>{@code libunicorn.so.2} on the system library path.</li>
 * </ol>
 * An explicitly configured path (1, 2) that does not exist is an error rather than a reason
 * to fall through: silently using another library would hide a misconfiguration.
 * The library is never unloaded (global arena): upcall stubs and engines may outlive any scope.
 */
@SuppressWarnings("restricted") // native access is this package's purpose
public final class UnicornLibrary {
    /** The oldest supported release, packed like {@code uc_version()} (major, minor, patch). */
    static final int MIN_MAJOR = 2, MIN_MINOR = 1, MIN_PATCH = 4;
    static final String MIN_VERSION = "2.1.4";
    static final String HINT = "mmulab needs >= " + MIN_VERSION + " (run scripts/bootstrap)";
    static final String SONAME = "libunicorn.so.2";

    private static volatile UnicornLibrary instance;
    private static String failure;

    private final String path;
    private final int rawVersion;
    private final SymbolLookup lookup;

    private UnicornLibrary(String path, int rawVersion, SymbolLookup lookup) {
        this.path = path;
        this.rawVersion = rawVersion;
        this.lookup = lookup;
    }

    /**
     * The library, loaded and version-checked on first use.
     *
     * @throws UnicornUnavailableException (every time, with the same message) if it is missing,
     *     unloadable or too old
     */
    public static UnicornLibrary get() {
        UnicornLibrary lib = instance;
        if (lib != null) {
            return lib;
        }
        synchronized (UnicornLibrary.class) {
            if (instance != null) {
                return instance;
            }
            if (failure != null) {
                throw new UnicornUnavailableException(failure);
            }
            try {
                instance = load();
                return instance;
            } catch (UnicornUnavailableException e) {
                failure = e.getMessage();
                throw e;
            }
        }
    }

    /** True when {@link #get()} succeeds; never throws. */
    public static boolean isAvailable() {
        try {
            get();
            return true;
        } catch (UnicornUnavailableException e) {
            return false;
        }
    }

    /** Absolute path of the loaded shared object. */
    public String path() {
        return path;
    }

    /** {@code major.minor.patch} of the loaded library, e.g. {@code 2.1.4}. */
    public String version() {
        return versionString(rawVersion);
    }

    /** The word {@code uc_version()} returned: major, minor, patch, extra, 8 bits each. */
    public int rawVersion() {
        return rawVersion;
    }

    SymbolLookup lookup() {
        return lookup;
    }

    @Override
    public String toString() {
        return "libunicorn " + version() + " at " + path;
    }

    // ---- the decision, separated from loading so it can be unit-tested -------------------

    /** {@code major.minor.patch} of a {@code uc_version()} word. */
    static String versionString(int raw) {
        return ((raw >>> 24) & 0xff) + "." + ((raw >>> 16) & 0xff) + "." + ((raw >>> 8) & 0xff);
    }

    /** Whether a {@code uc_version()} word is at least 2.1.4 (the extra byte is ignored). */
    static boolean isSupported(int raw) {
        int major = (raw >>> 24) & 0xff, minor = (raw >>> 16) & 0xff, patch = (raw >>> 8) & 0xff;
        if (major != MIN_MAJOR) {
            return major > MIN_MAJOR;
        }
        if (minor != MIN_MINOR) {
            return minor > MIN_MINOR;
        }
        return patch >= MIN_PATCH;
    }

    /** Throws the one-line "too old" message when {@code raw} is below 2.1.4. */
    static void checkVersion(int raw, String where) {
        if (!isSupported(raw)) {
            throw new UnicornUnavailableException(tooOldMessage(versionString(raw), where));
        }
    }

    static String tooOldMessage(String version, String where) {
        return "libunicorn " + version + " at " + where + " is too old: " + HINT;
    }

    static String notFoundMessage(List<String> lookedAt) {
        return "libunicorn not found (looked at " + String.join(", ", lookedAt) + "): " + HINT;
    }

    static String missingConfiguredMessage(String path, String origin) {
        return "libunicorn not found at " + path + " (set by " + origin + "): " + HINT;
    }

    static String unloadableMessage(String where, String reason) {
        return "libunicorn at " + where + " could not be loaded (" + oneLine(reason) + "): " + HINT;
    }

    private static String oneLine(String s) {
        return s == null ? "unknown error" : s.replaceAll("\\s+", " ").trim();
    }

    // ---- loading ---------------------------------------------------------------------------

    private static UnicornLibrary load() {
        String prop = System.getProperty("mmulab.unicorn");
        if (prop != null && !prop.isBlank()) {
            return loadConfigured(Path.of(prop), "-Dmmulab.unicorn");
        }
        String env = System.getenv("MMULAB_UNICORN");
        if (env != null && !env.isBlank()) {
            return loadConfigured(Path.of(env), "MMULAB_UNICORN");
        }
        List<String> lookedAt = new ArrayList<>();
        Optional<Path> cached = projectCacheLibrary(lookedAt);
        if (cached.isPresent()) {
            return loadPath(cached.get());
        }
        lookedAt.add(SONAME + " on the system library path");
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(SONAME, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new UnicornUnavailableException(notFoundMessage(lookedAt));
        }
        return finish(systemPathOf(SONAME), lookup);
    }

    private static UnicornLibrary loadConfigured(Path p, String origin) {
        if (!Files.isRegularFile(p)) {
            throw new UnicornUnavailableException(missingConfiguredMessage(p.toString(), origin));
        }
        return loadPath(p);
    }

    private static UnicornLibrary loadPath(Path p) {
        String where = p.toAbsolutePath().normalize().toString();
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(p.toAbsolutePath(), Arena.global());
        } catch (IllegalArgumentException e) {
            throw new UnicornUnavailableException(unloadableMessage(where, e.getMessage()));
        }
        return finish(where, lookup);
    }

    private static UnicornLibrary finish(String where, SymbolLookup lookup) {
        MemorySegment fn = lookup.find("uc_version").orElseThrow(
                () -> new UnicornUnavailableException(unloadableMessage(where, "no symbol uc_version")));
        MethodHandle ucVersion = Linker.nativeLinker().downcallHandle(fn,
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        int raw;
        try {
            raw = (int) ucVersion.invokeExact(MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new UnicornUnavailableException(unloadableMessage(where, "uc_version failed: " + t));
        }
        checkVersion(raw, where);
        return new UnicornLibrary(where, raw, lookup);
    }

    /** The cache candidate, if it exists; records where it looked. */
    private static Optional<Path> projectCacheLibrary(List<String> lookedAt) {
        String rootProp = System.getProperty("mmulab.root");
        Path root = null;
        if (rootProp != null && !rootProp.isBlank()) {
            root = Path.of(rootProp);
        } else {
            for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
                if (Files.isDirectory(d.resolve(".cache/unicorn"))) {
                    root = d;
                    break;
                }
            }
        }
        if (root == null) {
            lookedAt.add(".cache/unicorn in " + Path.of("").toAbsolutePath() + " and its parents");
            return Optional.empty();
        }
        Path lib = root.resolve(".cache/unicorn/lib").resolve(SONAME).toAbsolutePath().normalize();
        lookedAt.add(lib.toString());
        return Files.isRegularFile(lib) ? Optional.of(lib) : Optional.empty();
    }

    /** Where the dynamic linker found a library loaded by name, read back from /proc/self/maps. */
    private static String systemPathOf(String soname) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0) {
                    String file = line.substring(slash);
                    String name = file.substring(file.lastIndexOf('/') + 1);
                    if (name.startsWith("libunicorn.so")) {
                        return file;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: a name is still better than nothing
        }
        return soname + " (system library path)";
    }
}
