/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Compiler attributes and the access primitives every shared-memory access in
 * the model goes through: READ_ONCE / WRITE_ONCE (one volatile access of the
 * natural size, never torn, never merged or re-read by the compiler) and
 * barrier() (compiler-only fence). CPU ordering lives in <asm/barrier.h>.
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#ifndef __ASSEMBLER__

#define __always_inline		inline __attribute__((__always_inline__))
#define noinline		__attribute__((__noinline__))
#define __noreturn		__attribute__((__noreturn__))
#define __section(s)		__attribute__((__section__(s)))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __packed		__attribute__((__packed__))
#define __used			__attribute__((__used__))
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __cold			__attribute__((__cold__))
#define __weak			__attribute__((__weak__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __visible		__attribute__((__externally_visible__))

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#define barrier()		__asm__ __volatile__("" : : : "memory")
#define unreachable()		__builtin_unreachable()

#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)

#define __same_type(a, b)	__builtin_types_compatible_p(__typeof__(a), __typeof__(b))

/* Compile-time assertions. */
#define BUILD_BUG_ON_MSG(cond, msg)	_Static_assert(!(cond), msg)
#define BUILD_BUG_ON(cond)		BUILD_BUG_ON_MSG(cond, "BUILD_BUG_ON(" #cond ")")
#define __native_word(t) \
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) || \
	 sizeof(t) == sizeof(int) || sizeof(t) == sizeof(long))
#define compiletime_assert_rwonce_type(t) \
	BUILD_BUG_ON_MSG(!__native_word(t) && sizeof(t) != sizeof(long long), \
			 "Unsupported access size for {READ,WRITE}_ONCE().")

/*
 * The value type of an expression with qualifiers dropped, so a local copy
 * of READ_ONCE(x) is neither const nor volatile.
 */
#define __unqual_scalar_typeof(x) __typeof__(				\
	_Generic((x),							\
		 char: (char)0,						\
		 signed char: (signed char)0,				\
		 unsigned char: (unsigned char)0,			\
		 short: (short)0,					\
		 unsigned short: (unsigned short)0,			\
		 int: (int)0,						\
		 unsigned int: (unsigned int)0,				\
		 long: (long)0,						\
		 unsigned long: (unsigned long)0,			\
		 long long: (long long)0,				\
		 unsigned long long: (unsigned long long)0,		\
		 _Bool: (_Bool)0,					\
		 default: (x)))

#define __READ_ONCE(x)	(*(const volatile __unqual_scalar_typeof(x) *)&(x))

#define READ_ONCE(x)							\
({									\
	compiletime_assert_rwonce_type(x);				\
	__READ_ONCE(x);							\
})

#define __WRITE_ONCE(x, val)						\
do {									\
	*(volatile __typeof__(x) *)&(x) = (val);			\
} while (0)

#define WRITE_ONCE(x, val)						\
do {									\
	compiletime_assert_rwonce_type(x);				\
	__WRITE_ONCE(x, val);						\
} while (0)

/* An access that is racy by design (statistics, debug output). */
#define data_race(expr)		({ expr; })

/* Hide a value from the optimiser (breaks value tracking). */
#define OPTIMIZER_HIDE_VAR(var)	__asm__ ("" : "=r"(var) : "0"(var))

#endif /* __ASSEMBLER__ */
#endif /* _LINUX_COMPILER_H */
