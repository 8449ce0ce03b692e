// SPDX-License-Identifier: GPL-2.0-only
/* xen-netfront: guest receive. Every RX slot holds one page from the
 * queue's page pool, granted writable to the backend, with request id ==
 * slot index. A response chain is copied out of the ring once, checked
 * with xnif_rx_validate() and only then turned into an skb.
 */
#include "netfront.h"

#include <linux/etherdevice.h>
#include <linux/skbuff.h>
#include <xen/events.h>
#include <xen/page.h>
#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>
#include XNIF_PAGE_POOL_H

/* Post a buffer in the next free slot; false if no page is available. */
static bool xnf_rx_post(struct xnf_queue *q)
{
	u32 slot = xnif_ring_slot(q->rx.req_prod_pvt, q->rx_size);
	struct xnf_rx_buf *buf = &q->rx_bufs[slot];
	struct xnif_rx_request *req;

	/* A slot whose page was not used (extra info, drop) keeps it.  A
	 * page new to the pool is zeroed before the backend sees it (the
	 * whole page is granted writable, hence readable: XSA-403).  One the
	 * pool recycles held packets of this queue, which the stack may have
	 * rewritten in place (ESP decrypts in the frags): for an untrusted
	 * backend it is zeroed too.
	 */
	if (!buf->page) {
		bool scrub = READ_ONCE(q->vif->bounce);

		buf->page = page_pool_alloc_pages(q->pool, GFP_ATOMIC |
						  __GFP_NOWARN |
						  (scrub ? 0 : __GFP_ZERO));
		if (!buf->page)
			return false;
		if (scrub)	/* fresh or recycled: zeroed once, here */
			clear_page(page_address(buf->page));
	}
	if (!buf->granted) {
		gnttab_grant_foreign_access_ref(buf->gref,
						q->vif->xdev->otherend_id,
						xen_page_to_gfn(buf->page), 0);
		buf->granted = true;
	}

	req = RING_GET_REQUEST(&q->rx, q->rx.req_prod_pvt);
	req->id = slot;
	req->pad = 0;
	req->gref = buf->gref;
	q->rx.req_prod_pvt++;
	return true;
}

/* Fill every free slot of the RX ring and tell the backend. */
void xnf_rx_refill(struct xnf_queue *q)
{
	unsigned int free;
	int notify;

	if (unlikely(READ_ONCE(q->vif->broken)))
		return;
	free = xnif_ring_free_requests(q->rx.req_prod_pvt, q->rx.rsp_cons,
				       q->rx_size);
	if (!free)
		return;
	while (free--) {
		if (!xnf_rx_post(q)) {
			/* Out of pages: try again shortly from NAPI. */
			mod_timer(&q->rx_refill_timer, jiffies + HZ / 10);
			break;
		}
	}
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&q->rx, notify);
	if (notify)
		xnf_notify(q->rx_irq, &q->rx_stats.syncp,
			   &q->rx_stats.notifies);
}

void xnf_rx_refill_timeout(struct timer_list *t)
{
	struct xnf_queue *q = from_timer(q, t, rx_refill_timer);

	napi_schedule(&q->napi);
}

/* Take a filled page out of its slot; NULL (device broken) if held. */
struct page *xnf_rx_take_page(struct xnf_queue *q, u32 idx)
{
	struct xnf_rx_buf *buf;
	struct page *page;

	buf = &q->rx_bufs[xnif_ring_slot(idx, q->rx_size)];
	if (unlikely(!buf->page)) {
		xnf_set_broken(q->vif, q, "RX response", "slot had no buffer");
		return NULL;
	}
	/* XDP_PASS put the page back with its grant already ended. */
	if (unlikely(buf->granted && !gnttab_end_foreign_access_ref(buf->gref))) {
		xnf_set_broken(q->vif, q, "RX response",
			       "backend still maps the granted page");
		return NULL;
	}
	buf->granted = false;
	page = buf->page;
	buf->page = NULL;
	return page;
}

