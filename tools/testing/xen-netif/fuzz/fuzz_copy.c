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

static unsigned int get(const unsigned char **d, size_t *left,
			unsigned int bytes)
{
	unsigned int v = 0, i;

	for (i = 0; i < bytes; i++) {
		if (*left) {
			v |= (unsigned int)**d << (8 * i);
			(*d)++;
			(*left)--;
		}
	}
	return v;
}

static void check_plan(unsigned int nr, const struct xnif_copy_dst *dst,
		       const struct xnif_copy_plan *plan)
{
	unsigned int i, piece = 0, slot = 0, pos = dst->headroom, copies = 0;
	u64 total = 0, moved = 0;
	u32 done = 0, staged = 0;

	for (i = 0; i < nr; i++)
		total += pieces[i].len;
	FUZZ_ASSERT(plan->total == total);
	for (i = 0; i < plan->nr_ops; i++) {
		const struct xnif_copy_op *op = &ops[i];

		while (piece < nr && done == pieces[piece].len) {
			piece++;
			done = 0;
		}
		if (pos == PG) {
			slot++;
			pos = dst->headroom;
		}
		FUZZ_ASSERT(piece < nr && op->piece == piece);
		FUZZ_ASSERT(op->src == pieces[piece].offset + done);
		FUZZ_ASSERT(op->slot == slot && op->dst == pos);
		FUZZ_ASSERT(op->len >= 1 && done + op->len <= pieces[piece].len);
		FUZZ_ASSERT(op->src / PG == (op->src + op->len - 1) / PG);
		FUZZ_ASSERT(op->dst + op->len <= PG);
		FUZZ_ASSERT(op->staged == (slot == 0 && pos < dst->stg_len));
		FUZZ_ASSERT(!op->staged || op->dst + op->len <= dst->stg_len);
		if (op->staged)
			staged += op->len;
		else
			copies++;
		done += op->len;
		pos += op->len;
		moved += op->len;
	}
	FUZZ_ASSERT(moved == total);
	FUZZ_ASSERT(plan->staged == staged && plan->nr_copies == copies);
	FUZZ_ASSERT(plan->nr_slots ==
		    (total + PG - dst->headroom - 1) / (PG - dst->headroom));
	FUZZ_ASSERT(plan->nr_slots <= dst->max_slots);
	FUZZ_ASSERT(plan->nr_ops <= XNIF_COPY_OPS_MAX(nr, plan->nr_slots));
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

	dst.headroom = get(&data, &size, 2) % (PG + 1);
	dst.stg_len = get(&data, &size, 2) % (PG + 2);
	dst.max_slots = get(&data, &size, 1) + 1;
	nr = get(&data, &size, 1) % (PIECES_MAX + 1);
	for (i = 0; i < nr; i++) {
		pieces[i].offset = get(&data, &size, 4);
		pieces[i].len = get(&data, &size, 2);
	}
	err = xnif_copy_plan(pieces, nr, &dst, ops, OPS_ROOM, &plan);
	if (err) {
		FUZZ_ASSERT(err == -EINVAL || err == -EMSGSIZE);
		FUZZ_ASSERT(plan.nr_ops == 0 && plan.nr_slots == 0);
		return 0;
	}
	check_plan(nr, &dst, &plan);
	check_count_and_cap(nr, &dst, &plan);
	return 0;
}
