/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for <linux/log2.h>: ilog2(), rounddown_pow_of_two()
 * and is_power_of_2(), with the kernel's results for n >= 1.  The macros
 * are constant expressions for a constant argument, as the kernel's are.
 */
#ifndef _XNIF_SHIM_LINUX_LOG2_H
#define _XNIF_SHIM_LINUX_LOG2_H

#include <stdbool.h>

#define ilog2(n)	((n) < 2 ? 0 : 63 - __builtin_clzll(n))
#define rounddown_pow_of_two(n)	(1UL << ilog2(n))

static inline bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

#endif
