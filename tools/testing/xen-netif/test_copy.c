// SPDX-License-Identifier: GPL-2.0-only
/* Tests for drivers/net/xen-netif/copy.c. */
#include <linux/errno.h>
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "plan_check.h"
#include "tests.h"

#define PG		4096U
#define OPS_MAX		512
/* The per-packet reservation the backend used to make for 17 frags. */
#define OLD_PKT_OPS	(2 * (17 + 2) + 18)

static struct xnif_copy_op ops[OPS_MAX + 1];

/* Plan into ops[], check it, and check that counting alone agrees. */
static int plan_ok(const struct xnif_frag *p, unsigned int nr,
		   const struct xnif_copy_dst *d, struct xnif_copy_plan *plan)
{
	struct xnif_copy_plan count;
	int err;

	err = xnif_copy_plan(p, nr, d, ops, OPS_MAX, plan);
	if (err)
		return err;
	XT_PLAN_OK(pc_copy(p, nr, d, ops, plan));
	XT_EQ(xnif_copy_plan(p, nr, d, NULL, 0, &count), 0);
	XT_EQ(count.nr_ops, plan->nr_ops);
	XT_EQ(count.nr_copies, plan->nr_copies);
	XT_EQ(count.nr_slots, plan->nr_slots);
	XT_EQ(count.staged, plan->staged);
	return 0;
}

static void cp_linear(void)
{
	const struct xnif_frag p[] = { { 64, 1514 } };
	const struct xnif_copy_dst d = { .max_slots = 18 };
	struct xnif_copy_plan plan;

	XT_EQ(plan_ok(p, 1, &d, &plan), 0);
	XT_EQ(plan.nr_ops, 1);
	XT_EQ(plan.nr_copies, 1);
	XT_EQ(plan.nr_slots, 1);
	XT_EQ(ops[0].src, 64);
	XT_EQ(ops[0].len, 1514);
}

/* A linear area over a frame boundary, and one over several frames. */
static void cp_source_frames(void)
{
	const struct xnif_frag p[] = { { 4000, 200 } };
	const struct xnif_frag big[] = { { 100, 3 * PG } };
	const struct xnif_copy_dst d = { .max_slots = 18 };
	struct xnif_copy_plan plan;

	XT_EQ(plan_ok(p, 1, &d, &plan), 0);
	XT_EQ(plan.nr_copies, 2);
	XT_EQ(ops[0].len, 96);
	XT_EQ(ops[1].src, PG);
	XT_EQ(ops[1].dst, 96);

	/* 4 frames, 3 slots: the cuts do not line up, 6 copies */
	XT_EQ(plan_ok(big, 1, &d, &plan), 0);
	XT_EQ(plan.nr_slots, 3);
	XT_EQ(plan.nr_copies, 6);
}

/* Frag offsets into compound pages count from the first page. */
static void cp_compound_frag(void)
{
	const struct xnif_frag p[] = { { 54, 66 }, { 3 * PG + 4000, 9000 } };
	const struct xnif_copy_dst d = { .max_slots = 18 };
	struct xnif_copy_plan plan;

	XT_EQ(plan_ok(p, 2, &d, &plan), 0);
	XT_EQ(ops[1].piece, 1);
	XT_EQ(ops[1].src, 3 * PG + 4000);
	XT_EQ(ops[1].len, 96);
	XT_EQ(ops[2].src, 4 * PG);
}

static void cp_headroom(void)
{
	const struct xnif_frag p[] = { { 0, 2 * PG } };
	const struct xnif_copy_dst d = { .headroom = 256, .max_slots = 18 };
	struct xnif_copy_plan plan;

	XT_EQ(plan_ok(p, 1, &d, &plan), 0);
	XT_EQ(plan.nr_slots, 3);
	XT_EQ(ops[0].dst, 256);
	XT_EQ(ops[0].len, PG - 256);
}

static void cp_staging(void)
{
	const struct xnif_frag p[] = { { 0, 1514 } }, small[] = { { 0, 64 } };
	struct xnif_copy_dst d = { .stg_len = 128, .max_slots = 18 };
	struct xnif_copy_plan plan;

	XT_EQ(plan_ok(p, 1, &d, &plan), 0);
	XT_EQ(plan.nr_ops, 2);
	XT_EQ(plan.nr_copies, 1);
	XT_EQ(plan.staged, 128);
	XT_CHECK(ops[0].staged && !ops[1].staged);

	/* all of a short packet is staged: no grant copy at all */
	d.stg_len = 2048;
	XT_EQ(plan_ok(p, 1, &d, &plan), 0);
	XT_EQ(plan.nr_copies, 0);
	XT_EQ(plan.staged, 1514);

	/* the headroom is not staged: the buffer holds the first data bytes,
	 * at buffer offset dst - headroom
	 */
	d.headroom = 256;
	d.stg_len = 256;
	XT_EQ(plan_ok(p, 1, &d, &plan), 0);
	XT_EQ(plan.staged, 256);
	XT_CHECK(ops[0].staged && ops[0].dst == 256 && ops[0].len == 256);
	XT_CHECK(!ops[1].staged && ops[1].dst == 512);
	d.stg_len = 300;
	XT_EQ(plan_ok(p, 1, &d, &plan), 0);
	XT_EQ(plan.staged, 300);
	/* a 64-byte frame under XDP headroom is staged whole */
	d.stg_len = 256;
	XT_EQ(plan_ok(small, 1, &d, &plan), 0);
	XT_EQ(plan.staged, 64);
	XT_EQ(plan.nr_copies, 0);
}

/*
 * 17 compound-page frags of 4098 bytes, each starting on the last byte of
 * a frame (3 frames each), and a short linear area: 67 grant copies, more
 * than the fixed reservation the backend made per packet.
 */
