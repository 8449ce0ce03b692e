/* SPDX-License-Identifier: GPL-2.0-only */
/* User-space stand-in for <linux/compiler.h>: READ_ONCE, WRITE_ONCE. */
#ifndef _XNIF_SHIM_LINUX_COMPILER_H
#define _XNIF_SHIM_LINUX_COMPILER_H

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	(*(volatile __typeof__(x) *)&(x) = (val))

#endif
