package io.mmulab.emulator.disasm;

import java.util.HashMap;
import java.util.Map;

/** Names of the ARM64 TLBI operations (SYS with CRn = 8), keyed by op1, CRm, op2. */
final class Arm64Tlbi {
    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        // EL1 (op1 0); the guest kernel runs here. CRm: 1 OS, 2 range IS, 3 IS, 5 range OS, 6 range, 7 local.
        add(0, 1, "vmalle1os", "vae1os", "aside1os", "vaae1os", null, "vale1os", null, "vaale1os");
        add(0, 2, null, "rvae1is", null, "rvaae1is", null, "rvale1is", null, "rvaale1is");
        add(0, 3, "vmalle1is", "vae1is", "aside1is", "vaae1is", null, "vale1is", null, "vaale1is");
        add(0, 5, null, "rvae1os", null, "rvaae1os", null, "rvale1os", null, "rvaale1os");
        add(0, 6, null, "rvae1", null, "rvaae1", null, "rvale1", null, "rvaale1");
        add(0, 7, "vmalle1", "vae1", "aside1", "vaae1", null, "vale1", null, "vaale1");
        // EL2 (op1 4).
        add(4, 0, null, "ipas2e1is", "ripas2e1is", null, null, "ipas2le1is", "ripas2le1is", null);
        add(4, 1, "alle2os", "vae2os", null, null, "alle1os", "vale2os", "vmalls12e1os", null);
        add(4, 2, null, "rvae2is", null, null, null, "rvale2is", null, null);
        add(4, 3, "alle2is", "vae2is", null, null, "alle1is", "vale2is", "vmalls12e1is", null);
        add(4, 4, "ipas2e1os", "ipas2e1", "ripas2e1", "ripas2e1os", "ipas2le1os", "ipas2le1", "ripas2le1", "ripas2le1os");
        add(4, 5, null, "rvae2os", null, null, null, "rvale2os", null, null);
        add(4, 6, null, "rvae2", null, null, null, "rvale2", null, null);
        add(4, 7, "alle2", "vae2", null, null, "alle1", "vale2", "vmalls12e1", null);
        // EL3 (op1 6).
        add(6, 1, "alle3os", "vae3os", null, null, "paallos", "vale3os", null, null);
        add(6, 2, null, "rvae3is", null, null, null, "rvale3is", null, null);
        add(6, 3, "alle3is", "vae3is", null, null, null, "vale3is", null, null);
        add(6, 4, null, null, null, "rpaos", null, null, null, "rpalos");
        add(6, 5, null, "rvae3os", null, null, null, "rvale3os", null, null);
        add(6, 6, null, "rvae3", null, null, null, "rvale3", null, null);
        add(6, 7, "alle3", "vae3", null, null, "paall", "vale3", null, null);
    }

    private Arm64Tlbi() {
    }

    private static void add(int op1, int crm, String... byOp2) {
        for (int op2 = 0; op2 < byOp2.length; op2++) {
            if (byOp2[op2] != null) {
                NAMES.put(key(op1, crm, op2), byOp2[op2]);
            }
        }
    }

    private static int key(int op1, int crm, int op2) {
        return op1 << 7 | crm << 3 | op2;
    }

    /** The operation's name, e.g. {@code "vae1is"}, or null for an encoding with none. */
    static String name(int op1, int crm, int op2) {
        return NAMES.get(key(op1, crm, op2));
    }

    /** Inner- or outer-shareable operations reach every CPU without an IPI. */
    static boolean isBroadcast(String name) {
        return name.endsWith("is") || name.endsWith("os");
    }
}
