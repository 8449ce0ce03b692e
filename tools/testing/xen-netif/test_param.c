// SPDX-License-Identifier: GPL-2.0-only
/* Tests for drivers/net/xen-netif/param.c (range-checked parameters). */
#include <stdio.h>

#include <asm/page.h>
#include <linux/errno.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

#include <xen-netif/param.h>

#include "tests.h"

static struct module mod = { .name = "xen_netback" };

static const struct kernel_param_ops ops = {
	.set = xnif_param_set, .get = xnif_param_get,
};

static unsigned int uval;
static struct xnif_param urange = { .val = &uval, .min = 18, .max = 20 };
static const struct kernel_param ukp = {
	.name = "fatal_skb_slots", .mod = &mod,
	.ops = &ops, .arg = &urange,
};

static int ival;
static struct xnif_param irange = {
	.val = &ival, .min = -1, .max = 5, .is_signed = true,
};
static const struct kernel_param ikp = {
	.name = "ring_page_order", .mod = &mod,
	.ops = &ops, .arg = &irange,
};

/* @val refused with -EINVAL, @kp's value kept, the line logged. */
static void refused(const struct kernel_param *kp, const char *val,
		    const char *line)
{
	xnif_shim_log[0] = '\0';
	XT_EQ(kp->ops->set(val, kp), -EINVAL);
	XT_STREQ(xnif_shim_log, line);
}

static void param_uint_in_range(void)
{
	char buf[PAGE_SIZE];

	uval = 20;
	XT_EQ(ukp.ops->set("18", &ukp), 0);
	XT_EQ(uval, 18);
	XT_EQ(ukp.ops->set("20\n", &ukp), 0);	/* echo 20 > .../parameters */
	XT_EQ(uval, 20);
	XT_EQ(ukp.ops->set("0x13", &ukp), 0);	/* as param_set_uint(): base 0 */
	XT_EQ(uval, 19);
	XT_EQ(ukp.ops->get(buf, &ukp), 3);
	XT_STREQ(buf, "19\n");
}

static void param_uint_refused(void)
{
	uval = 19;
	refused(&ukp, "17", "xen_netback: fatal_skb_slots=17: must be 18..20\n");
	refused(&ukp, "21\n", "xen_netback: fatal_skb_slots=21: must be 18..20\n");
	refused(&ukp, "-19", "xen_netback: fatal_skb_slots=-19: must be 18..20\n");
	refused(&ukp, "4294967314",
		"xen_netback: fatal_skb_slots=4294967314: must be 18..20\n");
	refused(&ukp, "", "xen_netback: fatal_skb_slots=: must be 18..20\n");
	refused(&ukp, "19x", "xen_netback: fatal_skb_slots=19x: must be 18..20\n");
	XT_EQ(uval, 19);
}

static void param_uint_full_range(void)
{
	char buf[PAGE_SIZE];
	struct xnif_param all = { .val = &uval, .min = 0, .max = ~0U };
	struct kernel_param kp = ukp;

	kp.arg = &all;
	XT_EQ(kp.ops->set("0", &kp), 0);
	XT_EQ(uval, 0);
	XT_EQ(kp.ops->set("4294967295", &kp), 0);
	XT_EQ(uval, ~0U);
	XT_EQ(kp.ops->get(buf, &kp), 11);
	XT_STREQ(buf, "4294967295\n");
	refused(&kp, "4294967296",
		"xen_netback: fatal_skb_slots=4294967296: must be 0..4294967295\n");
}

static void param_int(void)
{
	char buf[PAGE_SIZE];

	ival = 0;
	XT_EQ(ikp.ops->set("-1", &ikp), 0);
	XT_EQ(ival, -1);
	XT_EQ(ikp.ops->get(buf, &ikp), 3);
	XT_STREQ(buf, "-1\n");
	XT_EQ(ikp.ops->set("5\n", &ikp), 0);
	XT_EQ(ival, 5);
	refused(&ikp, "6", "xen_netback: ring_page_order=6: must be -1..5\n");
	refused(&ikp, "-2", "xen_netback: ring_page_order=-2: must be -1..5\n");
	refused(&ikp, "four", "xen_netback: ring_page_order=four: must be -1..5\n");
	XT_EQ(ival, 5);
}

/* Built in, the kernel names the parameter "module.name" and no module. */
static void param_built_in(void)
{
	struct kernel_param kp = ukp;

	kp.name = "xen_netback.fatal_skb_slots";
	kp.mod = NULL;
	refused(&kp, "9", "xen_netback.fatal_skb_slots=9: must be 18..20\n");
}

const struct xt_test param_tests[] = {
	XT_TEST(param_uint_in_range),
	XT_TEST(param_uint_refused),
	XT_TEST(param_uint_full_range),
	XT_TEST(param_int),
	XT_TEST(param_built_in),
	XT_END
};
