/* SPDX-License-Identifier: GPL-2.0-only */
/* User-space stand-in for <linux/bits.h>: BIT(). */
#ifndef _XNIF_SHIM_LINUX_BITS_H
#define _XNIF_SHIM_LINUX_BITS_H

#define BIT(nr)		(1UL << (nr))

#endif
