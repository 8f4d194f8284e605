// SPDX-License-Identifier: GPL-2.0-or-later
/* selftest-refcount-bad-get: see selftest-refcount-bad.h; must end in a REFCOUNT report. */
#define BAD_INC_FROM_ZERO
#include "selftest-refcount-bad.h"
