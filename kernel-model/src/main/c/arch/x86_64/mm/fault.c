// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * x86_64 page faults (#PF, vector 14), following Linux's arch/x86/mm/fault.c:
 *
 *   exc_page_fault(regs, error_code)     CR2, record in last_fault
 *     handle_page_fault()
 *       kernel address: do_kern_addr_fault()
 *         spurious_kernel_fault()        a stale TLB entry: the tables
 *                                        allow the access now; retry
 *         bad_area_nosemaphore()
 *       user address: do_user_addr_fault(): current->mm's VMA under the
 *         per-VMA lock or mmap_lock, handle_mm_fault(); no VMA, a
 *         forbidden access, pagefault_disable() or no mm -> the same
 *     kernelmode_fixup_or_oops()         exception-table fixup, else
 *     page_fault_oops()                  "BUG: unable to handle page fault
 *                                        for address: ...", the page-table
 *                                        chain, registers, HC_OOPS
 */
#include <linux/kernel.h>
#include <linux/extable.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <asm/ptrace.h>
#include <asm/special_insns.h>
#include <asm/traps.h>
#include <mmulab/fault.h>

static DEFINE_SPINLOCK(die_lock);
static int die_counter;

static bool fault_in_kernel_space(unsigned long address)
{
	return address >= TASK_SIZE_MAX;
}

/* can the page-table entry value at one level allow this access? */
static int spurious_kernel_fault_check(unsigned long error_code, pteval_t v)
{
	if ((error_code & X86_PF_WRITE) && !(v & _PAGE_RW))
		return 0;
	if ((error_code & X86_PF_INSTR) && (v & _PAGE_NX))
		return 0;
	return 1;
}

/*
 * A kernel fault is spurious when the page tables allow the access: this
 * CPU's TLB held an entry older than a permission upgrade made without a
 * flush (Linux upgrades kernel mappings lazily). The #PF itself dropped the
 * stale entry, so returning retries the access. Only a write to a
 * read-only page or a fetch from an NX page can be spurious: x86 never
 * caches not-present entries.
 */
static noinline int spurious_kernel_fault(unsigned long error_code, unsigned long address)
{
	pgd_t *pgd;
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;
	int ret;

	if (error_code != (X86_PF_WRITE | X86_PF_PROT) &&
	    error_code != (X86_PF_INSTR | X86_PF_PROT))
		return 0;

	pgd = pgd_offset_k(address);
	if (!pgd_present(pgdp_get(pgd)))
		return 0;
	p4d = p4d_offset(pgd, address);
	if (!p4d_present(p4dp_get(p4d)))
		return 0;
	pud = pud_offset(p4d, address);
	if (!pud_present(pudp_get(pud)))
		return 0;
	if (pud_leaf(pudp_get(pud)))
		return spurious_kernel_fault_check(error_code, pud_val(pudp_get(pud)));
	pmd = pmd_offset(pud, address);
	if (!pmd_present(pmdp_get(pmd)))
		return 0;
	if (pmd_leaf(pmdp_get(pmd)))
		return spurious_kernel_fault_check(error_code, pmd_val(pmdp_get(pmd)));
	pte = pte_offset_kernel(pmd, address);
	if (!pte_present(ptep_get(pte)))
		return 0;
	ret = spurious_kernel_fault_check(error_code, pte_val(ptep_get(pte)));
	if (!ret)
		return 0;
	/* the pmd must allow it too, else the tables themselves are wrong */
	ret = spurious_kernel_fault_check(error_code, pmd_val(pmdp_get(pmd)));
	WARN(!ret, "PMD has incorrect permission bits\n");
	return ret;
}

/* next-level table of an entry value, or NULL if it lies outside memory */
static void *table_of(u64 v)
{
	unsigned long pfn = (v & PTE_PFN_MASK) >> PAGE_SHIFT;

	return pfn < max_pfn ? pfn_to_kaddr(pfn) : NULL;
}

/* "PGD 20b067 P4D 20b067 PUD 20c067 PMD 20d067 PTE 8000000001234061" */
static void dump_pagetable(unsigned long address)
{
	char line[PRINTK_LINE_MAX];
	int n = 0;
	u64 v, *table = (u64 *)init_mm.pgd;

	v = READ_ONCE(table[pgd_index(address)]);
	n += snprintf(line + n, sizeof(line) - n, "PGD %llx P4D %llx ", v, v);
	if (!(v & _PAGE_PRESENT) || !(table = table_of(v)))
		goto out;
	v = READ_ONCE(table[pud_index(address)]);
	n += snprintf(line + n, sizeof(line) - n, "PUD %llx ", v);
	if (!(v & _PAGE_PRESENT) || (v & _PAGE_PSE) || !(table = table_of(v)))
		goto out;
	v = READ_ONCE(table[pmd_index(address)]);
	n += snprintf(line + n, sizeof(line) - n, "PMD %llx ", v);
	if (!(v & _PAGE_PRESENT) || (v & _PAGE_PSE) || !(table = table_of(v)))
		goto out;
	v = READ_ONCE(table[pte_index(address)]);
	n += snprintf(line + n, sizeof(line) - n, "PTE %llx", v);
out:
	pr_alert("%s\n", line);
}

