/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for <linux/printk.h>: pr_err() keeps its last line
 * in xnif_shim_log for the tests to read.
 */
#ifndef _XNIF_SHIM_LINUX_PRINTK_H
#define _XNIF_SHIM_LINUX_PRINTK_H

#include <stdio.h>

__attribute__((weak)) char xnif_shim_log[256];

#define pr_err(...)	snprintf(xnif_shim_log, sizeof(xnif_shim_log), __VA_ARGS__)

#endif