/* Undo xnf_rx_take_page(): @page (its grant ended) goes back to the slot
 * of @idx, to be granted and posted again by xnf_rx_refill().
 */
void xnf_rx_put_page(struct xnf_queue *q, u32 idx, struct page *page)
{
	q->rx_bufs[xnif_ring_slot(idx, q->rx_size)].page = page;
}

/* A chain of more non-empty data slots than an skb has fragments (up to
 * XNF_RX_MAX_SLOTS, as the protocol allows): the first ones are copied
 * into the linear area.  Returns how many, and their bytes in @bytes.
 */
static unsigned int xnf_rx_nr_copied(const union xnif_rx_slot *slots,
				     const struct xnif_rx_pkt *pkt,
				     unsigned int *bytes)
{
	unsigned int i, first_data = 1 + pkt->extras.count;
	unsigned int used = 0, copy;

	*bytes = 0;
	for (i = 0; i < pkt->nr_slots; i++)
		if ((!i || i >= first_data) && slots[i].rsp.status > 0)
			used++;
	if (used <= MAX_SKB_FRAGS)
		return 0;
	copy = used - MAX_SKB_FRAGS;
	for (i = 0, used = 0; i < pkt->nr_slots && used < copy; i++) {
		if ((i && i < first_data) || slots[i].rsp.status <= 0)
			continue;
		*bytes += slots[i].rsp.status;
		used++;
	}
	return copy;
}

/* Attach the chain's data slots to @skb as page fragments, the first
 * @copy non-empty ones copied into its linear area instead (their pages
 * go back to the pool; the slots get fresh ones).
 */
static bool xnf_rx_add_frags(struct xnf_queue *q, struct sk_buff *skb,
			     const union xnif_rx_slot *slots,
			     const struct xnif_rx_pkt *pkt, unsigned int copy)
{
	const struct xnif_rx_response *rsp;
	unsigned int i, first_data;
	struct page *page;

	first_data = 1 + pkt->extras.count;
	for (i = 0; i < pkt->nr_slots; i++) {
		if (i && i < first_data)
			continue;	/* an extra-info slot */
		rsp = &slots[i].rsp;
		if (!rsp->status)
			continue;	/* empty: its page stays posted */
		page = xnf_rx_take_page(q, q->rx.rsp_cons + i);
		if (!page)
			return false;
		if (copy) {
			skb_put_data(skb, page_address(page) + rsp->offset,
				     rsp->status);
			page_pool_put_full_page(q->pool, page, true);
			copy--;
			continue;
		}
		skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, page,
				rsp->offset, rsp->status, PAGE_SIZE);
	}
	return true;
}

static void xnf_rx_set_gso(struct sk_buff *skb, const struct xnif_rx_pkt *pkt)
{
	const struct xnif_extra_info *gso;

	if (!xnif_extras_has(&pkt->extras, XNIF_EXTRA_TYPE_GSO))
		return;
	gso = &pkt->extras.info[XNIF_EXTRA_TYPE_GSO];
	skb_shinfo(skb)->gso_size = gso->u.gso.size;
	skb_shinfo(skb)->gso_type =
		(gso->u.gso.type == XNIF_GSO_TYPE_TCPV6 ? SKB_GSO_TCPV6 :
		 SKB_GSO_TCPV4) | SKB_GSO_DODGY;
	skb_shinfo(skb)->gso_segs = 0;
}