static void cp_worst_case(void)
{
	struct xnif_frag p[18];
	const struct xnif_copy_dst d = { .stg_len = 2048, .max_slots = 18 };
	struct xnif_copy_plan plan;
	unsigned int i;

	p[0].offset = 100;
	p[0].len = 62;
	for (i = 1; i < 18; i++) {
		p[i].offset = i * PG + PG - 1;
		p[i].len = 4098;
	}
	XT_EQ(plan_ok(p, 18, &d, &plan), 0);
	XT_EQ(plan.nr_slots, 18);
	XT_EQ(plan.nr_copies, 67);
	XT_CHECK(plan.nr_copies > OLD_PKT_OPS);
	XT_CHECK(plan.nr_ops <= XNIF_COPY_OPS_MAX(18, 18));
}

/* Short of room: -ENOSPC, and nothing written past @cap. */
static void cp_cap(void)
{
	const struct xnif_frag p[] = { { 4000, 5000 } };
	const struct xnif_copy_dst d = { .max_slots = 18 };
	struct xnif_copy_plan plan;

	/* 96 bytes, 4000 to the slot's end, 96 to the frame's, 808 */
	ops[3].len = 0xABCD;
	XT_EQ(xnif_copy_plan(p, 1, &d, ops, 3, &plan), -ENOSPC);
	XT_EQ(ops[3].len, 0xABCD);
	XT_EQ(plan.nr_ops, 0);
	XT_EQ(plan.nr_copies, 0);
	XT_EQ(xnif_copy_plan(p, 1, &d, ops, 4, &plan), 0);
	XT_EQ(plan.nr_ops, 4);
}

static void cp_bad_args(void)
{
	const struct xnif_frag p[] = { { 0, 18 * PG } };
	const struct xnif_frag one_more[] = { { 0, 18 * PG + 1 } };
	const struct xnif_frag wrap[] = { { 0xFFFFFF00, 0x200 } };
	struct xnif_copy_dst d = { .max_slots = 18 };
	struct xnif_copy_plan plan;

	XT_EQ(xnif_copy_plan(p, 1, &d, ops, OPS_MAX, &plan), 0);
	XT_EQ(plan.nr_slots, 18);
	XT_EQ(xnif_copy_plan(one_more, 1, &d, ops, OPS_MAX, &plan), -EMSGSIZE);
	d.headroom = 1;
	XT_EQ(xnif_copy_plan(p, 1, &d, ops, OPS_MAX, &plan), -EMSGSIZE);
	XT_EQ(plan.nr_ops, 0);
	d.headroom = PG;
	XT_EQ(xnif_copy_plan(p, 1, &d, ops, OPS_MAX, &plan), -EINVAL);
	d.headroom = 0;
	d.stg_len = PG + 1;
	XT_EQ(xnif_copy_plan(p, 1, &d, ops, OPS_MAX, &plan), -EINVAL);
	d.stg_len = 0;
	d.max_slots = 0;
	XT_EQ(xnif_copy_plan(p, 1, &d, ops, OPS_MAX, &plan), -EINVAL);
	d.max_slots = XNIF_COPY_MAX_SLOTS + 1;
	XT_EQ(xnif_copy_plan(p, 1, &d, ops, OPS_MAX, &plan), -EINVAL);
	d.max_slots = 18;
	XT_EQ(xnif_copy_plan(wrap, 1, &d, ops, OPS_MAX, &plan), -EINVAL);
	XT_EQ(xnif_copy_plan(NULL, 1, &d, ops, OPS_MAX, &plan), -EINVAL);
	XT_EQ(xnif_copy_plan(p, XNIF_COPY_MAX_PIECES + 1, &d, ops, OPS_MAX,
			     &plan), -EINVAL);
	XT_EQ(xnif_copy_plan(p, 1, NULL, ops, OPS_MAX, &plan), -EINVAL);
}

static void cp_empty(void)
{
	const struct xnif_frag p[] = { { 0, 0 }, { 5, 0 } };
	const struct xnif_copy_dst d = { .max_slots = 1 };
	struct xnif_copy_plan plan;

	XT_EQ(plan_ok(p, 2, &d, &plan), 0);
	XT_EQ(plan.nr_ops, 0);
	XT_EQ(plan.nr_slots, 0);
	XT_EQ(plan_ok(NULL, 0, &d, &plan), 0);
}

/* Every offset in a frame and many lengths: invariants and the bound. */
static void cp_sweep(void)
{
	static const u32 lens[] = { 1, 63, 4095, 4096, 4097, 8191, 8193 };
	struct xnif_copy_dst d = { .stg_len = 128, .max_slots = 18 };
	struct xnif_frag p[4];
	struct xnif_copy_plan plan;
	unsigned int off, i, h;

	for (h = 0; h <= 2048; h += 1024) {
		d.headroom = h;
		for (off = 0; off < PG; off += 7) {
			for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
				p[0].offset = off;
				p[0].len = lens[i];
				p[1].offset = PG - off % 64;
				p[1].len = lens[(i + 3) % 7];
				p[2].offset = off * 3;
				p[2].len = lens[(i + 5) % 7];
				p[3].offset = 0;
				p[3].len = off;
				XT_EQ(plan_ok(p, 4, &d, &plan), 0);
			}
		}
	}
}

const struct xt_test copy_tests[] = {
	XT_TEST(cp_linear),
	XT_TEST(cp_source_frames),
	XT_TEST(cp_compound_frag),
	XT_TEST(cp_headroom),
	XT_TEST(cp_staging),
	XT_TEST(cp_worst_case),
	XT_TEST(cp_cap),
	XT_TEST(cp_bad_args),
	XT_TEST(cp_empty),
	XT_TEST(cp_sweep),
	XT_END
};
