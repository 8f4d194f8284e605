/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The idle loop (kernel/idle.c): a CPU with nothing left to run calls
 * cpu_startup_entry() and stays in do_idle() for good, halting with
 * interrupts enabled (arch_cpu_idle: x86 "sti; hlt", arm64 "wfi") so it
 * still answers IPIs. Nothing is ever scheduled, so it never leaves.
 */
#ifndef _LINUX_CPU_H
#define _LINUX_CPU_H

#include <linux/compiler.h>

enum cpuhp_state {
	CPUHP_OFFLINE = 0,
	CPUHP_ONLINE = 1,
};

void __noreturn cpu_startup_entry(enum cpuhp_state state);
void arch_cpu_idle(void);

#endif /* _LINUX_CPU_H */
