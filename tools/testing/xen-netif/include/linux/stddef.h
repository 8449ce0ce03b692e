/* SPDX-License-Identifier: GPL-2.0-only */
/* User-space stand-in for <linux/stddef.h>: offsetof. */
#ifndef _XNIF_SHIM_LINUX_STDDEF_H
#define _XNIF_SHIM_LINUX_STDDEF_H

#include <stddef.h>

#endif
