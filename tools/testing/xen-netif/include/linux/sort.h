/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for <linux/sort.h>: sort() through the C library's
 * qsort().  Only the default swap is supported (swap_func NULL).
 */
#ifndef _XNIF_SHIM_LINUX_SORT_H
#define _XNIF_SHIM_LINUX_SORT_H

#include <assert.h>
#include <stdlib.h>

typedef int (*cmp_func_t)(const void *a, const void *b);
typedef void (*swap_func_t)(void *a, void *b, int size);

static inline void sort(void *base, size_t num, size_t size,
			cmp_func_t cmp_func, swap_func_t swap_func)
{
	assert(!swap_func);
	qsort(base, num, size, cmp_func);
}

#endif