/* The backend's Toeplitz hash, for RPS/RFS here (it only steers). */
static void xnf_rx_set_hash(struct sk_buff *skb, const struct xnif_rx_pkt *pkt)
{
	const struct xnif_extra_info *h;
	bool l4;

	if (!xnif_extras_has(&pkt->extras, XNIF_EXTRA_TYPE_HASH))
		return;
	h = &pkt->extras.info[XNIF_EXTRA_TYPE_HASH];
	if (h->u.hash.algorithm != XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ)
		return;
	l4 = h->u.hash.type == XNIF_CTRL_HASH_TYPE_IPV4_TCP_BIT ||
	     h->u.hash.type == XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT;
	skb_set_hash(skb, h->u.hash.value[0] | h->u.hash.value[1] << 8 |
		     h->u.hash.value[2] << 16 | (u32)h->u.hash.value[3] << 24,
		     l4 ? PKT_HASH_TYPE_L4 : PKT_HASH_TYPE_L3);
}

/* Headers into the linear area, protocol, checksum state; false: drop. */
static bool xnf_rx_finish_skb(struct xnf_queue *q, struct sk_buff *skb,
			      const struct xnif_rx_pkt *pkt)
{
	unsigned int pull = min_t(unsigned int, skb->len, XNF_RX_PULL);

	if (pull > skb_headlen(skb) &&
	    !__pskb_pull_tail(skb, pull - skb_headlen(skb)))
		return false;

	xnf_rx_set_gso(skb, pkt);
	xnf_rx_set_hash(skb, pkt);
	skb->protocol = eth_type_trans(skb, q->vif->netdev);
	skb_reset_network_header(skb);
	skb_record_rx_queue(skb, q->id);

	if ((pkt->flags & XNIF_RXF_CSUM_BLANK) || skb_is_gso(skb))
		return !skb_checksum_setup(skb, true);
	if (pkt->flags & XNIF_RXF_DATA_VALIDATED)
		skb->ip_summed = CHECKSUM_UNNECESSARY;
	return true;
}

/* A packet dropped for the backend's fault: a rate-limited line naming
 * the queue, the slot and what was wrong, and the counters (errors for
 * every such drop; long_chain or bad_rsp by kind).
 */
static void xnf_rx_bad(struct xnf_queue *q, const union xnif_rx_slot *slots,
		       const struct xnif_rx_pkt *pkt, enum xnif_rx_err err)
{
	unsigned int bad = pkt->bad_slot < pkt->nr_slots ? pkt->bad_slot : 0;
	const struct xnif_rx_response *rsp = &slots[bad].rsp;
	bool too_long = err == XNIF_RX_ERR_SLOTS ||
			err == XNIF_RX_ERR_TOO_LONG;

	if (net_ratelimit())
		netdev_warn(q->vif->netdev,
			    "%s: dropped RX packet at slot %u of %u%s: %s (offset %u, status %d)\n",
			    q->name, bad, pkt->nr_slots,
			    pkt->more ? "+" : "", xnif_rx_err_str(err),
			    rsp->offset, rsp->status);
	u64_stats_update_begin(&q->rx_stats.syncp);
	u64_stats_inc(&q->rx_stats.errors);
	if (too_long)
		u64_stats_inc(&q->rx_stats.long_chain);
	else if (err != XNIF_RX_ERR_STATUS)
		u64_stats_inc(&q->rx_stats.bad_rsp);
	u64_stats_update_end(&q->rx_stats.syncp);
}

static void xnf_rx_count(struct xnf_queue *q, const struct xnif_rx_pkt *pkt,
			 bool ok, bool nomem)
{
	u64_stats_update_begin(&q->rx_stats.syncp);
	if (ok) {
		u64_stats_inc(&q->rx_stats.packets);
		u64_stats_add(&q->rx_stats.bytes, pkt->total);
		if (xnif_extras_has(&pkt->extras, XNIF_EXTRA_TYPE_GSO))
			u64_stats_inc(&q->rx_stats.gso);
		if (pkt->flags & XNIF_RXF_CSUM_BLANK)
			u64_stats_inc(&q->rx_stats.csum_blank);
	} else if (nomem) {
		u64_stats_inc(&q->rx_stats.dropped);
	} else {
		u64_stats_inc(&q->rx_stats.errors);
	}
	u64_stats_update_end(&q->rx_stats.syncp);
}

