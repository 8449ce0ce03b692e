// SPDX-License-Identifier: GPL-2.0-only
/* Tests for drivers/net/xen-netif/txcopy.c. */
#include <linux/errno.h>
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "plan_check.h"
#include "tests.h"

#define PG		4096U
#define OPS_MAX		512
/* The backend's reservation per packet: 18 slots, 17 frags, 2 for the
 * linear area (XNB_TX_PKT_OPS).
 */
#define BE_PKT_OPS	XNIF_TX_COPY_OPS_MAX(18, 17 + 2)

static struct xnif_tx_copy_op ops[OPS_MAX + 1];

/* Plan into ops[], check it, and check that counting alone agrees. */
static int plan_ok(const struct xnif_frag *s, unsigned int ns,
		   const struct xnif_frag *d, unsigned int nd, u32 stg,
		   struct xnif_tx_copy_plan *plan)
{
	struct xnif_tx_copy_plan count;
	int err;

	err = xnif_tx_copy_plan(s, ns, d, nd, stg, ops, OPS_MAX, plan);
	if (err)
		return err;
	XT_PLAN_OK(pc_tx_copy(s, ns, d, nd, stg, ops, plan));
	XT_EQ(xnif_tx_copy_plan(s, ns, d, nd, stg, NULL, 0, &count), 0);
	XT_EQ(count.nr_ops, plan->nr_ops);
	XT_EQ(count.nr_copies, plan->nr_copies);
	XT_EQ(count.staged, plan->staged);
	XT_EQ(count.total, plan->total);
	return 0;
}

/* One slot into a linear area of 128 bytes and a frag page. */
static void tc_single(void)
{
	const struct xnif_frag s[] = { { 10, 1514 } };
	const struct xnif_frag d[] = { { 200, 128 }, { 0, 1386 } };
	struct xnif_tx_copy_plan plan;

	XT_EQ(plan_ok(s, 1, d, 2, 0, &plan), 0);
	XT_EQ(plan.nr_ops, 2);
	XT_EQ(plan.nr_copies, 2);
	XT_EQ(ops[0].src, 10);
	XT_EQ(ops[0].dst, 200);
	XT_EQ(ops[0].len, 128);
	XT_EQ(ops[1].src, 138);
	XT_EQ(ops[1].piece, 1);
	XT_EQ(ops[1].dst, 0);
	XT_EQ(ops[1].len, 1386);
}

/* The linear area over a page boundary: cut at the frame, as before. */
static void tc_linear_frames(void)
{
	const struct xnif_frag s[] = { { 0, 128 } };
	const struct xnif_frag d[] = { { PG - 28, 128 } };
	const struct xnif_frag c[] = { { 3 * PG - 28, 128 } };
	struct xnif_tx_copy_plan plan;

	XT_EQ(plan_ok(s, 1, d, 1, 0, &plan), 0);
	XT_EQ(plan.nr_ops, 2);
	XT_EQ(ops[0].len, 28);
	XT_EQ(ops[1].dst, PG);
	XT_EQ(ops[1].src, 28);
	/* offsets past the first page of a compound piece */
	XT_EQ(plan_ok(s, 1, c, 1, 0, &plan), 0);
	XT_EQ(ops[1].dst, 3 * PG);
}

/* Staged bytes come first, from the buffer; slot 0's copy starts after. */
static void tc_staging(void)
{
	const struct xnif_frag s[] = { { 100, 1000 }, { 0, 500 } };
	const struct xnif_frag d[] = { { 0, 128 }, { 0, 1372 } };
	struct xnif_tx_copy_plan plan;

	XT_EQ(plan_ok(s, 2, d, 2, 256, &plan), 0);
	XT_EQ(plan.staged, 256);
	XT_EQ(plan.nr_ops, 4);
	XT_EQ(plan.nr_copies, 2);
	XT_CHECK(ops[0].staged && ops[1].staged && !ops[2].staged);
	XT_EQ(ops[0].src, 0);
	XT_EQ(ops[0].len, 128);
	XT_EQ(ops[1].src, 128);
	XT_EQ(ops[1].len, 128);
	XT_EQ(ops[2].src, 100 + 256);
	XT_EQ(ops[2].dst, 128);
	XT_EQ(ops[3].slot, 1);

	/* all of slot 0 staged: its bytes go by memcpy only */
	XT_EQ(plan_ok(s, 2, d, 2, 2048, &plan), 0);
	XT_EQ(plan.staged, 1000);
	XT_EQ(plan.nr_copies, 1);
	XT_EQ(ops[plan.nr_ops - 1].slot, 1);
}

