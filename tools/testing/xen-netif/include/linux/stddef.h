/* SPDX-License-Identifier: GPL-2.0-only */
/* User-space stand-in for <linux/stddef.h>: offsetof, sizeof_field. */
#ifndef _XNIF_SHIM_LINUX_STDDEF_H
#define _XNIF_SHIM_LINUX_STDDEF_H

#include <stddef.h>

#define sizeof_field(type, member)	sizeof(((type *)0)->member)

#endif