static void show_regs(struct pt_regs *regs)
{
	pr_emerg("CPU: %u PID: 0 Comm: swapper/%u\n", smp_processor_id(), smp_processor_id());
	pr_emerg("RIP: %04lx:0x%016lx\n", regs->cs, regs->ip);
	pr_emerg("RSP: %04lx:%016lx EFLAGS: %08lx\n", regs->ss, regs->sp, regs->flags);
	pr_emerg("RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->ax, regs->bx, regs->cx);
	pr_emerg("RDX: %016lx RSI: %016lx RDI: %016lx\n", regs->dx, regs->si, regs->di);
	pr_emerg("RBP: %016lx R08: %016lx R09: %016lx\n", regs->bp, regs->r8, regs->r9);
	pr_emerg("R10: %016lx R11: %016lx R12: %016lx\n", regs->r10, regs->r11, regs->r12);
	pr_emerg("R13: %016lx R14: %016lx R15: %016lx\n", regs->r13, regs->r14, regs->r15);
	pr_emerg("CR2: %016lx CR3: %016lx\n", read_cr2(), __read_cr3());
}

static void __noreturn page_fault_oops(struct pt_regs *regs, unsigned long error_code,
				       unsigned long address)
{
	spin_lock(&die_lock);
	if (address < PAGE_SIZE && !user_mode(regs))
		pr_alert("BUG: kernel NULL pointer dereference, address: %016lx\n", address);
	else
		pr_alert("BUG: unable to handle page fault for address: %016lx\n", address);

	pr_alert("#PF: %s %s in %s mode\n",
		 (error_code & X86_PF_USER) ? "user" : "supervisor",
		 (error_code & X86_PF_INSTR) ? "instruction fetch" :
		 (error_code & X86_PF_WRITE) ? "write access" : "read access",
		 user_mode(regs) ? "user" : "kernel");
	pr_alert("#PF: error_code(0x%04lx) - %s\n", error_code,
		 !(error_code & X86_PF_PROT) ? "not-present page" :
		 (error_code & X86_PF_RSVD) ? "reserved bit violation" :
		 (error_code & X86_PF_PK) ? "protection keys violation" :
		 "permissions violation");
	dump_pagetable(address);
	pr_emerg("Oops: %04lx [#%d] SMP\n", error_code, ++die_counter);
	show_regs(regs);
	__mmulab_oops(address, error_code, regs->ip);
}

static void kernelmode_fixup_or_oops(struct pt_regs *regs, unsigned long error_code,
				     unsigned long address)
{
	if (fixup_exception(regs))
		return;
	page_fault_oops(regs, error_code, address);
}

static void bad_area_nosemaphore(struct pt_regs *regs, unsigned long error_code,
				 unsigned long address)
{
	if (!user_mode(regs)) {
		kernelmode_fixup_or_oops(regs, error_code, address);
		return;
	}
	panic("user page fault at %lx (error code %lx, RIP %lx) with no user space",
	      address, error_code, regs->ip);
}

static void do_kern_addr_fault(struct pt_regs *regs, unsigned long error_code,
			       unsigned long address)
{
	WARN_ON_ONCE(error_code & X86_PF_PK);

	if (spurious_kernel_fault(error_code, address))
		return;
	bad_area_nosemaphore(regs, error_code, address);
}

/*
 * A kernel access to a user address (copy_from_user and friends, or GUP
 * touching the page): resolve it in current->mm, with interrupts enabled
 * again if the faulting code had them (the locks may sleep), as Linux does.
 */
static void do_user_addr_fault(struct pt_regs *regs, unsigned long error_code,
			       unsigned long address)
{
	struct mm_struct *mm = current->mm;
	unsigned int flags = 0;
	vm_fault_t fault;

	if (!mm || faulthandler_disabled() || (error_code & (X86_PF_RSVD | X86_PF_INSTR))) {
		bad_area_nosemaphore(regs, error_code, address);
		return;
	}
	if (error_code & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (regs->flags & X86_EFLAGS_IF)
		local_irq_enable();
	fault = handle_user_fault(mm, address, flags, regs);
	local_irq_disable();
	if (fault & VM_FAULT_ERROR)
		bad_area_nosemaphore(regs, error_code, address);
}

static void handle_page_fault(struct pt_regs *regs, unsigned long error_code,
			      unsigned long address)
{
	if (fault_in_kernel_space(address))
		do_kern_addr_fault(regs, error_code, address);
	else
		do_user_addr_fault(regs, error_code, address);
}

/* from do_exception(), interrupts masked; CR2 is read before anything can fault */
void exc_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2();

	record_kernel_fault(address, error_code, regs->ip);
	handle_page_fault(regs, error_code, address);
}
