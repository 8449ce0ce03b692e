// SPDX-License-Identifier: GPL-2.0-only
/*
 * Extra-info chains.  After a packet's first slot, each extra-info slot
 * announces the next one with XNIF_EXTRA_FLAG_MORE.  The walk is the same
 * on both rings; only the slot size and the allowed types differ.
 */
#include <linux/types.h>

#include <xen-netif/xnif.h>
#include "xnif_priv.h"

static const struct xnif_extra_info *extra_at(const void *ring, size_t stride,
					      unsigned int idx)
{
	return (const void *)((const u8 *)ring + (size_t)idx * stride);
}

/* Check one slot's type and store it; returns a drop-class result or OK. */
static enum xnif_extra_res extra_take(const struct xnif_extra_info *e,
				      u32 allowed, struct xnif_extras *ex)
{
	u32 bit = XNIF_EXTRA_BIT(e->type);

	if (e->flags & ~XNIF_EXTRA_FLAG_MORE)
		return XNIF_EXTRA_FLAGS;
	if (!(allowed & bit))
		return XNIF_EXTRA_DIR;
	if (ex->mask & bit)
		return XNIF_EXTRA_DUP;
	ex->mask |= bit;
	ex->info[e->type] = *e;
	return XNIF_EXTRA_OK;
}

/**
 * xnif_extras_collect - walk the extra-info slots of one packet
 * @ring: the copied slots
 * @stride: bytes from one slot to the next
 * @avail: number of slots in @ring
 * @allowed: XNIF_EXTRA_BIT() of each type valid on this ring
 * @w: @w->idx is the first extra-info slot on entry
 * @ex: receives the extras by type; @ex->count counts the slots
 *
 * After a drop-class result the walk still runs to the end of the chain,
 * so @w->idx is the first slot after it and @w->bad the slot of the first
 * problem.  After a fatal result both are the slot that stopped the walk.
 *
 * Return: the first drop-class problem found, a fatal one, or OK.
 */
enum xnif_extra_res xnif_extras_collect(const void *ring, size_t stride,
					unsigned int avail, u32 allowed,
					struct xnif_walk *w,
					struct xnif_extras *ex)
{
	enum xnif_extra_res res = XNIF_EXTRA_OK;
	const struct xnif_extra_info *e;
	unsigned int first_bad = 0;
	enum xnif_extra_res r;

	do {
		w->bad = w->idx;
		if (ex->count >= XNIF_EXTRA_TYPE_MAX - 1)
			return XNIF_EXTRA_COUNT;
		if (w->idx >= avail)
			return XNIF_EXTRA_INCOMPLETE;
		e = extra_at(ring, stride, w->idx);
		if (e->type == XNIF_EXTRA_TYPE_NONE ||
		    e->type >= XNIF_EXTRA_TYPE_MAX)
			return XNIF_EXTRA_TYPE;

		r = extra_take(e, allowed, ex);
		if (r != XNIF_EXTRA_OK && res == XNIF_EXTRA_OK) {
			res = r;
			first_bad = w->idx;
		}
		ex->count++;
		w->idx++;
	} while (e->flags & XNIF_EXTRA_FLAG_MORE);

	w->bad = first_bad;
	return res;
}

/* A GSO extra needs a segment size and a protocol we can segment. */
bool xnif_extra_gso_valid(const struct xnif_extra_info *e)
{
	if (!e->u.gso.size)
		return false;
	return e->u.gso.type == XNIF_GSO_TYPE_TCPV4 ||
	       e->u.gso.type == XNIF_GSO_TYPE_TCPV6;
}

/* A hash extra names one of the defined hash types and algorithms. */
bool xnif_extra_hash_valid(const struct xnif_extra_info *e)
{
	return e->u.hash.type <= XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT &&
	       e->u.hash.algorithm <= XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ;
}
