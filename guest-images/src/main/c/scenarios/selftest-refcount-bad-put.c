// SPDX-License-Identifier: GPL-2.0-or-later
/* selftest-refcount-bad-put: see selftest-refcount-bad.h; must end in a REFCOUNT report. */
#define BAD_UNDERFLOW
#include "selftest-refcount-bad.h"