/*
 * Every cut apart: three slots, pieces over three frames, a staging cut:
 * the bound S + F of the kernel-doc is reached.
 */
static void tc_bound_tight(void)
{
	const struct xnif_frag s[] = { { 0, 100 }, { 0, 100 }, { 0, 100 } };
	const struct xnif_frag d[] = { { PG - 96, 150 }, { 0, 150 } };
	struct xnif_tx_copy_plan plan;

	XT_EQ(plan_ok(s, 3, d, 2, 50, &plan), 0);
	XT_EQ(plan.nr_ops, XNIF_TX_COPY_OPS_MAX(3, 3));
}

/* The backend's worst shapes stay within its reservation. */
static void tc_backend_worst(void)
{
	struct xnif_frag s[18], d[18];
	struct xnif_tx_copy_plan plan;
	unsigned int i, nd, stg;
	u32 total = 0, rest;

	/* 18 slots at odd offsets and lengths: few cuts line up */
	for (i = 0; i < 18; i++) {
		s[i].offset = i ? 1 : 0;
		s[i].len = i ? 3700 : 65535 - 17 * 3700;
		total += s[i].len;
	}
	/* like xnb_tx_alloc_skb(): 128 linear bytes over a page end, pages */
	d[0].offset = PG - 64;
	d[0].len = 128;
	for (nd = 1, rest = total - 128; rest; nd++) {
		d[nd].offset = 0;
		d[nd].len = rest < PG ? rest : PG;
		rest -= d[nd].len;
	}
	XT_CHECK(nd <= 18);
	for (stg = 0; stg <= 2048; stg += 1024) {
		XT_EQ(plan_ok(s, 18, d, nd, stg, &plan), 0);
		XT_EQ(plan.total, 65535);
		XT_CHECK(plan.nr_ops <= BE_PKT_OPS);
		XT_CHECK(plan.nr_ops > 18 + 16);
	}
}

/* Short of room: -ENOSPC, and nothing written past @cap. */
static void tc_cap(void)
{
	const struct xnif_frag s[] = { { 0, 3000 }, { 0, 3000 } };
	const struct xnif_frag d[] = { { 0, 128 }, { 0, 4096 }, { 0, 1776 } };
	struct xnif_tx_copy_plan plan;

	/* 128 | 2872 | 1224 + 1776 */
	ops[3].len = 0xABCD;
	XT_EQ(xnif_tx_copy_plan(s, 2, d, 3, 0, ops, 3, &plan), -ENOSPC);
	XT_EQ(ops[3].len, 0xABCD);
	XT_EQ(plan.nr_ops, 0);
	XT_EQ(xnif_tx_copy_plan(s, 2, d, 3, 0, ops, 4, &plan), 0);
	XT_EQ(plan.nr_ops, 4);
}

