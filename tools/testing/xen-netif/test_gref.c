// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests for drivers/net/xen-netif/gref.c: the arguments of the gref
 * mapping requests, the checks of an ADD table, and the sorted table of
 * mapped grants the datapath looks requests up in.
 */
#include <linux/errno.h>
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "tests.h"

#define INVAL	XNIF_CTRL_STATUS_INVALID_PARAMETER
#define OK	XNIF_CTRL_STATUS_SUCCESS

static struct xnif_gref_slot slots[XNIF_GREF_QUEUE_MAX];
static u32 scratch[XNIF_GREFS_PER_PAGE];

static struct xnif_gref_table table(unsigned int max)
{
	struct xnif_gref_table t = { .slot = slots, .nr = 0, .max = max };

	memset(slots, 0xa5, sizeof(slots));
	return t;
}

static u32 req_check(u32 q, u32 gref, u32 nr, unsigned int nq)
{
	struct xnif_ctrl_request req = {
		.type = XNIF_CTRL_TYPE_ADD_GREF_MAPPING,
		.data = { q, gref, nr },
	};
	u32 oq, og, on;
	u32 st = xnif_gref_req_check(&req, nq, &oq, &og, &on);

	XT_EQ(oq, q);
	XT_EQ(og, gref);
	XT_EQ(on, nr);
	return st;
}

static void gref_req_args(void)
{
	XT_EQ(req_check(0, 5, 1, 1), OK);
	XT_EQ(req_check(3, 5, XNIF_GREFS_PER_PAGE, 4), OK);
	XT_EQ(req_check(1, 5, 1, 1), INVAL);		/* queue */
	XT_EQ(req_check(0xffffffff, 5, 1, 4), INVAL);
	XT_EQ(req_check(0, 5, 0, 1), INVAL);		/* no entries */
	XT_EQ(req_check(0, 5, XNIF_GREFS_PER_PAGE + 1, 1), INVAL);
	XT_EQ(req_check(0, 5, 0xffffffff, 1), INVAL);
}

static void gref_insert_find_remove(void)
{
	static const u32 refs[] = { 50, 10, 30, 70, 20, 60, 40 };
	struct xnif_gref_table t = table(8);
	unsigned int i;

	XT_EQ(xnif_gref_find(&t, 10), -ENOENT);
	for (i = 0; i < 7; i++)
		XT_EQ(xnif_gref_insert(&t, refs[i], 0, i), 0);
	XT_EQ(t.nr, 7);
	for (i = 1; i < t.nr; i++)
		XT_CHECK(t.slot[i - 1].ref < t.slot[i].ref);
	for (i = 0; i < 7; i++) {
		int pos = xnif_gref_find(&t, refs[i]);

		XT_CHECK(pos >= 0);
		XT_EQ(t.slot[pos].idx, i);
	}
	XT_EQ(xnif_gref_find(&t, 35), -ENOENT);
	XT_EQ(xnif_gref_find(&t, 0), -ENOENT);
	XT_EQ(xnif_gref_find(&t, 0xffffffff), -ENOENT);
	XT_EQ(xnif_gref_insert(&t, 30, 0, 9), -EEXIST);
	XT_EQ(xnif_gref_insert(&t, 80, 0, 7), 0);
	XT_EQ(xnif_gref_insert(&t, 90, 0, 8), -ENOSPC);	/* max 8 */
	xnif_gref_remove(&t, xnif_gref_find(&t, 10));
	xnif_gref_remove(&t, xnif_gref_find(&t, 80));
	xnif_gref_remove(&t, 99);			/* out of range */
	XT_EQ(t.nr, 6);
	XT_EQ(xnif_gref_find(&t, 10), -ENOENT);
	XT_EQ(xnif_gref_find(&t, 80), -ENOENT);
	XT_EQ(t.slot[xnif_gref_find(&t, 70)].idx, 3);
	XT_EQ(t.slot[0].ref, 20);
}

