// SPDX-License-Identifier: GPL-2.0-or-later
/* selftest-refcount-bad-sat: see selftest-refcount-bad.h; must end in a REFCOUNT report. */
#define BAD_SATURATED
#include "selftest-refcount-bad.h"
