/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The invariants of the copy planners, checked by walking a plan against
 * its input: one checker per planner, shared by the unit tests and the
 * fuzz targets.  Each returns NULL if every invariant holds, else
 * "plan_check.h:LINE: condition" for the first that does not.
 *
 * Common to all: every byte of the source is taken once and in order, the
 * destinations follow each other without gaps, no operation (or slot)
 * crosses a 4 KiB frame of its source or its destination, each ends at
 * the first boundary it reaches (so the plan is the one the drivers made
 * before the planners existed), and the count stays within the bound the
 * planner's kernel-doc proves.
 */
#ifndef _XNIF_PLAN_CHECK_H
#define _XNIF_PLAN_CHECK_H

#include <stdio.h>

#include <linux/minmax.h>
#include <linux/types.h>

#include <xen-netif/xnif.h>

#define PC_PG		XNIF_PAGE_SIZE

static inline const char *pc_failed(int line, const char *cond)
{
	static char why[200];

	snprintf(why, sizeof(why), "plan_check.h:%d: %s", line, cond);
	return why;
}

#define PC_REQUIRE(cond)						\
	do {								\
		if (!(cond))						\
			return pc_failed(__LINE__, #cond);		\
	} while (0)

/* Do @len bytes at @off stay within one 4 KiB frame? */
static inline int pc_one_frame(u64 off, u32 len)
{
	return len >= 1 && off / PC_PG == (off + len - 1) / PC_PG;
}

static inline u64 pc_frames(const struct xnif_frag *p, unsigned int nr)
{
	u64 n = 0;
	unsigned int i;

	for (i = 0; i < nr; i++)
		n += xnif_buf_slots(p[i].offset, p[i].len);
	return n;
}

static inline u64 pc_bytes(const struct xnif_frag *p, unsigned int nr)
{
	u64 n = 0;
	unsigned int i;

	for (i = 0; i < nr; i++)
		n += p[i].len;
	return n;
}

/* Guest RX, xnif_copy_plan(): pieces into slots after the headroom. */
static inline const char *pc_copy(const struct xnif_frag *p, unsigned int nr,
				  const struct xnif_copy_dst *d,
				  const struct xnif_copy_op *ops,
				  const struct xnif_copy_plan *plan)
{
	unsigned int i, piece = 0, slot = 0, pos = d->headroom, copies = 0;
	u64 total = pc_bytes(p, nr), moved = 0;
	u32 done = 0, staged = 0;

	PC_REQUIRE(plan->total == total);
	for (i = 0; i < plan->nr_ops; i++) {
		const struct xnif_copy_op *op = &ops[i];

		while (piece < nr && done == p[piece].len) {
			piece++;
			done = 0;
		}
		if (pos == PC_PG) {
			slot++;
			pos = d->headroom;
		}
		PC_REQUIRE(piece < nr && op->piece == piece);
		PC_REQUIRE(op->src == p[piece].offset + done);
		PC_REQUIRE(op->slot == slot && op->dst == pos);
		PC_REQUIRE(op->len >= 1 && done + op->len <= p[piece].len);
		PC_REQUIRE(pc_one_frame(op->src, op->len));
		PC_REQUIRE(op->dst + op->len <= PC_PG);
		/* staged: the packet's first bytes, headroom not counted */
		PC_REQUIRE(op->staged ==
			   (slot == 0 && pos - d->headroom < d->stg_len));
		PC_REQUIRE(!op->staged ||
			   op->dst - d->headroom + op->len <= d->stg_len);
		if (op->staged)
			staged += op->len;
		else
			copies++;
		done += op->len;
		pos += op->len;
		moved += op->len;
	}
	while (piece < nr && done == p[piece].len) {
		piece++;
		done = 0;
	}
	PC_REQUIRE(piece == nr && moved == total);
	PC_REQUIRE(plan->staged == staged && plan->nr_copies == copies);
	PC_REQUIRE(staged == min(min(total, (u64)d->stg_len),
				 (u64)(PC_PG - d->headroom)));
	PC_REQUIRE(plan->nr_slots == (total ? slot + 1 : 0));
	PC_REQUIRE(plan->nr_slots ==
		   (total + PC_PG - d->headroom - 1) / (PC_PG - d->headroom));
	PC_REQUIRE(plan->nr_slots <= d->max_slots);
	PC_REQUIRE(plan->nr_ops <= XNIF_COPY_OPS_MAX(nr, plan->nr_slots));
	return NULL;
}

/* Where a walk of a TX copy plan is. */
struct pc_tx_pos {
	unsigned int slot, piece;
	u32 soff, doff;		/* bytes of the slot, of the piece done */
};

/* Skip the slots and pieces the walk has finished. */
static inline void pc_tx_skip(const struct xnif_frag *src, unsigned int nr_src,
			      const struct xnif_frag *dst, unsigned int nr_dst,
			      struct pc_tx_pos *w)
{
	while (w->slot < nr_src && w->soff == src[w->slot].len) {
		w->slot++;
		w->soff = 0;
	}
	while (w->piece < nr_dst && w->doff == dst[w->piece].len) {
		w->piece++;
		w->doff = 0;
	}
}

/* Guest TX, xnif_tx_copy_plan(): data slots (and staging) into pieces. */
static inline const char *pc_tx_copy(const struct xnif_frag *src,
				     unsigned int nr_src,
				     const struct xnif_frag *dst,
				     unsigned int nr_dst, u32 stg_len,
				     const struct xnif_tx_copy_op *ops,
				     const struct xnif_tx_copy_plan *plan)
{
	u64 total = pc_bytes(src, nr_src), moved = 0;
	unsigned int i, used = 0, copies = 0;
	u32 staged = 0, want_staged = 0;
	struct pc_tx_pos w = { };

	if (nr_src)
		want_staged = src[0].len < stg_len ? src[0].len : stg_len;
	for (i = 0; i < nr_src; i++)
		used += src[i].len != 0;
	PC_REQUIRE(plan->total == total && total == pc_bytes(dst, nr_dst));
	PC_REQUIRE(plan->staged == want_staged);
	for (i = 0; i < plan->nr_ops; i++) {
		const struct xnif_tx_copy_op *op = &ops[i];
		u64 d;

		pc_tx_skip(src, nr_src, dst, nr_dst, &w);
		PC_REQUIRE(w.slot < nr_src && w.piece < nr_dst);
		d = (u64)dst[w.piece].offset + w.doff;
		/* source: the next bytes of the slot, within its page */
		PC_REQUIRE(op->slot == w.slot && op->len >= 1);
		PC_REQUIRE(w.soff + op->len <= src[w.slot].len);
		PC_REQUIRE(op->staged == (w.slot == 0 && w.soff < want_staged));
		if (op->staged) {
			PC_REQUIRE(op->src == w.soff);
			PC_REQUIRE(op->src + op->len <= want_staged);
		} else {
			PC_REQUIRE(op->src == src[w.slot].offset + w.soff);
			PC_REQUIRE(op->src + op->len <= PC_PG);
		}
		/* destination: right after the last op's, in one frame */
		PC_REQUIRE(op->piece == w.piece && op->dst == d);
		PC_REQUIRE(w.doff + op->len <= dst[w.piece].len);
		PC_REQUIRE(pc_one_frame(op->dst, op->len));
		w.soff += op->len;
		w.doff += op->len;
		/* and it went as far as it could */
		PC_REQUIRE(w.soff == src[w.slot].len ||
			   w.doff == dst[w.piece].len ||
			   (op->dst + op->len) % PC_PG == 0 ||
			   (op->staged && w.soff == want_staged));
		if (op->staged)
			staged += op->len;
		else
			copies++;
		moved += op->len;
	}
	pc_tx_skip(src, nr_src, dst, nr_dst, &w);
	PC_REQUIRE(w.slot == nr_src && w.piece == nr_dst && moved == total);
	PC_REQUIRE(staged == want_staged && plan->nr_copies == copies);
	PC_REQUIRE(plan->nr_ops <=
		   XNIF_TX_COPY_OPS_MAX(used, pc_frames(dst, nr_dst)));
	return NULL;
}

/* Guest TX, xnif_tx_slot_plan(): pieces into one slot per frame. */
static inline const char *pc_tx_slots(const struct xnif_frag *p,
				      unsigned int nr, u32 stg_len,
				      const struct xnif_tx_span *slots,
				      const struct xnif_tx_slot_plan *plan)
{
	u64 total = pc_bytes(p, nr), moved = 0;
	unsigned int i, piece = 0;
	u32 done = 0;

	PC_REQUIRE(plan->total == total);
	PC_REQUIRE(plan->nr_slots == pc_frames(p, nr));
	for (i = 0; i < plan->nr_slots; i++) {
		const struct xnif_tx_span *s = &slots[i];

		while (piece < nr && done == p[piece].len) {
			piece++;
			done = 0;
		}
		PC_REQUIRE(piece < nr && s->piece == piece);
		PC_REQUIRE(s->offset == p[piece].offset + done);
		PC_REQUIRE(s->len >= 1 && done + s->len <= p[piece].len);
		PC_REQUIRE(pc_one_frame(s->offset, s->len));
		done += s->len;
		PC_REQUIRE(done == p[piece].len ||
			   (s->offset + s->len) % PC_PG == 0);
		moved += s->len;
	}
	while (piece < nr && done == p[piece].len) {
		piece++;
		done = 0;
	}
	PC_REQUIRE(piece == nr && moved == total);
	if (plan->nr_slots)
		PC_REQUIRE(plan->staged ==
			   (slots[0].len < stg_len ? slots[0].len : stg_len));
	else
		PC_REQUIRE(plan->staged == 0);
	return NULL;
}

#endif /* _XNIF_PLAN_CHECK_H */