/* Finish @skb and give it to the stack, or drop it; true if delivered. */
static bool xnf_rx_hand_up(struct xnf_queue *q, struct sk_buff *skb,
			   const struct xnif_rx_pkt *pkt)
{
	if (!xnf_rx_finish_skb(q, skb, pkt)) {
		if (net_ratelimit())
			netdev_warn(q->vif->netdev,
				    "%s: dropped RX packet: headers, checksum or GSO metadata unusable (length %u)\n",
				    q->name, pkt->total);
		u64_stats_update_begin(&q->rx_stats.syncp);
		u64_stats_inc(&q->rx_stats.bad_rsp);
		u64_stats_update_end(&q->rx_stats.syncp);
		xnf_rx_count(q, pkt, false, false);
		kfree_skb(skb);
		return false;
	}
	xnf_rx_count(q, pkt, true, false);
	napi_gro_receive(&q->napi, skb);
	return true;
}

/* Build and hand up one validated packet; false if the device broke. */
static bool xnf_rx_deliver(struct xnf_queue *q,
			   const union xnif_rx_slot *slots,
			   const struct xnif_rx_pkt *pkt)
{
	unsigned int copy, bytes;
	struct sk_buff *skb;

	copy = xnf_rx_nr_copied(slots, pkt, &bytes);
	skb = napi_alloc_skb(&q->napi, max_t(unsigned int, bytes,
					     XNF_RX_PULL));
	if (unlikely(!skb)) {
		/* The pages stay in their slots and are posted again. */
		xnf_rx_count(q, pkt, false, true);
		return true;
	}
	skb_mark_for_recycle(skb);

	if (!xnf_rx_add_frags(q, skb, slots, pkt, copy)) {
		kfree_skb(skb);
		return false;
	}
	xnf_rx_hand_up(q, skb, pkt);
	return true;
}

/* Copy up to @n responses starting at rsp_cons out of the shared ring. */
static void xnf_rx_copy(struct xnf_queue *q, union xnif_rx_slot *slots,
			unsigned int n)
{
	unsigned int i;

	/* one read of each shared slot, never a re-read later */
	for (i = 0; i < n; i++)
		RING_COPY_RESPONSE(&q->rx, q->rx.rsp_cons + i, &slots[i]);
}

/* With xdp-headroom negotiated, the backend copies each data slot's bytes
 * behind the headroom it names in the XDP extra, and (as the stock netback
 * does) may report offset 0 with a status that counts the headroom too.
 * Turn that into the real offset and length; false if a slot is shorter
 * than the headroom it claims.
 */
static bool xnf_rx_apply_headroom(union xnif_rx_slot *slots,
				  struct xnif_rx_pkt *pkt)
{
	unsigned int i, first_data = 1 + pkt->extras.count;
	struct xnif_rx_response *rsp;
	u16 room;

	if (!xnif_extras_has(&pkt->extras, XNIF_EXTRA_TYPE_XDP))
		return true;
	room = pkt->extras.info[XNIF_EXTRA_TYPE_XDP].u.xdp.headroom;
	if (!room)
		return true;
	for (i = 0; i < pkt->nr_slots; i++) {
		if (i && i < first_data)
			continue;	/* an extra-info slot */
		rsp = &slots[i].rsp;
		if (rsp->offset || !rsp->status)
			continue;	/* a real offset, or empty */
		if (rsp->status < room)
			return false;
		rsp->offset = room;
		rsp->status -= room;
		pkt->total -= room;
	}
	return pkt->total >= ETH_HLEN;
}

/* Staging grants: bring the packet's first bytes from the first slot's
 * buffer into the slot's page, before anything (XDP, the stack) looks at
 * the data.  "staged" is our own min(status, rx-data-len) over the
 * response with any XDP headroom already taken out (xnf_rx_apply_headroom:
 * the buffer holds data, never headroom); validation already held
 * offset + status to the page.  The page leaves the backend's reach first
 * and goes back to its slot ungranted: later takes find it there.  False
 * if the device broke.
 */
