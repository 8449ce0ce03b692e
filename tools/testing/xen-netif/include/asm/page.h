/* SPDX-License-Identifier: GPL-2.0-only */
/* User-space stand-in for <asm/page.h>: the page size only. */
#ifndef _XNIF_SHIM_ASM_PAGE_H
#define _XNIF_SHIM_ASM_PAGE_H

#define PAGE_SIZE	4096UL

#endif
