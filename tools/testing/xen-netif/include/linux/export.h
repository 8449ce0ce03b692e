/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for <linux/export.h>.  There is no module to export
 * from: an export only redeclares the symbol, so it still has to name a
 * function the file defines (or declares) above it.
 */
#ifndef _XNIF_SHIM_LINUX_EXPORT_H
#define _XNIF_SHIM_LINUX_EXPORT_H

#define EXPORT_SYMBOL_NS_GPL(sym, ns)	extern __typeof__(sym) sym

#endif
