/* SPDX-License-Identifier: GPL-2.0-only */
/* User-space stand-in for <linux/math.h>: DIV_ROUND_UP(). */
#ifndef _XNIF_SHIM_LINUX_MATH_H
#define _XNIF_SHIM_LINUX_MATH_H

#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#endif
