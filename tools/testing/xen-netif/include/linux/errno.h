/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for <linux/errno.h>.  The C library's <errno.h>
 * itself includes <linux/errno.h> (this file, through the shim path), so
 * take the codes straight from the uapi header, as the real one does.
 */
#ifndef _XNIF_SHIM_LINUX_ERRNO_H
#define _XNIF_SHIM_LINUX_ERRNO_H

#include <asm/errno.h>

#endif