static bool xnf_rx_unstage(struct xnf_queue *q, const union xnif_rx_slot *slot)
{
	const struct xnif_rx_response *rsp = &slot->rsp;
	unsigned int staged;
	struct page *page;
	const u8 *src;

	if (!q->stg_rx.len || rsp->status <= 0)
		return true;
	src = xnf_stg_buf(&q->stg_rx,
			  xnif_ring_slot(q->rx.rsp_cons, q->rx_size));
	if (WARN_ON_ONCE(!src))
		return true;
	staged = xnif_staged_len(rsp->status, q->stg_rx.len);
	page = xnf_rx_take_page(q, q->rx.rsp_cons);
	if (!page)
		return false;
	memcpy((u8 *)page_address(page) + rsp->offset, src, staged);
	xnf_rx_put_page(q, q->rx.rsp_cons, page);

	u64_stats_update_begin(&q->rx_stats.syncp);
	u64_stats_inc(&q->rx_stats.staged);
	u64_stats_add(&q->rx_stats.staged_bytes, staged);
	u64_stats_update_end(&q->rx_stats.syncp);
	return true;
}

/* A packet that lies whole in its staging buffer: one slot, no extra info
 * (so no XDP headroom either), no XDP program to show a page to.
 */
static bool xnf_rx_staged_whole(struct xnf_queue *q,
				const struct xnif_rx_pkt *pkt)
{
	return q->stg_rx.len && pkt->nr_slots == 1 &&
	       pkt->total <= q->stg_rx.len &&
	       !rcu_access_pointer(q->vif->xdp_prog);
}

/* Deliver such a packet straight from the staging buffer into a fresh
 * skb: the slot's page was not written, so it keeps its grant and is
 * posted again as it is (no grant to end and renew, no page to recycle,
 * no second copy out of the page).  The length is our validated
 * response's, never anything read from the buffer.  Returns like
 * xnf_rx_one().
 */
static int xnf_rx_deliver_staged(struct xnf_queue *q,
				 const struct xnif_rx_pkt *pkt)
{
	u32 slot = xnif_ring_slot(q->rx.rsp_cons, q->rx_size);
	struct sk_buff *skb;
	const u8 *src;

	if (unlikely(!q->rx_bufs[slot].page)) {
		xnf_set_broken(q->vif, q, "RX response", "slot had no buffer");
		return -EPROTO;
	}
	src = xnf_stg_buf(&q->stg_rx, slot);
	if (WARN_ON_ONCE(!src))
		return -EPROTO;
	skb = napi_alloc_skb(&q->napi, pkt->total);
	if (unlikely(!skb)) {
		xnf_rx_count(q, pkt, false, true);
		return 0;
	}
	skb_put_data(skb, src, pkt->total);

	u64_stats_update_begin(&q->rx_stats.syncp);
	u64_stats_inc(&q->rx_stats.staged);
	u64_stats_add(&q->rx_stats.staged_bytes, pkt->total);
	u64_stats_update_end(&q->rx_stats.syncp);

	return xnf_rx_hand_up(q, skb, pkt) ? 1 : 0;
}

/* Count a bad packet at rsp_cons and step over it; returns 0 (dropped). */
static int xnf_rx_drop(struct xnf_queue *q, const union xnif_rx_slot *slots,
		       const struct xnif_rx_pkt *pkt, enum xnif_rx_err err)
{
	xnf_rx_bad(q, slots, pkt, err);
	q->rx.rsp_cons += pkt->nr_slots;
	return 0;
}

