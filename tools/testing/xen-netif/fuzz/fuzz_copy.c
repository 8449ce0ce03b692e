// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: guest RX copy planning (the backend's batch sizing).
 *
 * Input: u16 headroom, u16 staging length, u8 most slots, u8 piece count,
 * then per piece u32 offset and u16 length (missing bytes are zero).  A
 * plan must move every byte exactly once and in order, no operation may
 * cross a 4 KiB source frame, a destination slot or the end of the
 * staging buffer, the count must stay within XNIF_COPY_OPS_MAX (and, for
 * the shapes the backend sends, within its batch of 256 grant copies),
 * counting alone must agree, and a plan short of room must fail without
 * writing past it.
 */
#include <errno.h>
#include <string.h>

#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "../plan_check.h"
#include "fuzz.h"

#define PG		4096U
#define PIECES_MAX	64
#define OPS_ROOM	(XNIF_COPY_OPS_MAX(PIECES_MAX, XNIF_COPY_MAX_SLOTS))
/* The backend: at most 1 + MAX_SKB_FRAGS (17, or 45 at most) pieces, 18
 * slots, into a batch of 256 grant copies.
 */
#define BE_PIECES	46
#define BE_SLOTS	18
#define BE_BATCH	256

static struct xnif_frag pieces[PIECES_MAX];
static struct xnif_copy_op ops[OPS_ROOM + 1];

/* The backend's batch holds the copies of any packet it may send. */
static void check_backend_batch(unsigned int nr,
				const struct xnif_copy_plan *plan)
{
	if (nr <= BE_PIECES && plan->nr_slots <= BE_SLOTS)
		FUZZ_ASSERT(plan->nr_copies <= BE_BATCH);
}

static void check_count_and_cap(unsigned int nr,
				const struct xnif_copy_dst *dst,
				const struct xnif_copy_plan *plan)
{
	struct xnif_copy_plan count;

	FUZZ_ASSERT(xnif_copy_plan(pieces, nr, dst, NULL, 0, &count) == 0);
	FUZZ_ASSERT(count.nr_ops == plan->nr_ops &&
		    count.nr_copies == plan->nr_copies &&
		    count.nr_slots == plan->nr_slots &&
		    count.staged == plan->staged);
	if (!plan->nr_ops)
		return;
	ops[plan->nr_ops - 1].len = 0xBEEF;
	FUZZ_ASSERT(xnif_copy_plan(pieces, nr, dst, ops, plan->nr_ops - 1,
				   &count) == -ENOSPC);
	FUZZ_ASSERT(ops[plan->nr_ops - 1].len == 0xBEEF);
	FUZZ_ASSERT(count.nr_ops == 0 && count.nr_copies == 0);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct xnif_copy_dst dst;
	struct xnif_copy_plan plan;
	unsigned int nr, i;
	int err;

	dst.headroom = fuzz_get(&data, &size, 2) % (PG + 1);
	dst.stg_len = fuzz_get(&data, &size, 2) % (PG + 2);
	dst.max_slots = fuzz_get(&data, &size, 1) + 1;
	nr = fuzz_get(&data, &size, 1) % (PIECES_MAX + 1);
	for (i = 0; i < nr; i++) {
		pieces[i].offset = fuzz_get(&data, &size, 4);
		pieces[i].len = fuzz_get(&data, &size, 2);
	}
	err = xnif_copy_plan(pieces, nr, &dst, ops, OPS_ROOM, &plan);
	if (err) {
		FUZZ_ASSERT(err == -EINVAL || err == -EMSGSIZE);
		FUZZ_ASSERT(plan.nr_ops == 0 && plan.nr_slots == 0);
		return 0;
	}
	FUZZ_PLAN_OK(pc_copy(pieces, nr, &dst, ops, &plan));
	check_backend_batch(nr, &plan);
	check_count_and_cap(nr, &dst, &plan);
	return 0;
}
