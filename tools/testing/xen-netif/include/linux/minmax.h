/* SPDX-License-Identifier: GPL-2.0-only */
/* User-space stand-in for <linux/minmax.h>: min() of two like values. */
#ifndef _XNIF_SHIM_LINUX_MINMAX_H
#define _XNIF_SHIM_LINUX_MINMAX_H

#define min(a, b)							\
	({								\
		__typeof__(a) _min_a = (a);				\
		__typeof__(b) _min_b = (b);				\
									\
		(void)(&_min_a == &_min_b);				\
		_min_a < _min_b ? _min_a : _min_b;			\
	})

#endif
