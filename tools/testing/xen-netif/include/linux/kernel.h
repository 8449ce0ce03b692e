/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for <linux/kernel.h>: only what the shared files
 * use (snprintf).
 */
#ifndef _XNIF_SHIM_LINUX_KERNEL_H
#define _XNIF_SHIM_LINUX_KERNEL_H

#include <stdio.h>

#endif
