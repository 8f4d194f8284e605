// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * arm64 data and instruction aborts, following Linux's arch/arm64/mm/fault.c:
 *
 *   do_mem_abort(far, esr, regs)       record in last_fault, then by DFSC:
 *     translation / access flag / permission faults -> __do_kernel_fault():
 *       exception-table fixup (not for instruction aborts), else
 *       die_kernel_fault(): "Unable to handle kernel <what> at virtual
 *       address ...", the ESR decode, the page-table chain, registers,
 *       HC_OOPS
 *     anything else (address size, external abort, ...) -> die_kernel_fault
 *
 * <what> is as in Linux: "write to read-only memory" / "execute from
 * non-executable memory" / "read from unreadable memory" for permission
 * faults, "NULL pointer dereference" below PAGE_SIZE, else "paging request".
 * There is no user space: a fault from EL0 is a BUG.
 */
#include <linux/kernel.h>
#include <linux/extable.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <asm/esr.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>
#include <asm/traps.h>
#include <mmulab/fault.h>

struct fault_info {
	int (*fn)(unsigned long far, unsigned long esr, struct pt_regs *regs);
	const char *name;
};

static DEFINE_SPINLOCK(die_lock);
static int die_counter;

static const struct fault_info *esr_to_fault_info(unsigned long esr);

static bool is_el1_instruction_abort(unsigned long esr)
{
	return ESR_ELx_EC(esr) == ESR_ELx_EC_IABT_CUR;
}

static bool is_el1_data_abort(unsigned long esr)
{
	return ESR_ELx_EC(esr) == ESR_ELx_EC_DABT_CUR;
}

static bool is_el1_permission_fault(unsigned long addr, unsigned long esr, struct pt_regs *regs)
{
	(void)addr;
	if (!is_el1_data_abort(esr) && !is_el1_instruction_abort(esr))
		return false;
	if (user_mode(regs))
		return false;
	return (esr & ESR_ELx_FSC_TYPE) == ESR_ELx_FSC_PERM;
}

static void mem_abort_decode(unsigned long esr)
{
	pr_alert("Mem abort info:\n");
	pr_alert("  ESR = 0x%016lx\n", esr);
	pr_alert("  EC = 0x%02lx: %s, IL = %u bits\n", ESR_ELx_EC(esr),
		 esr_get_class_string(esr), (esr & ESR_ELx_IL) ? 32 : 16);
	pr_alert("  SET = %lu, FnV = %lu\n", (esr & ESR_ELx_SET_MASK) >> ESR_ELx_SET_SHIFT,
		 (esr & ESR_ELx_FnV) ? 1UL : 0UL);
	pr_alert("  EA = %lu, S1PTW = %lu\n", (esr & ESR_ELx_EA) ? 1UL : 0UL,
		 (esr & ESR_ELx_S1PTW) ? 1UL : 0UL);
	pr_alert("  FSC = 0x%02lx: %s\n", esr & ESR_ELx_FSC, esr_to_fault_info(esr)->name);
	if (esr_is_data_abort(esr)) {
		pr_alert("Data abort info:\n");
		pr_alert("  ISV = %lu, ISS = 0x%08lx\n", (esr & ESR_ELx_ISV) ? 1UL : 0UL,
			 esr & ESR_ELx_ISS_MASK);
		pr_alert("  CM = %lu, WnR = %lu\n", (esr & ESR_ELx_CM) ? 1UL : 0UL,
			 (esr & ESR_ELx_WNR) ? 1UL : 0UL);
	}
}

/* next-level table of a descriptor, or NULL if it lies outside memory */
static u64 *table_of(u64 d)
{
	unsigned long pfn = (d & PTE_ADDR_MASK) >> PAGE_SHIFT;

	return pfn < max_pfn ? pfn_to_kaddr(pfn) : NULL;
}

/* "[ffff808000001000] pgd=..., p4d=..., pud=..., pmd=..., pte=..." */
static void show_pte(unsigned long addr)
{
	char line[PRINTK_LINE_MAX];
	u64 d, *table = (u64 *)init_mm.pgd;
	int n;

	if (addr < TASK_SIZE) {
		pr_alert("user address but active_mm is swapper\n");
		return;
	}
	pr_alert("swapper pgtable: 4k pages, %u-bit VAs, pgdp=%016llx\n", VA_BITS,
		 (unsigned long long)__pa(init_mm.pgd));

	d = READ_ONCE(table[pgd_index(addr)]);
	n = snprintf(line, sizeof(line), "[%016lx] pgd=%016llx, p4d=%016llx", addr, d, d);
	if ((d & PTE_TYPE_MASK) != P4D_TYPE_TABLE || !(table = table_of(d)))
		goto out;
	d = READ_ONCE(table[pud_index(addr)]);
	n += snprintf(line + n, sizeof(line) - n, ", pud=%016llx", d);
	if ((d & PTE_TYPE_MASK) != PUD_TYPE_TABLE || !(table = table_of(d)))
		goto out;
	d = READ_ONCE(table[pmd_index(addr)]);
	n += snprintf(line + n, sizeof(line) - n, ", pmd=%016llx", d);
	if ((d & PTE_TYPE_MASK) != PMD_TYPE_TABLE || !(table = table_of(d)))
		goto out;
	d = READ_ONCE(table[pte_index(addr)]);
	n += snprintf(line + n, sizeof(line) - n, ", pte=%016llx", d);
out:
	pr_alert("%s\n", line);
}

