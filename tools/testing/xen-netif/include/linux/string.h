/* SPDX-License-Identifier: GPL-2.0-only */
/* User-space stand-in for <linux/string.h>. */
#ifndef _XNIF_SHIM_LINUX_STRING_H
#define _XNIF_SHIM_LINUX_STRING_H

#include <string.h>

#endif
