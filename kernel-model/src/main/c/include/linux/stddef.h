/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H

#undef NULL
#define NULL ((void *)0)

#undef offsetof
#define offsetof(TYPE, MEMBER)	__builtin_offsetof(TYPE, MEMBER)

/* sizeof_field(TYPE, MEMBER): size of a struct member */
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))

#endif /* _LINUX_STDDEF_H */
