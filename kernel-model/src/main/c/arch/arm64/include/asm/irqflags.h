/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _ASM_ARM64_IRQFLAGS_H
#define _ASM_ARM64_IRQFLAGS_H

#include <linux/compiler.h>

#define PSR_F_BIT	0x00000040
#define PSR_I_BIT	0x00000080
#define PSR_A_BIT	0x00000100
#define PSR_D_BIT	0x00000200

/* DAIF.I and DAIF.F together, as Linux masks them */
static __always_inline void arch_local_irq_enable(void)
{
	asm volatile("msr daifclr, #3" : : : "memory");
}

static __always_inline void arch_local_irq_disable(void)
{
	asm volatile("msr daifset, #3" : : : "memory");
}

static __always_inline unsigned long arch_local_save_flags(void)
{
	unsigned long flags;

	asm volatile("mrs %0, daif" : "=r"(flags) : : "memory");
	return flags;
}

static __always_inline int arch_irqs_disabled_flags(unsigned long flags)
{
	return !!(flags & PSR_I_BIT);
}

static __always_inline int arch_irqs_disabled(void)
{
	return arch_irqs_disabled_flags(arch_local_save_flags());
}

static __always_inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = arch_local_save_flags();

	if (!arch_irqs_disabled_flags(flags))
		arch_local_irq_disable();
	return flags;
}

static __always_inline void arch_local_irq_restore(unsigned long flags)
{
	asm volatile("msr daif, %0" : : "r"(flags) : "memory");
}

#endif /* _ASM_ARM64_IRQFLAGS_H */
