// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: guest TX slot planning (the frontend's requests).
 *
 * Input: u16 staging length, u8 room, u8 piece count, then per piece u32
 * offset and u16 length (missing bytes are zero).  A plan with room for
 * every slot must pass pc_tx_slots() (plan_check.h): every byte once and
 * in order, no slot across a 4 KiB frame, each as long as it can be, one
 * per frame touched; counting alone must agree; a plan with less room
 * (the frontend's 18 slots, or the input's) must succeed exactly when
 * the slots fit and otherwise fail without writing a slot.
 */
#include <errno.h>
#include <string.h>

#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "../plan_check.h"
#include "fuzz.h"

#define PG		4096U
#define PIECES_MAX	64
/* A piece of at most 64 KiB - 1 touches at most 17 frames. */
#define SLOTS_ROOM	(PIECES_MAX * 17)
/* The frontend's XNF_TX_MAX_SLOTS. */
#define FE_SLOTS	18

static struct xnif_frag pieces[PIECES_MAX];
static struct xnif_tx_span slots[SLOTS_ROOM + 1], few[SLOTS_ROOM + 1];

/* Does a piece run past the 32-bit offsets? */
static bool wraps(unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if ((u64)pieces[i].offset + pieces[i].len > 0xFFFFFFFFULL)
			return true;
	return false;
}

/* With @cap slots of room: the same plan if it fits, else nothing. */
static void check_room(unsigned int nr, u32 stg, unsigned int cap,
		       const struct xnif_tx_slot_plan *plan)
{
	struct xnif_tx_slot_plan p;
	int err;

	few[0].len = 0xBEEF;
	if (cap)
		few[cap - 1].len = 0xBEEF;
	err = xnif_tx_slot_plan(pieces, nr, stg, few, cap, &p);
	if (plan->nr_slots > cap) {
		FUZZ_ASSERT(err == -EMSGSIZE && p.nr_slots == 0);
		FUZZ_ASSERT(few[0].len == 0xBEEF);
		FUZZ_ASSERT(!cap || few[cap - 1].len == 0xBEEF);
		return;
	}
	FUZZ_ASSERT(err == 0 && p.nr_slots == plan->nr_slots &&
		    p.staged == plan->staged && p.total == plan->total);
	FUZZ_ASSERT(!memcmp(few, slots, p.nr_slots * sizeof(few[0])));
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct xnif_tx_slot_plan plan, count;
	unsigned int nr, i, cap;
	int err;
	u32 stg;

	stg = fuzz_get(&data, &size, 2) % (PG + 2);
	cap = fuzz_get(&data, &size, 1);
	nr = fuzz_get(&data, &size, 1) % (PIECES_MAX + 1);
	for (i = 0; i < nr; i++) {
		pieces[i].offset = fuzz_get(&data, &size, 4);
		pieces[i].len = fuzz_get(&data, &size, 2);
	}
	err = xnif_tx_slot_plan(pieces, nr, stg, slots, SLOTS_ROOM, &plan);
	if (err) {
		FUZZ_ASSERT(err == -EINVAL && plan.nr_slots == 0);
		FUZZ_ASSERT(stg > PG || wraps(nr));
		return 0;
	}
	FUZZ_PLAN_OK(pc_tx_slots(pieces, nr, stg, slots, &plan));
	FUZZ_ASSERT(xnif_tx_slot_plan(pieces, nr, stg, NULL, 0, &count) == 0);
	FUZZ_ASSERT(count.nr_slots == plan.nr_slots &&
		    count.staged == plan.staged && count.total == plan.total);
	check_room(nr, stg, FE_SLOTS, &plan);
	check_room(nr, stg, cap, &plan);
	return 0;
}
