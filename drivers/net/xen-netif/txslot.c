// SPDX-License-Identifier: GPL-2.0-only
/*
 * Frontend guest TX: which bytes each request carries.
 *
 * A packet is a list of pieces (the skb's linear area, then its frags),
 * each a run of bytes in physically contiguous pages.  A request grants
 * the backend one 4 KiB page, so xnif_tx_slot_plan() cuts every piece at
 * each 4 KiB frame it crosses, one slot per frame touched.  The first
 * bytes of the first slot may also travel through the id's staging
 * buffer; when all of them do, that slot needs no grant.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/types.h>

#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>

/* Check the arguments and count the slots; 0 if they are fine. */
static int ts_count(const struct xnif_frag *pieces, unsigned int nr,
		    u32 stg_len, u64 *slots, u32 *total)
{
	u64 bytes = 0;
	unsigned int i;

	if (nr > XNIF_TX_SLOT_MAX_PIECES || (nr && !pieces) ||
	    stg_len > XNIF_PAGE_SIZE)
		return -EINVAL;
	*slots = 0;
	for (i = 0; i < nr; i++) {
		if ((u64)pieces[i].offset + pieces[i].len > 0xFFFFFFFFULL)
			return -EINVAL;
		bytes += pieces[i].len;
		*slots += xnif_buf_slots(pieces[i].offset, pieces[i].len);
	}
	if (bytes > 0xFFFFFFFFULL)
		return -EINVAL;
	*total = bytes;
	return 0;
}

/* Bytes of the first slot: the first non-empty piece up to its frame's end. */
static u32 ts_first_len(const struct xnif_frag *pieces, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (pieces[i].len)
			return min(pieces[i].len, XNIF_PAGE_SIZE -
				   pieces[i].offset % XNIF_PAGE_SIZE);
	return 0;
}

/**
 * xnif_tx_slot_plan() - cut a guest TX packet into request slots
 * @pieces: the packet's pieces in order; each offset counts from the start
 *          of the piece's first page and may exceed a page
 * @nr: entries of @pieces (0..XNIF_TX_SLOT_MAX_PIECES); empty ones are
 *      skipped
 * @stg_len: the staging buffer's length (0: not staged)
 * @slots: receives the slots in order, or NULL to count only
 * @cap: room in @slots (ignored when @slots is NULL)
 * @plan: receives the counts (all zero on error)
 *
 * Every slot lies within one 4 KiB frame of one piece; together they
 * cover each byte of the pieces once, in order.  @plan->staged is
 * min(length of slot 0, @stg_len): those first bytes of slot 0 are copied
 * to the staging buffer as well, and if they are all of slot 0 it needs
 * no grant.  Staging changes no slot.
 *
 * Bound: the slots number exactly the sum of xnif_buf_slots() over
 * @pieces.  Proof: a slot ends only at the end of a piece or of a 4 KiB
 * frame, and always there, so each piece gives one slot per frame it
 * touches.  Nothing is written past @cap: with the count above @cap the
 * plan fails before writing any slot.
 *
 * Return: 0; -EINVAL for bad arguments; -EMSGSIZE if the packet needs
 * more than @cap slots (@plan is zeroed, @slots untouched).
 */
int xnif_tx_slot_plan(const struct xnif_frag *pieces, unsigned int nr,
		      u32 stg_len, struct xnif_tx_span *slots,
		      unsigned int cap, struct xnif_tx_slot_plan *plan)
{
	unsigned int i, n = 0;
	u32 total;
	u64 count;
	int err;

	memset(plan, 0, sizeof(*plan));
	err = ts_count(pieces, nr, stg_len, &count, &total);
	if (err)
		return err;
	if (slots && count > cap)
		return -EMSGSIZE;
	for (i = 0; slots && i < nr; i++) {
		u32 off = pieces[i].offset, end = off + pieces[i].len;

		while (off < end) {
			u32 len = min(end - off,
				      XNIF_PAGE_SIZE - off % XNIF_PAGE_SIZE);

			slots[n].offset = off;
			slots[n].piece = i;
			slots[n].len = len;
			n++;
			off += len;
		}
	}
	plan->nr_slots = count;
	plan->total = total;
	plan->staged = min(ts_first_len(pieces, nr), stg_len);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_tx_slot_plan, XNIF_NS);