/* One packet at rsp_cons; returns 1 if delivered, 0 dropped, <0 broken. */
static int xnf_rx_one(struct xnf_queue *q, unsigned int avail)
{
	union xnif_rx_slot slots[XNF_RX_MAX_CHAIN];
	unsigned int n = min_t(unsigned int, avail, XNF_RX_MAX_CHAIN);
	struct xnif_rx_ctx ctx = {
		.cons		= q->rx.rsp_cons,
		.ring_size	= q->rx_size,
		.max_slots	= XNF_RX_MAX_SLOTS,
		.id_is_slot	= true,
		.truncated	= avail > n,
		.cont		= q->rx_skip,
	};
	struct xnif_rx_pkt pkt;
	enum xnif_rx_err err;
	bool ok;
	int ret;

	xnf_rx_copy(q, slots, n);
	err = xnif_rx_validate(slots, n, &ctx, &pkt);
	if (unlikely(xnif_rx_err_fatal(err))) {
		xnf_set_broken(q->vif, q, "RX response", xnif_rx_err_str(err));
		return -EPROTO;
	}
	/* An over-long chain: its first piece was counted, skip the rest. */
	if (unlikely(q->rx_skip || pkt.more)) {
		if (!q->rx_skip)
			xnf_rx_bad(q, slots, &pkt, err);
		q->rx_skip = pkt.more;
		q->rx.rsp_cons += pkt.nr_slots;
		return 0;
	}
	if (unlikely(err != XNIF_RX_OK))
		return xnf_rx_drop(q, slots, &pkt, err);
	if (xnf_rx_staged_whole(q, &pkt)) {
		ret = xnf_rx_deliver_staged(q, &pkt);
		q->rx.rsp_cons += pkt.nr_slots;
		return ret;
	}
	if (unlikely(!xnf_rx_apply_headroom(slots, &pkt)))
		return xnf_rx_drop(q, slots, &pkt, XNIF_RX_ERR_XDP);
	if (unlikely(!xnf_rx_unstage(q, &slots[0])))
		return -EPROTO;

	ret = xnf_xdp_rx(q, slots, &pkt);
	if (ret) {
		q->rx.rsp_cons += pkt.nr_slots;
		return ret;
	}
	ok = xnf_rx_deliver(q, slots, &pkt);
	q->rx.rsp_cons += pkt.nr_slots;
	return ok ? 1 : -EPROTO;
}

int xnf_rx_poll(struct xnf_queue *q, int budget)
{
	int avail, ret, work = 0;
	u32 prod;

	while (work < budget) {
		prod = READ_ONCE(q->rx.sring->rsp_prod);
		avail = xnif_ring_unconsumed_responses(prod, q->rx.rsp_cons,
						       q->rx.req_prod_pvt,
						       q->rx_size);
		if (unlikely(avail < 0)) {
			xnf_set_broken(q->vif, q, "RX ring",
				       "response producer beyond the requests");
			break;
		}
		if (!avail)
			break;
		virt_rmb();	/* index before the responses it covers */

		ret = xnf_rx_one(q, avail);
		if (ret < 0)
			break;
		work++;
	}
	xnf_xdp_rx_done(q);
	return work;
}

/* At teardown: return every posted page to the pool.  One the backend
 * still maps goes to the grant table instead (its ref too), to be freed
 * once the backend unmaps it; the extra reference that takes makes the
 * pool let go of the page rather than recycle it, so that
 * page_pool_destroy() does not wait for it.
 */
void xnf_rx_release_all(struct xnf_queue *q)
{
	unsigned int i, held = 0;
	struct xnf_rx_buf *buf;

	for (i = 0; i < q->rx_size; i++) {
		buf = &q->rx_bufs[i];
		if (!buf->page)
			continue;
		if (buf->granted && !gnttab_end_foreign_access_ref(buf->gref)) {
			xnf_grant_defer(buf->gref, buf->page);
			held++;
		} else {
			buf->granted = false;
		}
		page_pool_put_full_page(q->pool, buf->page, false);
		buf->page = NULL;
	}
	if (held)
		netdev_warn(q->vif->netdev,
			    "%s: backend still maps %u RX page(s) at teardown; freed when it lets go\n",
			    q->name, held);
}