static void show_regs(struct pt_regs *regs)
{
	int i;

	pr_emerg("CPU: %u PID: 0 Comm: swapper/%u\n", smp_processor_id(), smp_processor_id());
	pr_emerg("pstate: %08llx\n", regs->pstate);
	pr_emerg("pc : 0x%016llx\n", regs->pc);
	pr_emerg("lr : 0x%016llx\n", regs->regs[30]);
	pr_emerg("sp : %016llx\n", regs->sp);
	for (i = 29; i >= 0; i -= 3) {
		if (i >= 2)
			pr_emerg("x%-2d: %016llx x%-2d: %016llx x%-2d: %016llx\n",
				 i, regs->regs[i], i - 1, regs->regs[i - 1], i - 2, regs->regs[i - 2]);
		else
			pr_emerg("x%-2d: %016llx x%-2d: %016llx\n", 1, regs->regs[1], 0, regs->regs[0]);
	}
}

static void __noreturn die_kernel_fault(const char *msg, unsigned long addr,
					unsigned long esr, struct pt_regs *regs)
{
	spin_lock(&die_lock);
	pr_alert("Unable to handle kernel %s at virtual address %016lx\n", msg, addr);
	mem_abort_decode(esr);
	show_pte(addr);
	pr_emerg("Internal error: Oops: %016lx [#%d] SMP\n", esr, ++die_counter);
	show_regs(regs);
	__mmulab_oops(addr, esr, regs->pc);
}

static void __do_kernel_fault(unsigned long addr, unsigned long esr, struct pt_regs *regs)
{
	const char *msg;

	/* faults in instruction fetch have no fixup */
	if (!is_el1_instruction_abort(esr) && fixup_exception(regs))
		return;

	if (is_el1_permission_fault(addr, esr, regs)) {
		if (esr & ESR_ELx_WNR)
			msg = "write to read-only memory";
		else if (is_el1_instruction_abort(esr))
			msg = "execute from non-executable memory";
		else
			msg = "read from unreadable memory";
	} else if (addr < PAGE_SIZE) {
		msg = "NULL pointer dereference";
	} else {
		msg = "paging request";
	}
	die_kernel_fault(msg, addr, esr, regs);
}

/*
 * A kernel access to a user address (TTBR0 half) resolves in current->mm,
 * with interrupts enabled again if the faulting code had them (the locks
 * may sleep); anything else is a kernel fault: fixup or oops. There is no
 * kernel demand paging.
 */
static int do_page_fault(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	struct mm_struct *mm = current->mm;
	unsigned int flags = 0;
	vm_fault_t fault;

	if (user_mode(regs))
		panic("user fault at %lx (ESR %lx, pc %llx) with no user space", far, esr, regs->pc);
	if (far >= TASK_SIZE || !mm || faulthandler_disabled() || is_el1_instruction_abort(esr)) {
		__do_kernel_fault(far, esr, regs);
		return 0;
	}
	if (esr_is_data_abort(esr) && (esr & ESR_ELx_WNR) && !(esr & ESR_ELx_CM))
		flags |= FAULT_FLAG_WRITE;
	if (!(regs->pstate & PSR_I_BIT))
		local_irq_enable();
	fault = handle_user_fault(mm, far, flags, regs);
	local_irq_disable();
	if (fault & VM_FAULT_ERROR)
		__do_kernel_fault(far, esr, regs);
	return 0;
}

static int do_translation_fault(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	return do_page_fault(far, esr, regs);
}

static int do_alignment_fault(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	return do_page_fault(far, esr, regs);
}

static int do_bad(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	(void)far; (void)esr; (void)regs;
	return 1;	/* "unhandled": die without a fixup */
}

static const struct fault_info fault_info[64] = {
	[0x00] = { do_bad, "level 0 address size fault" },
	[0x01] = { do_bad, "level 1 address size fault" },
	[0x02] = { do_bad, "level 2 address size fault" },
	[0x03] = { do_bad, "level 3 address size fault" },
	[0x04] = { do_translation_fault, "level 0 translation fault" },
	[0x05] = { do_translation_fault, "level 1 translation fault" },
	[0x06] = { do_translation_fault, "level 2 translation fault" },
	[0x07] = { do_translation_fault, "level 3 translation fault" },
	[0x08] = { do_page_fault, "level 0 access flag fault" },
	[0x09] = { do_page_fault, "level 1 access flag fault" },
	[0x0a] = { do_page_fault, "level 2 access flag fault" },
	[0x0b] = { do_page_fault, "level 3 access flag fault" },
	[0x0c] = { do_page_fault, "level 0 permission fault" },
	[0x0d] = { do_page_fault, "level 1 permission fault" },
	[0x0e] = { do_page_fault, "level 2 permission fault" },
	[0x0f] = { do_page_fault, "level 3 permission fault" },
	[0x10] = { do_bad, "synchronous external abort" },
	[0x21] = { do_alignment_fault, "alignment fault" },
	[0x30] = { do_bad, "TLB conflict abort" },
};

static const struct fault_info *esr_to_fault_info(unsigned long esr)
{
	static const struct fault_info unknown = { do_bad, "unknown" };
	const struct fault_info *inf = &fault_info[esr & ESR_ELx_FSC];

	return inf->fn ? inf : &unknown;
}

/* from el1h_64_sync_handler / el0t_64_sync_handler, DAIF masked */
void do_mem_abort(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	const struct fault_info *inf = esr_to_fault_info(esr);

	record_kernel_fault(far, esr, regs->pc);
	if (!inf->fn(far, esr, regs))
		return;
	if (!user_mode(regs))
		die_kernel_fault(inf->name, far, esr, regs);
	panic("unhandled %s at %lx from EL0 (ESR %lx)", inf->name, far, esr);
}
