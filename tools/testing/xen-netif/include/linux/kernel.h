/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for <linux/kernel.h>: only what the shared files
 * use (snprintf, hex_to_bin, ARRAY_SIZE, U16_MAX, and <linux/math.h> as
 * the kernel's includes).
 */
#ifndef _XNIF_SHIM_LINUX_KERNEL_H
#define _XNIF_SHIM_LINUX_KERNEL_H

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

#endif
