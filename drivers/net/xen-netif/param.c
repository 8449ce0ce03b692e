// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netif: range-checked module parameters (include/xen-netif/param.h).
 * A value outside its range is refused with one line naming the
 * parameter and the range, never clamped: the load fails, or the write
 * to sysfs fails and the old value stays.
 */
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <asm/page.h>

#include <xen-netif/compat.h>
#include <xen-netif/param.h>

/* "mod: name=value: must be min..max"; built in, kp->name has "mod.". */
static int xnif_param_refuse(const struct kernel_param *kp, const char *val,
			     long long min, long long max)
{
	/* a write through sysfs ends with a newline */
	int len = strcspn(val, "\n");

	pr_err("%s%s%s=%.*s: must be %lld..%lld\n",
	       kp->mod ? kp->mod->name : "", kp->mod ? ": " : "", kp->name,
	       len, val, min, max);
	return -EINVAL;
}

/**
 * xnif_param_set_uint - set an unsigned int parameter if in its range
 * @val: the value given, at load time or written to sysfs
 * @kp: the parameter; @kp->arg is its struct xnif_param_uint
 *
 * Return: 0, or -EINVAL (logged) if @val is not a decimal (or 0x hex)
 * number in range; the parameter is left as it was.
 */
int xnif_param_set_uint(const char *val, const struct kernel_param *kp)
{
	const struct xnif_param_uint *p = kp->arg;
	unsigned int v;

	if (kstrtouint(val, 0, &v) || v < p->min || v > p->max)
		return xnif_param_refuse(kp, val, p->min, p->max);
	WRITE_ONCE(*p->val, v);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_param_set_uint, XNIF_NS);

/**
 * xnif_param_get_uint - show an unsigned int parameter
 * @buf: a page for the value and a newline
 * @kp: the parameter; @kp->arg is its struct xnif_param_uint
 *
 * Return: the length written.
 */
int xnif_param_get_uint(char *buf, const struct kernel_param *kp)
{
	const struct xnif_param_uint *p = kp->arg;

	return scnprintf(buf, PAGE_SIZE, "%u\n", READ_ONCE(*p->val));
}
EXPORT_SYMBOL_NS_GPL(xnif_param_get_uint, XNIF_NS);

/**
 * xnif_param_set_int - set an int parameter if in its range
 * @val: the value given, at load time or written to sysfs
 * @kp: the parameter; @kp->arg is its struct xnif_param_int
 *
 * Return: 0, or -EINVAL (logged) if @val is not a decimal (or 0x hex)
 * number in range; the parameter is left as it was.
 */
int xnif_param_set_int(const char *val, const struct kernel_param *kp)
{
	const struct xnif_param_int *p = kp->arg;
	int v;

	if (kstrtoint(val, 0, &v) || v < p->min || v > p->max)
		return xnif_param_refuse(kp, val, p->min, p->max);
	WRITE_ONCE(*p->val, v);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_param_set_int, XNIF_NS);

/**
 * xnif_param_get_int - show an int parameter
 * @buf: a page for the value and a newline
 * @kp: the parameter; @kp->arg is its struct xnif_param_int
 *
 * Return: the length written.
 */
int xnif_param_get_int(char *buf, const struct kernel_param *kp)
{
	const struct xnif_param_int *p = kp->arg;

	return scnprintf(buf, PAGE_SIZE, "%d\n", READ_ONCE(*p->val));
}
EXPORT_SYMBOL_NS_GPL(xnif_param_get_int, XNIF_NS);
