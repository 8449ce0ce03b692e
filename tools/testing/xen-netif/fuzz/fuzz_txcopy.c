// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: guest TX copy planning (the backend's TX batch).
 *
 * Input: u16 staging length, u8 flags, u8 slot count, u8 piece count,
 * then per slot u16 offset and u16 length, per piece u32 offset and u16
 * length (missing bytes are zero).  Unless flag 1 asks for them raw, slots
 * are folded into their page and the pieces share out the slots' bytes
 * (the last takes the rest), as the backend's are.  The plan must pass
 * pc_tx_copy() (plan_check.h): every byte once and in order, no operation
 * across a slot, a 4 KiB destination frame or the staged bytes, each as
 * long as it can be, within XNIF_TX_COPY_OPS_MAX, and so within the
 * backend's XNB_TX_PKT_OPS for its shapes; counting alone must agree, and
 * a plan short of room must fail without writing past it.
 */
#include <errno.h>
#include <string.h>

#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "../plan_check.h"
#include "fuzz.h"

#define PG		4096U
#define SLOTS_MAX	64
#define PIECES_MAX	64
#define OPS_ROOM	XNIF_TX_COPY_OPS_MAX(SLOTS_MAX, PIECES_MAX * 17)
/* The backend: 18 data slots, a linear area in two frames and 17 frags. */
#define BE_SLOTS	18
#define BE_FRAMES	(17 + 2)
#define BE_PKT_OPS	XNIF_TX_COPY_OPS_MAX(BE_SLOTS, BE_FRAMES)

static struct xnif_frag src[SLOTS_MAX], dst[PIECES_MAX];
static struct xnif_tx_copy_op ops[OPS_ROOM + 1];

/* Slots within their page; pieces holding exactly the slots' bytes. */
static void fold(unsigned int ns, unsigned int nd)
{
	u32 rest = 0;
	unsigned int i;

	for (i = 0; i < ns; i++) {
		src[i].offset %= PG;
		src[i].len %= PG - src[i].offset + 1;
		rest += src[i].len;
	}
	for (i = 0; i < nd; i++) {
		dst[i].offset &= 0xFFFFF;
		if (dst[i].len > rest || i == nd - 1)
			dst[i].len = rest;
		rest -= dst[i].len;
	}
}

static void check_count_and_cap(unsigned int ns, unsigned int nd, u32 stg,
				const struct xnif_tx_copy_plan *plan)
{
	struct xnif_tx_copy_plan count;

	FUZZ_ASSERT(xnif_tx_copy_plan(src, ns, dst, nd, stg, NULL, 0,
				      &count) == 0);
	FUZZ_ASSERT(count.nr_ops == plan->nr_ops &&
		    count.nr_copies == plan->nr_copies &&
		    count.total == plan->total && count.staged == plan->staged);
	if (!plan->nr_ops)
		return;
	ops[plan->nr_ops - 1].len = 0xBEEF;
	FUZZ_ASSERT(xnif_tx_copy_plan(src, ns, dst, nd, stg, ops,
				      plan->nr_ops - 1, &count) == -ENOSPC);
	FUZZ_ASSERT(ops[plan->nr_ops - 1].len == 0xBEEF);
	FUZZ_ASSERT(count.nr_ops == 0 && count.nr_copies == 0);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct xnif_tx_copy_plan plan;
	unsigned int ns, nd, i, flags;
	int err;
	u32 stg;

	stg = fuzz_get(&data, &size, 2) % (PG + 2);
	flags = fuzz_get(&data, &size, 1);
	ns = fuzz_get(&data, &size, 1) % (SLOTS_MAX + 1);
	nd = fuzz_get(&data, &size, 1) % (PIECES_MAX + 1);
	for (i = 0; i < ns; i++) {
		src[i].offset = fuzz_get(&data, &size, 2);
		src[i].len = fuzz_get(&data, &size, 2);
	}
	for (i = 0; i < nd; i++) {
		dst[i].offset = fuzz_get(&data, &size, 4);
		dst[i].len = fuzz_get(&data, &size, 2);
	}
	if (!(flags & 1))
		fold(ns, nd);
	err = xnif_tx_copy_plan(src, ns, dst, nd, stg, ops, OPS_ROOM, &plan);
	if (err) {
		FUZZ_ASSERT(err == -EINVAL);
		FUZZ_ASSERT(plan.nr_ops == 0 && plan.total == 0);
		/* folded arguments are always fine, but for an empty last piece */
		FUZZ_ASSERT((flags & 1) || stg > PG || (!nd && ns));
		return 0;
	}
	FUZZ_PLAN_OK(pc_tx_copy(src, ns, dst, nd, stg, ops, &plan));
	if (ns <= BE_SLOTS && pc_frames(dst, nd) <= BE_FRAMES)
		FUZZ_ASSERT(plan.nr_ops <= BE_PKT_OPS);
	check_count_and_cap(ns, nd, stg, &plan);
	return 0;
}
