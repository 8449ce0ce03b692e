/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for <linux/moduleparam.h>: the structures a
 * parameter's set and get operations see.  The declaring macros are the
 * drivers' business, not the shared code's: none here.
 */
#ifndef _XNIF_SHIM_LINUX_MODULEPARAM_H
#define _XNIF_SHIM_LINUX_MODULEPARAM_H

#include <linux/kernel.h>

struct module {
	char name[56];
};

struct kernel_param;

struct kernel_param_ops {
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);
};

struct kernel_param {
	const char *name;
	struct module *mod;
	const struct kernel_param_ops *ops;
	void *arg;
};

#endif