static void tc_bad_args(void)
{
	const struct xnif_frag s[] = { { 0, 100 } };
	const struct xnif_frag past[] = { { 4000, 97 } };
	const struct xnif_frag end[] = { { 4000, 96 } };
	const struct xnif_frag d[] = { { 0, 100 } };
	const struct xnif_frag d96[] = { { 0, 96 } };
	const struct xnif_frag d97[] = { { 0, 97 } };
	const struct xnif_frag d99[] = { { 0, 99 } };
	const struct xnif_frag wrap[] = { { 0xFFFFFFF0, 100 } };
	struct xnif_tx_copy_plan plan;

	XT_EQ(plan_ok(s, 1, d, 1, PG, &plan), 0);
	XT_EQ(xnif_tx_copy_plan(s, 1, d, 1, PG + 1, ops, OPS_MAX, &plan),
	      -EINVAL);
	/* a slot may end at its page's end, not one byte past it */
	XT_EQ(plan_ok(end, 1, d96, 1, 0, &plan), 0);
	XT_EQ(xnif_tx_copy_plan(past, 1, d97, 1, 0, ops, OPS_MAX, &plan),
	      -EINVAL);
	XT_EQ(xnif_tx_copy_plan(s, 1, d99, 1, 0, ops, OPS_MAX, &plan),
	      -EINVAL);
	XT_EQ(plan.nr_ops, 0);
	XT_EQ(xnif_tx_copy_plan(s, 1, wrap, 1, 0, ops, OPS_MAX, &plan),
	      -EINVAL);
	XT_EQ(xnif_tx_copy_plan(NULL, 1, d, 1, 0, ops, OPS_MAX, &plan),
	      -EINVAL);
	XT_EQ(xnif_tx_copy_plan(s, 1, NULL, 1, 0, ops, OPS_MAX, &plan),
	      -EINVAL);
	XT_EQ(xnif_tx_copy_plan(s, XNIF_TX_COPY_MAX_SLOTS + 1, d, 1, 0, ops,
				OPS_MAX, &plan), -EINVAL);
	XT_EQ(xnif_tx_copy_plan(s, 1, d, XNIF_TX_COPY_MAX_PIECES + 1, 0, ops,
				OPS_MAX, &plan), -EINVAL);
}

/* Empty slots and pieces are skipped; an empty packet has no ops. */
static void tc_empty(void)
{
	const struct xnif_frag s[] = { { 0, 0 }, { 5, 10 }, { 7, 0 } };
	const struct xnif_frag d[] = { { 0, 0 }, { 9, 10 } };
	struct xnif_tx_copy_plan plan;

	XT_EQ(plan_ok(s, 3, d, 2, 256, &plan), 0);
	XT_EQ(plan.nr_ops, 1);
	XT_EQ(plan.staged, 0);
	XT_EQ(ops[0].slot, 1);
	XT_EQ(ops[0].piece, 1);
	XT_EQ(plan_ok(NULL, 0, NULL, 0, 256, &plan), 0);
	XT_EQ(plan.nr_ops, 0);
}

/* Many slot offsets, lengths and staging lengths: invariants and bound. */
static void tc_sweep(void)
{
	static const u32 lens[] = { 1, 63, 128, 1000, 2048, 4095, 4096 };
	struct xnif_frag s[3], d[3];
	struct xnif_tx_copy_plan plan;
	unsigned int off, i, stg;
	u32 total;

	for (stg = 0; stg <= 4096; stg += 1024 + 1) {
		for (off = 0; off < PG; off += 13) {
			for (i = 0; i < 7; i++) {
				s[0].offset = off % (PG - lens[i] + 1);
				s[0].len = lens[i];
				s[1].offset = 0;
				s[1].len = lens[(i + 3) % 7];
				s[2].offset = PG - lens[(i + 5) % 7];
				s[2].len = lens[(i + 5) % 7];
				total = s[0].len + s[1].len + s[2].len;
				d[0].offset = off;
				d[0].len = total < 128 ? total : 128;
				d[1].offset = 0;
				d[1].len = (total - d[0].len) / 2;
				d[2].offset = off * 5;
				d[2].len = total - d[0].len - d[1].len;
				XT_EQ(plan_ok(s, 3, d, 3, stg, &plan), 0);
			}
		}
	}
}

const struct xt_test txcopy_tests[] = {
	XT_TEST(tc_single),
	XT_TEST(tc_linear_frames),
	XT_TEST(tc_staging),
	XT_TEST(tc_bound_tight),
	XT_TEST(tc_backend_worst),
	XT_TEST(tc_cap),
	XT_TEST(tc_bad_args),
	XT_TEST(tc_empty),
	XT_TEST(tc_sweep),
	XT_END
};