static void gref_add_check(void)
{
	struct xnif_gref e[6] = {
		{ 100, 0, 77 }, { 101, XNIF_CTRLF_GREF_READONLY, 77 },
		{ 102, 0, 77 },
	};
	struct xnif_gref_table t = table(16);

	XT_EQ(xnif_gref_add_check(&t, e, 3, 16, scratch), OK);
	XT_EQ(e[0].status, OK);
	XT_EQ(e[1].status, OK);
	XT_EQ(e[2].status, OK);

	/* grant 0, unknown flag, duplicate pair, already mapped */
	XT_EQ(xnif_gref_insert(&t, 500, 0, 0), 0);
	e[0] = (struct xnif_gref){ 0, 0, 0 };
	e[1] = (struct xnif_gref){ 7, 2, 0 };
	e[2] = (struct xnif_gref){ 8, 0, 0 };
	e[3] = (struct xnif_gref){ 9, 0, 0 };
	e[4] = (struct xnif_gref){ 8, 1, 0 };
	e[5] = (struct xnif_gref){ 500, 0, 0 };
	XT_EQ(xnif_gref_add_check(&t, e, 6, 16, scratch), INVAL);
	XT_EQ(e[0].status, INVAL);
	XT_EQ(e[1].status, INVAL);
	XT_EQ(e[2].status, INVAL);
	XT_EQ(e[3].status, OK);
	XT_EQ(e[4].status, INVAL);
	XT_EQ(e[5].status, INVAL);

	/* more than the room left: all refused */
	e[0] = (struct xnif_gref){ 1, 0, 0 };
	e[1] = (struct xnif_gref){ 2, 0, 0 };
	XT_EQ(xnif_gref_add_check(&t, e, 2, 1, scratch), INVAL);
	XT_EQ(e[0].status, INVAL);
	XT_EQ(e[1].status, INVAL);
	XT_EQ(xnif_gref_add_check(&t, e, 0, 16, scratch), INVAL);
	XT_EQ(xnif_gref_add_check(&t, e, 2, 2, scratch), OK);
}

static void gref_add_full_page(void)
{
	static struct xnif_gref e[XNIF_GREFS_PER_PAGE];
	struct xnif_gref_table t = table(XNIF_GREF_QUEUE_MAX);
	unsigned int i;

	for (i = 0; i < XNIF_GREFS_PER_PAGE; i++)
		e[i] = (struct xnif_gref){ XNIF_GREFS_PER_PAGE - i, 0, 9 };
	XT_EQ(xnif_gref_add_check(&t, e, XNIF_GREFS_PER_PAGE,
				  XNIF_GREF_QUEUE_MAX, scratch), OK);
	for (i = 0; i < XNIF_GREFS_PER_PAGE; i++)
		XT_EQ(xnif_gref_insert(&t, e[i].ref, 0, i), 0);
	for (i = 1; i <= XNIF_GREFS_PER_PAGE; i++)
		XT_EQ(t.slot[i - 1].ref, i);
	/* the last entry duplicating the first */
	e[XNIF_GREFS_PER_PAGE - 1].ref = 10000;
	e[0].ref = 10000;
	t.nr = 0;
	XT_EQ(xnif_gref_add_check(&t, e, XNIF_GREFS_PER_PAGE,
				  XNIF_GREF_QUEUE_MAX, scratch), INVAL);
	XT_EQ(e[0].status, INVAL);
	XT_EQ(e[1].status, OK);
	XT_EQ(e[XNIF_GREFS_PER_PAGE - 1].status, INVAL);
}

static void gref_lookup(void)
{
	struct xnif_gref_table t = table(4);
	const struct xnif_gref_slot *s;

	XT_EQ(xnif_gref_insert(&t, 11, 0, 2), 0);
	XT_EQ(xnif_gref_insert(&t, 12, XNIF_CTRLF_GREF_READONLY, 3), 0);
	s = xnif_gref_lookup(&t, 11, 0, XNIF_PAGE_SIZE, true);
	XT_CHECK(s && s->idx == 2);
	XT_CHECK(xnif_gref_lookup(&t, 11, 100, XNIF_PAGE_SIZE - 100, false));
	XT_CHECK(!xnif_gref_lookup(&t, 11, 100, XNIF_PAGE_SIZE - 99, false));
	XT_CHECK(!xnif_gref_lookup(&t, 11, XNIF_PAGE_SIZE + 1, 0, false));
	XT_CHECK(!xnif_gref_lookup(&t, 11, 0xffffffff, 2, false));
	XT_CHECK(xnif_gref_lookup(&t, 11, XNIF_PAGE_SIZE, 0, false));
	s = xnif_gref_lookup(&t, 12, 0, 64, false);	/* TX from read-only */
	XT_CHECK(s && s->idx == 3);
	XT_CHECK(!xnif_gref_lookup(&t, 12, 0, 64, true)); /* no RX into it */
	XT_CHECK(!xnif_gref_lookup(&t, 13, 0, 64, false));
}

const struct xt_test gref_tests[] = {
	XT_TEST(gref_req_args),
	XT_TEST(gref_insert_find_remove),
	XT_TEST(gref_add_check),
	XT_TEST(gref_add_full_page),
	XT_TEST(gref_lookup),
	XT_END
};
