// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lost-update-locked: lost-update with every increment under a spinlock
 * (the kernel's ticket lock: acquire on lock, release on unlock), so no
 * update can be lost: the CHECK never fails and every run ends done(0).
 */
#define LOCKED
#include "lost-update.c"
