/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * CPU masks: NR_CPUS (== MMULAB_MAX_CPUS) bits. The atomic setters
 * (cpumask_set_cpu, cpumask_clear_cpu) are relaxed atomics, the __ forms
 * plain; whole-mask operations read and write each word once.
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <linux/bitops.h>
#include <linux/threads.h>

typedef struct cpumask {
	unsigned long bits[BITS_TO_LONGS(NR_CPUS)];
} cpumask_t;

#define cpumask_bits(maskp)	((maskp)->bits)

extern unsigned int nr_cpu_ids;		/* number of vCPUs the emulator started with */
extern struct cpumask __cpu_online_mask;
#define cpu_online_mask		((const struct cpumask *)&__cpu_online_mask)

static __always_inline bool cpumask_test_cpu(unsigned int cpu, const struct cpumask *m)
{
	return test_bit(cpu, cpumask_bits(m));
}

static __always_inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *m)
{
	set_bit(cpu, cpumask_bits(m));
}

static __always_inline void cpumask_clear_cpu(unsigned int cpu, struct cpumask *m)
{
	clear_bit(cpu, cpumask_bits(m));
}

/* non-atomic: the caller owns the mask */
static __always_inline void __cpumask_set_cpu(unsigned int cpu, struct cpumask *m)
{
	__set_bit(cpu, cpumask_bits(m));
}

static __always_inline void __cpumask_clear_cpu(unsigned int cpu, struct cpumask *m)
{
	__clear_bit(cpu, cpumask_bits(m));
}

static __always_inline void cpumask_clear(struct cpumask *m)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		WRITE_ONCE(m->bits[i], 0);
}

static __always_inline void cpumask_copy(struct cpumask *dst, const struct cpumask *src)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		WRITE_ONCE(dst->bits[i], READ_ONCE(src->bits[i]));
}

/* dst = a & b; true if the result is not empty */
static __always_inline bool cpumask_and(struct cpumask *dst, const struct cpumask *a,
					const struct cpumask *b)
{
	unsigned long any = 0;
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++) {
		unsigned long v = READ_ONCE(a->bits[i]) & READ_ONCE(b->bits[i]);

		WRITE_ONCE(dst->bits[i], v);
		any |= v;
	}
	return any != 0;
}

static __always_inline bool cpumask_empty(const struct cpumask *m)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		if (READ_ONCE(m->bits[i]))
			return false;
	return true;
}

/* the first cpu in the mask, or nr_cpu_ids if there is none */
static __always_inline unsigned int cpumask_first(const struct cpumask *m)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (cpumask_test_cpu(cpu, m))
			return cpu;
	return nr_cpu_ids;
}

static __always_inline unsigned int cpumask_weight(const struct cpumask *m)
{
	unsigned int i, w = 0;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		w += hweight_long(READ_ONCE(m->bits[i]));
	return w;
}

#define for_each_cpu(cpu, mask)						\
	for ((cpu) = 0; (cpu) < nr_cpu_ids; (cpu)++)			\
		if (!cpumask_test_cpu((cpu), (mask))) {} else

#define for_each_possible_cpu(cpu)	for ((cpu) = 0; (cpu) < nr_cpu_ids; (cpu)++)
#define for_each_online_cpu(cpu)	for_each_cpu((cpu), cpu_online_mask)

/* a mask with only @cpu set (a constant table, as in Linux) */
extern const struct cpumask __cpu_bit_masks[NR_CPUS];
#define cpumask_of(cpu)		(&__cpu_bit_masks[(cpu)])

#define cpu_online(cpu)		cpumask_test_cpu((cpu), cpu_online_mask)
#define num_online_cpus()	cpumask_weight(cpu_online_mask)
#define num_possible_cpus()	nr_cpu_ids

void set_cpu_online(unsigned int cpu, bool online);

#endif /* _LINUX_CPUMASK_H */
