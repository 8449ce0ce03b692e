/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Range-checked module parameters of the Xen PV network drivers.
 *
 * xnif_param_uint(name, var, min, max, perm) declares parameter @name of
 * the unsigned int @var, like module_param_named(name, var, uint, perm),
 * except that a value that is not a decimal number in [@min, @max] is
 * refused with -EINVAL and one line naming the parameter and its range
 * ("xen_netback: fatal_skb_slots=32: must be 18..20"): at load time the
 * load fails, a write to /sys/module/<mod>/parameters/<name> fails and
 * leaves the value as it was.  So code reading @var (with READ_ONCE(),
 * as a write may come at any time) can count on the range.
 * xnif_param_int() is the same for an int.
 */
#ifndef _XEN_NETIF_PARAM_H
#define _XEN_NETIF_PARAM_H

#include <linux/moduleparam.h>
#include <linux/types.h>

struct xnif_param {
	void *val;		/* an unsigned int, or an int if is_signed */
	long long min;
	long long max;
	bool is_signed;
};

int xnif_param_set(const char *val, const struct kernel_param *kp);
int xnif_param_get(char *buf, const struct kernel_param *kp);

/* The parameter's name is only pasted and stringified (no side effects). */
#define __xnif_param(name, var, lo, hi, perm, type, sign, typename)	\
	static_assert(__same_type(var, type));				\
	static struct xnif_param __xnif_param_##name = {		\
		.val = &(var), .min = (lo), .max = (hi),		\
		.is_signed = (sign),					\
	};								\
	static const struct kernel_param_ops __xnif_param_ops_##name = {	\
		.set = xnif_param_set,					\
		.get = xnif_param_get,					\
	};								\
	module_param_cb(name, &__xnif_param_ops_##name,		\
			&__xnif_param_##name, perm);			\
	__MODULE_PARM_TYPE(name, typename)

#define xnif_param_uint(name, var, min, max, perm)			\
	__xnif_param(name, var, min, max, perm, unsigned int, false, "uint")
#define xnif_param_int(name, var, min, max, perm)			\
	__xnif_param(name, var, min, max, perm, int, true, "int")

#endif /* _XEN_NETIF_PARAM_H */
