// SPDX-License-Identifier: GPL-2.0-only
/*
 * Backend guest TX: where each byte of a packet comes from and goes.
 *
 * The guest sends a packet as data slots, each a run of bytes inside one
 * granted 4 KiB page; the first bytes of the first slot may instead sit
 * in the id's staging buffer.  The backend copies them into a fresh skb:
 * its linear area, then its frag pages ("pieces").  xnif_tx_copy_plan()
 * cuts the byte stream into operations the backend can issue as they are:
 * none spans two source slots, none crosses a 4 KiB frame of its
 * destination piece, and none straddles the end of the staged bytes.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/types.h>

#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>

/* Arguments the planner cannot work with; 0 if they are fine. */
static int tc_check_args(const struct xnif_frag *src, unsigned int nr_src,
			 const struct xnif_frag *dst, unsigned int nr_dst,
			 u32 stg_len, u32 *total)
{
	u64 in = 0, out = 0;
	unsigned int i;

	if (nr_src > XNIF_TX_COPY_MAX_SLOTS ||
	    nr_dst > XNIF_TX_COPY_MAX_PIECES || (nr_src && !src) ||
	    (nr_dst && !dst) || stg_len > XNIF_PAGE_SIZE)
		return -EINVAL;
	for (i = 0; i < nr_src; i++) {
		if ((u64)src[i].offset + src[i].len > XNIF_PAGE_SIZE)
			return -EINVAL;
		in += src[i].len;
	}
	for (i = 0; i < nr_dst; i++) {
		if ((u64)dst[i].offset + dst[i].len > 0xFFFFFFFFULL)
			return -EINVAL;
		out += dst[i].len;
	}
	if (in != out || in > 0xFFFFFFFFULL)
		return -EINVAL;
	*total = in;
	return 0;
}

/* Where the planner is: source slot and destination piece. */
struct tc_pos {
	unsigned int slot;
	u32 soff;		/* bytes of the slot done */
	unsigned int piece;
	u32 doff;		/* bytes of the piece done */
};

/* The next operation from @p: up to the first boundary it would cross. */
static void tc_step(const struct xnif_frag *src, const struct xnif_frag *dst,
		    const struct tc_pos *p, u32 staged,
		    struct xnif_tx_copy_op *op)
{
	u32 d = dst[p->piece].offset + p->doff;
	u32 n = src[p->slot].len - p->soff;

	op->staged = p->slot == 0 && p->soff < staged;
	if (op->staged)
		n = min(n, staged - p->soff);
	n = min(n, dst[p->piece].len - p->doff);
	n = min(n, XNIF_PAGE_SIZE - d % XNIF_PAGE_SIZE);
	op->dst = d;
	op->piece = p->piece;
	op->slot = p->slot;
	op->src = op->staged ? p->soff : src[p->slot].offset + p->soff;
	op->len = n;
}

/**
 * xnif_tx_copy_plan() - cut a guest TX packet into copy operations
 * @src: the packet's data slots in order, each within one 4 KiB page:
 *       offset in the granted page and bytes of data
 * @nr_src: entries of @src (0..XNIF_TX_COPY_MAX_SLOTS); empty ones are
 *          skipped
 * @dst: the skb's pieces in order; each offset counts from the start of
 *       the piece's first page and may exceed a page
 * @nr_dst: entries of @dst (0..XNIF_TX_COPY_MAX_PIECES); together they
 *          hold exactly as many bytes as @src
 * @stg_len: the staging buffer's length (0: not staged); the first
 *           min(@src[0].len, @stg_len) bytes come from it
 * @ops: receives the operations in order, or NULL to count only
 * @cap: room in @ops (ignored when @ops is NULL)
 * @plan: receives the counts (all zero on error)
 *
 * Every operation reads one slot (or the staging buffer) and writes
 * within one 4 KiB frame of one piece; the staged ones go by memcpy, the
 * others by grant copy.  The bytes are taken in order, each once.
 *
 * Bound: the operations number at most XNIF_TX_COPY_OPS_MAX(S, F), S the
 * non-empty slots and F the 4 KiB frames the pieces touch (the sum of
 * xnif_buf_slots() over @dst).  Proof: an operation ends only where the
 * byte stream reaches the end of a slot, of a destination frame, or of
 * the staged bytes, and never ends elsewhere, so the operations are the
 * stretches between consecutive cut points.  Slots put S - 1 cuts inside
 * the stream, frames F - 1, staging at most one (at min(@src[0].len,
 * @stg_len), which is a slot's end when all of slot 0 is staged): at most
 * S + F - 1 cuts, S + F stretches.  A backend taking at most
 * XNIF_NR_SLOTS_MIN slots into a linear area of at most 4 KiB (two frames
 * at most) and MAX_SKB_FRAGS single pages thus needs at most
 * XNIF_NR_SLOTS_MIN + MAX_SKB_FRAGS + 2 operations.
 *
 * Return: 0; -EINVAL for bad arguments (a slot running past its page,
 * slots and pieces of different lengths); -ENOSPC if the plan needs more
 * than @cap operations (@plan is zeroed; @ops holds the first @cap).
 */
int xnif_tx_copy_plan(const struct xnif_frag *src, unsigned int nr_src,
		      const struct xnif_frag *dst, unsigned int nr_dst,
		      u32 stg_len, struct xnif_tx_copy_op *ops,
		      unsigned int cap, struct xnif_tx_copy_plan *plan)
{
	struct tc_pos p = { };
	struct xnif_tx_copy_op op;
	u32 total, staged;
	int err;

	memset(plan, 0, sizeof(*plan));
	err = tc_check_args(src, nr_src, dst, nr_dst, stg_len, &total);
	if (err)
		return err;
	staged = nr_src ? min(src[0].len, stg_len) : 0;
	for (p.slot = 0; p.slot < nr_src; p.slot++) {
		for (p.soff = 0; p.soff < src[p.slot].len; p.soff += op.len) {
			/* the totals match: a piece is left for this byte */
			while (p.doff == dst[p.piece].len) {
				p.piece++;
				p.doff = 0;
			}
			tc_step(src, dst, &p, staged, &op);
			if (ops) {
				if (plan->nr_ops >= cap) {
					memset(plan, 0, sizeof(*plan));
					return -ENOSPC;
				}
				ops[plan->nr_ops] = op;
			}
			plan->nr_ops++;
			if (!op.staged)
				plan->nr_copies++;
			p.doff += op.len;
		}
	}
	plan->total = total;
	plan->staged = staged;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_tx_copy_plan, XNIF_NS);
