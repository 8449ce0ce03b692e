/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for <linux/kernel.h>: only what the shared files
 * use (snprintf, scnprintf, hex_to_bin, ARRAY_SIZE, U16_MAX, and
 * <linux/math.h> as the kernel's includes).
 */
#ifndef _XNIF_SHIM_LINUX_KERNEL_H
#define _XNIF_SHIM_LINUX_KERNEL_H

#include <stdarg.h>
#include <stdio.h>

#include <linux/math.h>

/* From <linux/limits.h>, which the kernel's <linux/kernel.h> includes. */
#define U16_MAX		((u16)~0U)

/* Elements of an array (the kernel's also refuses a pointer). */
#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))

/* The value of hex digit @ch, or -1. */
static inline int hex_to_bin(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch |= 0x20;	/* lower case */
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* Like snprintf(), but returns what was written, not what was wanted. */
static inline __attribute__((format(printf, 3, 4)))
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	return (size_t)n < size ? n : (int)(size ? size - 1 : 0);
}

#endif
