// SPDX-License-Identifier: GPL-2.0-only
/* Tests for drivers/net/xen-netif/txslot.c. */
#include <linux/errno.h>
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "plan_check.h"
#include "tests.h"

#define PG		4096U
#define SLOTS_MAX	512
/* What the frontend reserves per packet (XNF_TX_MAX_SLOTS). */
#define FE_SLOTS	18

static struct xnif_tx_span slots[SLOTS_MAX + 1];

/* Plan into slots[], check it, and check that counting alone agrees. */
static int plan_ok(const struct xnif_frag *p, unsigned int nr, u32 stg,
		   unsigned int cap, struct xnif_tx_slot_plan *plan)
{
	struct xnif_tx_slot_plan count;
	int err;

	err = xnif_tx_slot_plan(p, nr, stg, slots, cap, plan);
	if (err)
		return err;
	XT_PLAN_OK(pc_tx_slots(p, nr, stg, slots, plan));
	XT_CHECK(plan->nr_slots <= cap);
	XT_EQ(xnif_tx_slot_plan(p, nr, stg, NULL, 0, &count), 0);
	XT_EQ(count.nr_slots, plan->nr_slots);
	XT_EQ(count.total, plan->total);
	XT_EQ(count.staged, plan->staged);
	return 0;
}

static void ts_linear(void)
{
	const struct xnif_frag p[] = { { 64, 1514 } };
	struct xnif_tx_slot_plan plan;

	XT_EQ(plan_ok(p, 1, 0, FE_SLOTS, &plan), 0);
	XT_EQ(plan.nr_slots, 1);
	XT_EQ(plan.staged, 0);
	XT_EQ(slots[0].offset, 64);
	XT_EQ(slots[0].len, 1514);
}

/* A linear area over a page end; a compound frag over four frames. */
static void ts_frames(void)
{
	const struct xnif_frag p[] = { { 4000, 200 },
				       { 3 * PG + 4000, 9000 } };
	struct xnif_tx_slot_plan plan;

	XT_EQ(plan_ok(p, 2, 0, FE_SLOTS, &plan), 0);
	XT_EQ(plan.nr_slots, 6);
	XT_EQ(slots[0].len, 96);
	XT_EQ(slots[1].offset, PG);
	XT_EQ(slots[1].len, 104);
	XT_EQ(slots[2].piece, 1);
	XT_EQ(slots[2].offset, 3 * PG + 4000);
	XT_EQ(slots[2].len, 96);
	XT_EQ(slots[3].offset, 4 * PG);
	XT_EQ(slots[3].len, PG);
	XT_EQ(slots[5].len, 9000 - 96 - 2 * PG);
}

/* Staging takes the first bytes of slot 0 and changes no slot. */
static void ts_staging(void)
{
	const struct xnif_frag p[] = { { 4000, 200 } };
	const struct xnif_frag q[] = { { 0, 0 }, { 100, 60 } };
	struct xnif_tx_slot_plan plan;

	XT_EQ(plan_ok(p, 1, 64, FE_SLOTS, &plan), 0);
	XT_EQ(plan.staged, 64);
	XT_EQ(plan.nr_slots, 2);
	/* slot 0 is 96 bytes: all of it staged, not the next slot's */
	XT_EQ(plan_ok(p, 1, 2048, FE_SLOTS, &plan), 0);
	XT_EQ(plan.staged, 96);
	XT_EQ(slots[1].len, 104);
	/* no linear data: slot 0 is the frag's */
	XT_EQ(plan_ok(q, 2, 256, FE_SLOTS, &plan), 0);
	XT_EQ(plan.staged, 60);
	XT_EQ(slots[0].piece, 1);
}

/*
 * 64 KiB in 17 full pages after a linear area over a page end: 19 slots,
 * one more than the frontend reserves.  Refused without a write; 18 fit.
 */
static void ts_cap(void)
{
	struct xnif_frag p[18];
	struct xnif_tx_slot_plan plan;
	unsigned int i;

	p[0].offset = PG - 10;
	p[0].len = 20;
	for (i = 1; i < 18; i++) {
		p[i].offset = 0;
		p[i].len = PG;
	}
	slots[0].len = 0xABC;
	XT_EQ(xnif_tx_slot_plan(p, 18, 0, slots, FE_SLOTS, &plan), -EMSGSIZE);
	XT_EQ(slots[0].len, 0xABC);
	XT_EQ(plan.nr_slots, 0);
	XT_EQ(plan_ok(p, 18, 0, FE_SLOTS + 1, &plan), 0);
	XT_EQ(plan.nr_slots, 19);
	p[0].offset = 0;
	XT_EQ(plan_ok(p, 18, 0, FE_SLOTS, &plan), 0);
	XT_EQ(plan.nr_slots, 18);
}

static void ts_bad_args(void)
{
	const struct xnif_frag p[] = { { 0, 100 } };
	const struct xnif_frag wrap[] = { { 0xFFFFFF00, 0x200 } };
	struct xnif_tx_slot_plan plan;

	XT_EQ(plan_ok(p, 1, PG, 1, &plan), 0);
	XT_EQ(xnif_tx_slot_plan(p, 1, PG + 1, slots, 1, &plan), -EINVAL);
	XT_EQ(xnif_tx_slot_plan(wrap, 1, 0, slots, 4, &plan), -EINVAL);
	XT_EQ(xnif_tx_slot_plan(NULL, 1, 0, slots, 4, &plan), -EINVAL);
	XT_EQ(xnif_tx_slot_plan(p, XNIF_TX_SLOT_MAX_PIECES + 1, 0, slots, 4,
				&plan), -EINVAL);
	XT_EQ(plan.nr_slots, 0);
}

static void ts_empty(void)
{
	const struct xnif_frag p[] = { { 0, 0 }, { 5, 0 } };
	struct xnif_tx_slot_plan plan;

	XT_EQ(plan_ok(p, 2, 256, 0, &plan), 0);
	XT_EQ(plan.nr_slots, 0);
	XT_EQ(plan.staged, 0);
	XT_EQ(plan_ok(NULL, 0, 0, 0, &plan), 0);
}

/* Every offset in a frame and many lengths: invariants and the count. */
static void ts_sweep(void)
{
	static const u32 lens[] = { 0, 1, 63, 4095, 4096, 4097, 8193 };
	struct xnif_frag p[3];
	struct xnif_tx_slot_plan plan;
	unsigned int off, i;

	for (off = 0; off < PG; off += 7) {
		for (i = 0; i < 7; i++) {
			p[0].offset = off;
			p[0].len = lens[i];
			p[1].offset = PG - off % 64;
			p[1].len = lens[(i + 3) % 7];
			p[2].offset = off * 3;
			p[2].len = lens[(i + 5) % 7];
			XT_EQ(plan_ok(p, 3, off % 300, SLOTS_MAX, &plan), 0);
		}
	}
}

const struct xt_test txslot_tests[] = {
	XT_TEST(ts_linear),
	XT_TEST(ts_frames),
	XT_TEST(ts_staging),
	XT_TEST(ts_cap),
	XT_TEST(ts_bad_args),
	XT_TEST(ts_empty),
	XT_TEST(ts_sweep),
	XT_END
};
