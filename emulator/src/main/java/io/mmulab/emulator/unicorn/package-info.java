/**
 * mmulab's own binding of libunicorn (&gt;= 2.1.4) on {@code java.lang.foreign}.
 *
 * <p>Small and typed on purpose: one {@link io.mmulab.emulator.unicorn.Unicorn} per vCPU, registers
 * as enums ({@link io.mmulab.emulator.unicorn.X86Reg}, {@link io.mmulab.emulator.unicorn.Arm64Reg}),
 * hooks as functional interfaces. All engines are driven from one host thread and hooks run on
 * it, inside {@code emuStart}; nothing here is thread-safe beyond library loading and hook
 * registration. Hook bodies never let an exception reach native code (that would kill the JVM):
 * failures surface as {@link io.mmulab.emulator.unicorn.HookFailedException} from {@code emuStart}.
 * The JVM needs {@code --enable-native-access=ALL-UNNAMED} (or the module name) to avoid warnings.
 */
package io.mmulab.emulator.unicorn;
