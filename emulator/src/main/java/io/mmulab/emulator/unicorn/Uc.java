package io.mmulab.emulator.unicorn;

/**
 * Numeric constants of the libunicorn 2.1.4 C API that callers of this binding need.
 *
 * <p>Values were produced by compiling a probe against the 2.1.4 headers (not counted by
 * hand: several C enums have gaps), so they match the ABI exactly.
 */
public final class Uc {
    private Uc() {}

    // ---- uc_arch / uc_mode / cpu models ------------------------------------------------
    public static final int ARCH_ARM64 = 2;
    public static final int ARCH_X86 = 4;
    public static final int MODE_ARM = 0;
    public static final int MODE_64 = 1 << 3;

    public static final int CPU_X86_QEMU64 = 0;
    public static final int CPU_ARM64_A57 = 0;
    public static final int CPU_ARM64_A53 = 1;
    public static final int CPU_ARM64_A72 = 2;
    /** Every feature QEMU implements, including LSE atomics (CAS, LDADD, SWP). */
    public static final int CPU_ARM64_MAX = 3;

    // ---- uc_prot --------------------------------------------------------------------------
    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    public static final int PROT_ALL = 7;

    // ---- uc_hook_type bits ----------------------------------------------------------------
    public static final int HOOK_INTR = 1;
    public static final int HOOK_INSN = 1 << 1;
    public static final int HOOK_CODE = 1 << 2;
    public static final int HOOK_BLOCK = 1 << 3;
    public static final int HOOK_MEM_READ_UNMAPPED = 1 << 4;
    public static final int HOOK_MEM_WRITE_UNMAPPED = 1 << 5;
    public static final int HOOK_MEM_FETCH_UNMAPPED = 1 << 6;
    public static final int HOOK_MEM_READ_PROT = 1 << 7;
    public static final int HOOK_MEM_WRITE_PROT = 1 << 8;
    public static final int HOOK_MEM_FETCH_PROT = 1 << 9;
    public static final int HOOK_MEM_READ = 1 << 10;
    public static final int HOOK_MEM_WRITE = 1 << 11;
    public static final int HOOK_MEM_FETCH = 1 << 12;
    public static final int HOOK_MEM_READ_AFTER = 1 << 13;
    public static final int HOOK_INSN_INVALID = 1 << 14;
    public static final int HOOK_EDGE_GENERATED = 1 << 15;
    public static final int HOOK_TCG_OPCODE = 1 << 16;
    public static final int HOOK_TLB_FILL = 1 << 17;

    /** Successful accesses: the set {@link Unicorn#hookMem} accepts (void callbacks). */
    public static final int HOOK_MEM_VALID = HOOK_MEM_READ | HOOK_MEM_WRITE | HOOK_MEM_FETCH | HOOK_MEM_READ_AFTER;
    public static final int HOOK_MEM_UNMAPPED = HOOK_MEM_READ_UNMAPPED | HOOK_MEM_WRITE_UNMAPPED | HOOK_MEM_FETCH_UNMAPPED;
    public static final int HOOK_MEM_PROT = HOOK_MEM_READ_PROT | HOOK_MEM_WRITE_PROT | HOOK_MEM_FETCH_PROT;
    /** Failed accesses: the set {@link Unicorn#hookMemInvalid} accepts (bool callbacks). */
    public static final int HOOK_MEM_INVALID = HOOK_MEM_UNMAPPED | HOOK_MEM_PROT;

    // ---- uc_mem_type (what a memory / TLB-fill callback receives) -------------------------
    public static final int MEM_READ = 16;
    public static final int MEM_WRITE = 17;
    public static final int MEM_FETCH = 18;

