/* SPDX-License-Identifier: GPL-2.0-only */
/* User-space stand-in for <linux/build_bug.h>: C11 static_assert. */
#ifndef _XNIF_SHIM_LINUX_BUILD_BUG_H
#define _XNIF_SHIM_LINUX_BUILD_BUG_H

#include <assert.h>

#endif
