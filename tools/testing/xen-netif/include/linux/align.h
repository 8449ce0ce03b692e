/* SPDX-License-Identifier: GPL-2.0-only */
/* User-space stand-in for <linux/align.h>: ALIGN() to a power of two. */
#ifndef _XNIF_SHIM_LINUX_ALIGN_H
#define _XNIF_SHIM_LINUX_ALIGN_H

#define ALIGN(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))

#endif