    // ---- uc_err ---------------------------------------------------------------------------
    public static final int ERR_OK = 0;
    public static final int ERR_NOMEM = 1;
    public static final int ERR_ARCH = 2;
    public static final int ERR_HANDLE = 3;
    public static final int ERR_MODE = 4;
    public static final int ERR_VERSION = 5;
    public static final int ERR_READ_UNMAPPED = 6;
    public static final int ERR_WRITE_UNMAPPED = 7;
    public static final int ERR_FETCH_UNMAPPED = 8;
    public static final int ERR_HOOK = 9;
    public static final int ERR_INSN_INVALID = 10;
    public static final int ERR_MAP = 11;
    public static final int ERR_WRITE_PROT = 12;
    public static final int ERR_READ_PROT = 13;
    public static final int ERR_FETCH_PROT = 14;
    public static final int ERR_ARG = 15;
    public static final int ERR_READ_UNALIGNED = 16;
    public static final int ERR_WRITE_UNALIGNED = 17;
    public static final int ERR_FETCH_UNALIGNED = 18;
    public static final int ERR_HOOK_EXIST = 19;
    public static final int ERR_RESOURCE = 20;
    public static final int ERR_EXCEPTION = 21;
    public static final int ERR_OVERFLOW = 22;

    private static final String[] ERR_NAMES = {
        "UC_ERR_OK", "UC_ERR_NOMEM", "UC_ERR_ARCH", "UC_ERR_HANDLE", "UC_ERR_MODE", "UC_ERR_VERSION",
        "UC_ERR_READ_UNMAPPED", "UC_ERR_WRITE_UNMAPPED", "UC_ERR_FETCH_UNMAPPED", "UC_ERR_HOOK",
        "UC_ERR_INSN_INVALID", "UC_ERR_MAP", "UC_ERR_WRITE_PROT", "UC_ERR_READ_PROT", "UC_ERR_FETCH_PROT",
        "UC_ERR_ARG", "UC_ERR_READ_UNALIGNED", "UC_ERR_WRITE_UNALIGNED", "UC_ERR_FETCH_UNALIGNED",
        "UC_ERR_HOOK_EXIST", "UC_ERR_RESOURCE", "UC_ERR_EXCEPTION", "UC_ERR_OVERFLOW",
    };

    /** The C name of an error code ({@code UC_ERR_MAP}), or {@code UC_ERR_<n>} when unknown. */
    public static String errorName(int code) {
        return code >= 0 && code < ERR_NAMES.length ? ERR_NAMES[code] : "UC_ERR_" + code;
    }

    // ---- x86 instruction ids for UC_HOOK_INSN ---------------------------------------------
    public static final int X86_INS_CPUID = 113;
    public static final int X86_INS_IN = 218;
    public static final int X86_INS_OUT = 500;
    public static final int X86_INS_SYSCALL = 699;

    // ---- ARM64 instruction ids for UC_HOOK_INSN ({@link Unicorn#hookArm64Sys}) ------------
    /** {@code mrs} (op0 2 or 3). */
    public static final int ARM64_INS_MRS = 1;
    /** {@code msr} register form (op0 2 or 3); not the immediate forms such as {@code msr daifset, #i}. */
    public static final int ARM64_INS_MSR = 2;
    /** {@code sys} (op0 1): {@code tlbi}, {@code dc}, {@code ic}, {@code at}. */
    public static final int ARM64_INS_SYS = 3;
    public static final int ARM64_INS_SYSL = 4;

    // ---- uc_ctl ---------------------------------------------------------------------------
    public static final int TLB_CPU = 0;
    /** Unicorn asks a TLB-fill hook for every translation instead of walking page tables itself. */
    public static final int TLB_VIRTUAL = 1;

    // Control words are UC_CTL(type, nr_args, rw) = type | nr << 26 | rw << 30.
    static final int CTL_IO_WRITE = 1;
    static final int CTL_IO_READ = 2;
    static final int CTL_UC_TIMEOUT = 3;
    static final int CTL_CPU_MODEL = 7;
    static final int CTL_TB_REMOVE_CACHE = 9;
    static final int CTL_TB_FLUSH = 10;
    static final int CTL_TLB_FLUSH = 11;
    static final int CTL_TLB_TYPE = 12;
    static final int CTL_CONTEXT_MODE = 14;

    static int ctl(int type, int nrArgs, int rw) {
        return type | (nrArgs << 26) | (rw << 30);
    }

    /** Time unit of {@link Unicorn#emuStart}'s timeout. */
    public static final long SECOND_SCALE = 1_000_000L;
}
