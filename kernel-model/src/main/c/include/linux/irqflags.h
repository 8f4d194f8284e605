/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Local interrupt masking. The arch provides arch_local_irq_*() in
 * <asm/irqflags.h>: x86_64 cli/sti/pushf, arm64 msr daifset/daifclr/daif.
 * Every mask change is a scheduling point in the emulator.
 */
#ifndef _LINUX_IRQFLAGS_H
#define _LINUX_IRQFLAGS_H

#include <linux/types.h>
#include <asm/irqflags.h>

#define raw_local_irq_enable()		arch_local_irq_enable()
#define raw_local_irq_disable()		arch_local_irq_disable()
#define raw_local_irq_save(flags)	do { (flags) = arch_local_irq_save(); } while (0)
#define raw_local_irq_restore(flags)	arch_local_irq_restore(flags)
#define raw_local_save_flags(flags)	do { (flags) = arch_local_save_flags(); } while (0)
#define raw_irqs_disabled()		arch_irqs_disabled()
#define raw_irqs_disabled_flags(flags)	arch_irqs_disabled_flags(flags)

#define local_irq_enable()		raw_local_irq_enable()
#define local_irq_disable()		raw_local_irq_disable()
#define local_irq_save(flags)		raw_local_irq_save(flags)
#define local_irq_restore(flags)	raw_local_irq_restore(flags)
#define local_save_flags(flags)		raw_local_save_flags(flags)
#define irqs_disabled()			raw_irqs_disabled()
#define irqs_disabled_flags(flags)	raw_irqs_disabled_flags(flags)

#endif /* _LINUX_IRQFLAGS_H */
