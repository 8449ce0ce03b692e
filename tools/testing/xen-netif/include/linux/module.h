/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for <linux/module.h>: module information is checked
 * to be a string and otherwise dropped.
 */
#ifndef _XNIF_SHIM_LINUX_MODULE_H
#define _XNIF_SHIM_LINUX_MODULE_H

#include <linux/build_bug.h>
#include <linux/export.h>

#define MODULE_LICENSE(s)	static_assert(sizeof(s) > 1, "license")
#define MODULE_DESCRIPTION(s)	static_assert(sizeof(s) > 1, "description")
#define MODULE_VERSION(s)	static_assert(sizeof(s) > 1, "version")

#endif
