/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The last kernel fault taken on each CPU, for scenarios to check what the
 * fault handler saw (Linux keeps the like in current->thread: x86 cr2 /
 * error_code, arm64 fault_address / fault_code). The arch fault handler
 * (x86 exc_page_fault, arm64 do_mem_abort) records every page fault it
 * takes, handled or not, before it looks for a fixup:
 *
 *   address  CR2 / FAR_EL1
 *   code     the x86 #PF error code / the arm64 ESR_EL1
 *   ip       the faulting instruction
 *   count    faults taken on this CPU so far
 *
 * fault_code_is_write(code) decodes the access: x86 error code bit 1
 * (X86_PF_WRITE), arm64 ESR WnR of a data abort (not a cache maintenance).
 */
#ifndef _MMULAB_FAULT_H
#define _MMULAB_FAULT_H

#include <linux/percpu.h>
#include <asm/traps.h>

struct fault_record {
	unsigned long address;
	unsigned long code;
	unsigned long ip;
	unsigned long count;
};

DECLARE_PER_CPU(struct fault_record, last_fault);

static inline void record_kernel_fault(unsigned long address, unsigned long code,
				       unsigned long ip)
{
	struct fault_record *r = this_cpu_ptr(&last_fault);

	WRITE_ONCE(r->address, address);
	WRITE_ONCE(r->code, code);
	WRITE_ONCE(r->ip, ip);
	WRITE_ONCE(r->count, r->count + 1);
}

/* this CPU's record */
static inline unsigned long last_fault_address(void)	{ return this_cpu_read(last_fault.address); }
static inline unsigned long last_fault_code(void)	{ return this_cpu_read(last_fault.code); }
static inline unsigned long last_fault_ip(void)		{ return this_cpu_read(last_fault.ip); }
static inline unsigned long last_fault_count(void)	{ return this_cpu_read(last_fault.count); }
static inline bool last_fault_is_write(void)		{ return fault_code_is_write(last_fault_code()); }

#endif /* _MMULAB_FAULT_H */
