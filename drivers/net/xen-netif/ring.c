// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shared-ring index arithmetic.
 *
 * Ring indexes are free-running u32 counters; only their differences mean
 * anything, and the u32 wrap-around makes those differences right.  The
 * peer writes its producer index into shared memory, so it is checked
 * against what the protocol allows before it is used.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/log2.h>
#include <linux/types.h>

#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>

/**
 * xnif_ring_size_valid - can the index helpers work with this ring size?
 * @size: slots in the ring
 *
 * Return: true for a power of two from 1 to XNIF_RING_MAX_ENTRIES.
 */
bool xnif_ring_size_valid(unsigned int size)
{
	return is_power_of_2(size) && size <= XNIF_RING_MAX_ENTRIES;
}

/**
 * xnif_ring_free_requests - slots a frontend may still fill
 * @req_prod_pvt: the frontend's private request producer
 * @rsp_cons: the frontend's response consumer
 * @size: slots in the ring
 *
 * Every request without a consumed response occupies a slot.
 *
 * Return: free slots; 0 if the counters are inconsistent.
 */
unsigned int xnif_ring_free_requests(u32 req_prod_pvt, u32 rsp_cons,
				     unsigned int size)
{
	u32 used = req_prod_pvt - rsp_cons;

	if (!xnif_ring_size_valid(size) || used > size)
		return 0;
	return size - used;
}
EXPORT_SYMBOL_NS_GPL(xnif_ring_free_requests, XNIF_NS);

/**
 * xnif_ring_unconsumed_requests - requests a backend may consume
 * @req_prod: the frontend's request producer, as read from the ring
 * @req_cons: the backend's request consumer
 * @rsp_prod_pvt: the backend's private response producer
 * @size: slots in the ring
 *
 * Requests consumed but not yet answered still hold their slots, so the
 * frontend can only be ahead of @req_cons by the slots that are left.
 * Anything beyond that is a buggy or hostile frontend.
 *
 * Return: the number of new requests, -EINVAL if the backend's own
 * counters or @size are inconsistent, -EPROTO if @req_prod is impossible.
 */
int xnif_ring_unconsumed_requests(u32 req_prod, u32 req_cons,
				  u32 rsp_prod_pvt, unsigned int size)
{
	u32 pending = req_cons - rsp_prod_pvt;
	u32 avail = req_prod - req_cons;

	if (!xnif_ring_size_valid(size) || pending > size)
		return -EINVAL;
	if (avail > size - pending)
		return -EPROTO;
	return avail;
}
EXPORT_SYMBOL_NS_GPL(xnif_ring_unconsumed_requests, XNIF_NS);

/**
 * xnif_ring_unconsumed_responses - responses a frontend may consume
 * @rsp_prod: the backend's response producer, as read from the ring
 * @rsp_cons: the frontend's response consumer
 * @req_prod_pvt: the frontend's private request producer
 * @size: slots in the ring
 *
 * A backend can answer only requests that were made: @rsp_prod may not
 * pass @req_prod_pvt, nor go back behind @rsp_cons.
 *
 * Return: the number of new responses, -EINVAL if the frontend's own
 * counters or @size are inconsistent, -EPROTO if @rsp_prod is impossible.
 */
int xnif_ring_unconsumed_responses(u32 rsp_prod, u32 rsp_cons,
				   u32 req_prod_pvt, unsigned int size)
{
	u32 outstanding = req_prod_pvt - rsp_cons;
	u32 avail = rsp_prod - rsp_cons;

	if (!xnif_ring_size_valid(size) || outstanding > size)
		return -EINVAL;
	if (avail > outstanding)
		return -EPROTO;
	return avail;
}
EXPORT_SYMBOL_NS_GPL(xnif_ring_unconsumed_responses, XNIF_NS);

/**
 * xnif_ring_event_check - did an event bring responses not seen before?
 * @rsp_prod: the backend's response producer, read after @rsp_cons
 * @rsp_cons: the frontend's response consumer
 * @req_prod_pvt: the frontend's private request producer, read after
 *                @rsp_prod
 * @size: slots in the ring
 * @seen: in/out: the producer the last credited event saw
 *
 * An event is work only if the producer moved past what an earlier event
 * already saw, within the requests made: a backend that signals again and
 * again over the same (or an unconsumed) response, or over a producer it
 * keeps rewriting, earns nothing but spurious events.  A @seen the
 * consumer has passed means the producer moved since (responses were
 * consumed without an event): work, once.  So each response can earn at
 * most one credited event, however it is consumed.  A producer that
 * falls behind @seen can only come from a backend that moved it back.
 *
 * Return: XNIF_EVT_NEW (and @seen = @rsp_prod), XNIF_EVT_NONE, or
 * XNIF_EVT_BAD for a producer beyond the requests or moved backwards.
 */
enum xnif_evt xnif_ring_event_check(u32 rsp_prod, u32 rsp_cons,
				    u32 req_prod_pvt, unsigned int size,
				    u32 *seen)
{
	u32 outstanding = req_prod_pvt - rsp_cons;
	u32 avail = rsp_prod - rsp_cons;
	u32 old = *seen - rsp_cons;

	/* Counters read while the consumer raced ahead: do not judge. */
	if (!xnif_ring_size_valid(size) || outstanding > size) {
		*seen = rsp_prod;
		return XNIF_EVT_NEW;
	}
	if (avail > outstanding)
		return XNIF_EVT_BAD;
	/* The consumer passed @seen: it took responses produced after the
	 * last credited event (NAPI before their event came, or the xmit
	 * path reaping TX), so the producer moved and this event is work.
	 */
	if ((s32)(*seen - rsp_cons) < 0) {
		*seen = rsp_prod;
		return XNIF_EVT_NEW;
	}
	/* @seen beyond our requests (stored from counters that raced):
	 * judged from the consumer
	 */
	if (old > outstanding)
		old = 0;
	if (avail < old)
		return XNIF_EVT_BAD;
	if (avail == old)
		return XNIF_EVT_NONE;
	*seen = rsp_prod;
	return XNIF_EVT_NEW;
}
EXPORT_SYMBOL_NS_GPL(xnif_ring_event_check, XNIF_NS);
