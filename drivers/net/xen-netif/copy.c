// SPDX-License-Identifier: GPL-2.0-only
/*
 * Backend guest RX: where each byte of a packet goes.
 *
 * A packet is a list of pieces (the skb's linear area, then its frags),
 * each a run of bytes in physically contiguous pages.  It is packed into
 * the guest's RX slots, every slot filled to the end of its page after the
 * headroom.  xnif_copy_plan() cuts that stream into operations the backend
 * can issue as they are: none crosses a 4 KiB frame of its source (a grant
 * copy names one frame, and a staged memcpy maps one page), none crosses a
 * destination slot, and none straddles the end of the staging buffer.
 * Counting the operations before a packet is taken lets the caller size
 * its grant-copy batch exactly instead of trusting a fixed reservation.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>

/* Bytes of the next operation: up to the first boundary it would cross.
 * The staging buffer holds the packet's first bytes: slot 0's data, which
 * starts at @dst->headroom.
 */
static u32 cp_step(u32 left, u32 src, unsigned int pos, unsigned int slot,
		   const struct xnif_copy_dst *dst, bool *staged)
{
	unsigned int data = pos - dst->headroom;
	u32 n = left;

	if (n > XNIF_PAGE_SIZE - pos)
		n = XNIF_PAGE_SIZE - pos;
	if (n > XNIF_PAGE_SIZE - src % XNIF_PAGE_SIZE)
		n = XNIF_PAGE_SIZE - src % XNIF_PAGE_SIZE;
	*staged = slot == 0 && data < dst->stg_len;
	if (*staged && n > dst->stg_len - data)
		n = dst->stg_len - data;
	return n;
}

static void cp_emit(struct xnif_copy_op *op, unsigned int piece, u32 src,
		    unsigned int slot, unsigned int pos, u32 n, bool staged)
{
	op->src = src;
	op->piece = piece;
	op->slot = slot;
	op->dst = pos;
	op->len = n;
	op->staged = staged;
}

/* Arguments the planner cannot work with; 0 if they are fine. */
static int cp_check_args(const struct xnif_frag *pieces, unsigned int nr,
			 const struct xnif_copy_dst *dst, u64 *total)
{
	unsigned int i;

	if (!dst || dst->headroom >= XNIF_PAGE_SIZE ||
	    dst->stg_len > XNIF_PAGE_SIZE || dst->max_slots == 0 ||
	    dst->max_slots > XNIF_COPY_MAX_SLOTS ||
	    nr > XNIF_COPY_MAX_PIECES || (nr && !pieces))
		return -EINVAL;
	*total = 0;
	for (i = 0; i < nr; i++) {
		if ((u64)pieces[i].offset + pieces[i].len > 0xFFFFFFFFULL)
			return -EINVAL;
		*total += pieces[i].len;
	}
	if (*total > (u64)dst->max_slots * (XNIF_PAGE_SIZE - dst->headroom))
		return -EMSGSIZE;
	return 0;
}

/**
 * xnif_copy_plan() - cut a guest RX packet into copy operations
 * @pieces: the packet's pieces in order; each offset counts from the start
 *          of the piece's first page and may exceed a page
 * @nr: entries of @pieces (0..XNIF_COPY_MAX_PIECES); empty ones are skipped
 * @dst: the slots' headroom, staging length and most slots
 * @ops: receives the operations in order, or NULL to count only
 * @cap: room in @ops (ignored when @ops is NULL)
 * @plan: receives the counts (all zero on error)
 *
 * Every operation lies within one 4 KiB source frame and one destination
 * slot; the staged ones (the packet's first @dst->stg_len bytes, all in
 * slot 0) go by memcpy to the staging buffer at @op->dst - @dst->headroom,
 * the others by grant copy.  Their number never exceeds
 * XNIF_COPY_OPS_MAX(@nr, @plan->nr_slots).
 *
 * Return: 0; -EINVAL for bad arguments; -EMSGSIZE if the packet needs more
 * than @dst->max_slots slots; -ENOSPC if the plan needs more than @cap
 * operations (@plan is zeroed; @ops holds the first @cap).
 */
int xnif_copy_plan(const struct xnif_frag *pieces, unsigned int nr,
		   const struct xnif_copy_dst *dst, struct xnif_copy_op *ops,
		   unsigned int cap, struct xnif_copy_plan *plan)
{
	unsigned int i, slot = 0, pos;
	u64 total;
	int err;

	memset(plan, 0, sizeof(*plan));
	err = cp_check_args(pieces, nr, dst, &total);
	if (err)
		return err;
	pos = dst->headroom;
	for (i = 0; i < nr; i++) {
		u32 src = pieces[i].offset, left = pieces[i].len;

		while (left) {
			bool staged;
			u32 n;

			if (pos == XNIF_PAGE_SIZE) {
				slot++;
				pos = dst->headroom;
			}
			n = cp_step(left, src, pos, slot, dst, &staged);
			if (ops) {
				if (plan->nr_ops >= cap) {
					memset(plan, 0, sizeof(*plan));
					return -ENOSPC;
				}
				cp_emit(&ops[plan->nr_ops], i, src, slot, pos,
					n, staged);
			}
			plan->nr_ops++;
			if (staged)
				plan->staged += n;
			else
				plan->nr_copies++;
			pos += n;
			src += n;
			left -= n;
		}
	}
	plan->total = total;
	plan->nr_slots = total ? slot + 1 : 0;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_copy_plan, XNIF_NS);
