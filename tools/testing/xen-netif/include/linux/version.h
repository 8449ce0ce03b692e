/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for <linux/version.h>, for <xen-netif/compat.h>:
 * the harness acts as the newest kernel, so compat.h's newest branch is
 * the one it compiles.
 */
#ifndef _XNIF_SHIM_LINUX_VERSION_H
#define _XNIF_SHIM_LINUX_VERSION_H

#define KERNEL_VERSION(a, b, c)	(((a) << 16) + ((b) << 8) + \
				 ((c) > 255 ? 255 : (c)))
#define LINUX_VERSION_CODE	KERNEL_VERSION(255, 255, 255)

#endif
