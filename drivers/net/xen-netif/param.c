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

/**
 * xnif_param_set - set a parameter if the value is in its range
 * @val: the value given, at load time or written to sysfs
 * @kp: the parameter; @kp->arg is its struct xnif_param
 *
 * Logs "mod: name=value: must be min..max" (built in, @kp->name is
 * "mod.name" and there is no module) for a value that is not a decimal
 * (or 0x hex) number in range.
 *
 * Return: 0, or -EINVAL with the parameter left as it was.
 */
int xnif_param_set(const char *val, const struct kernel_param *kp)
{
	const struct xnif_param *p = kp->arg;
	long long v;

	if (kstrtoll(val, 0, &v) || v < p->min || v > p->max) {
		/* a write through sysfs ends with a newline */
		pr_err("%s%s%s=%.*s: must be %lld..%lld\n",
		       kp->mod ? kp->mod->name : "", kp->mod ? ": " : "",
		       kp->name, (int)strcspn(val, "\n"), val, p->min, p->max);
		return -EINVAL;
	}
	if (p->is_signed)
		WRITE_ONCE(*(int *)p->val, v);
	else
		WRITE_ONCE(*(unsigned int *)p->val, v);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_param_set, XNIF_NS);

/**
 * xnif_param_get - show a parameter
 * @buf: a page for the value and a newline
 * @kp: the parameter; @kp->arg is its struct xnif_param
 *
 * Return: the length written.
 */
int xnif_param_get(char *buf, const struct kernel_param *kp)
{
	const struct xnif_param *p = kp->arg;

	if (p->is_signed)
		return scnprintf(buf, PAGE_SIZE, "%d\n",
				 READ_ONCE(*(int *)p->val));
	return scnprintf(buf, PAGE_SIZE, "%u\n",
			 READ_ONCE(*(unsigned int *)p->val));
}
EXPORT_SYMBOL_NS_GPL(xnif_param_get, XNIF_NS);
