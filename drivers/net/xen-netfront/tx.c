// SPDX-License-Identifier: GPL-2.0-only
/* xen-netfront: guest transmit. Every slot of a packet grants the backend
 * read access to one 4 KiB page piece and takes its own request id, which
 * holds a reference on the skb until the backend answers it.
 */
#include "netfront.h"

#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/skbuff.h>
#include <net/sock.h>
#include <xen/events.h>
#include <xen/page.h>
#include <xen-netif/xnif.h>

static_assert(XNF_TX_PIECES <= XNIF_TX_SLOT_MAX_PIECES,
	      "an skb's pieces fit the slot planner");

/* Building state of one packet's request chain. */
struct xnf_tx_build {
	struct xnf_queue	*q;
	struct sk_buff		*skb;
	struct xnif_tx_request	*prev;	/* last data request written */
	bool			first_done;
};

/* One packet's pieces and their slots (xnif_tx_slot_plan()). */
struct xnf_tx_slots {
	struct page		*pages[XNF_TX_PIECES];
	struct xnif_tx_span	slots[XNF_TX_MAX_SLOTS];
	struct xnif_tx_slot_plan cost;
};

static unsigned int xnf_tx_free_slots(struct xnf_queue *q)
{
	return xnif_ring_free_requests(q->tx.req_prod_pvt, q->tx.rsp_cons,
				       q->tx_size);
}

static union xnif_tx_slot *xnf_tx_next_slot(struct xnf_queue *q)
{
	return RING_GET_REQUEST(&q->tx, q->tx.req_prod_pvt++);
}

/* Cut the skb's linear area and frags into at most XNF_TX_MAX_SLOTS slots.
 * Return: 0, or -EMSGSIZE if it needs more.
 */
static int xnf_tx_plan(struct xnf_queue *q, const struct sk_buff *skb,
		       struct xnf_tx_slots *tp)
{
	unsigned int i, nr = skb_shinfo(skb)->nr_frags + 1;
	struct xnif_frag p[XNF_TX_PIECES];

	tp->pages[0] = virt_to_page(skb->data);
	p[0].offset = offset_in_page(skb->data);
	p[0].len = skb_headlen(skb);
	for (i = 1; i < nr; i++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i - 1];

		tp->pages[i] = skb_frag_page(f);
		p[i].offset = skb_frag_off(f);
		p[i].len = skb_frag_size(f);
	}
	return xnif_tx_slot_plan(p, nr, q->stg_tx.len, tp->slots,
				 XNF_TX_MAX_SLOTS, &tp->cost);
}

static void xnf_tx_gso_extra(struct xnf_tx_build *b)
{
	struct skb_shared_info *sh = skb_shinfo(b->skb);
	struct xnif_extra_info *ex = &xnf_tx_next_slot(b->q)->extra;

	memset(ex, 0, sizeof(*ex));
	ex->type = XNIF_EXTRA_TYPE_GSO;
	ex->u.gso.size = sh->gso_size;
	ex->u.gso.type = (sh->gso_type & SKB_GSO_TCPV6) ?
			 XNIF_GSO_TYPE_TCPV6 : XNIF_GSO_TYPE_TCPV4;
}

static u16 xnf_tx_flags(const struct sk_buff *skb)
{
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		return XNIF_TXF_CSUM_BLANK | XNIF_TXF_DATA_VALIDATED;
	if (skb->ip_summed == CHECKSUM_UNNECESSARY)
		return XNIF_TXF_DATA_VALIDATED;
	return 0;
}

/* Staging grants: copy the first @staged bytes of the first slot (at @off
 * in @page) into id @id's buffer.  Return: how many were.
 */
static unsigned int xnf_tx_stage(struct xnf_queue *q, u16 id,
				 struct page *page, unsigned int off,
				 unsigned int staged)
{
	void *src;
	u8 *dst;

	if (!q->stg_tx.len)
		return 0;
	dst = xnf_stg_buf(&q->stg_tx, id);
	if (WARN_ON_ONCE(!dst))
		return 0;
	src = kmap_local_page(page);
	memcpy(dst, src + off, staged);
	kunmap_local(src);

	u64_stats_update_begin(&q->tx_stats.syncp);
	u64_stats_inc(&q->tx_stats.staged);
	u64_stats_add(&q->tx_stats.staged_bytes, staged);
	u64_stats_update_end(&q->tx_stats.syncp);
	return staged;
}

/* Grant @page to the backend for id @buf, unless staging carries all of
 * the slot's @len bytes (@staged): then the request's gref is 0.
 */
static grant_ref_t xnf_tx_grant(struct xnf_queue *q, struct xnf_tx_buf *buf,
				struct page *page, unsigned int len,
				unsigned int staged)
{
	if (staged == len) {
		buf->granted = false;
		buf->page = NULL;
		return 0;
	}
	gnttab_grant_foreign_access_ref(buf->gref, q->vif->xdev->otherend_id,
					xen_page_to_gfn(page), 1);
	buf->page = page;
	buf->granted = true;
	return buf->gref;
}

/* One request for @len bytes at @off in @page (all within the page), the
 * first @staged of them also staged (first slot only).
 */
static void xnf_tx_slot(struct xnf_tx_build *b, struct page *page,
			unsigned int off, unsigned int len,
			unsigned int staged)
{
	struct xnf_queue *q = b->q;
	struct xnif_tx_request *req;
	struct xnf_tx_buf *buf;
	u16 id;

	id = q->tx_free[--q->tx_nr_free];
	buf = &q->tx_bufs[id];
	buf->skb = b->first_done ? skb_get(b->skb) : b->skb;
	if (!b->first_done)
		staged = xnf_tx_stage(q, id, page, off, staged);

	if (b->prev)
		b->prev->flags |= XNIF_TXF_MORE_DATA;
	req = &xnf_tx_next_slot(q)->req;
	req->gref = xnf_tx_grant(q, buf, page, len, staged);
	req->offset = off;
	req->id = id;
	if (!b->first_done) {
		req->size = b->skb->len;
		req->flags = xnf_tx_flags(b->skb);
		b->first_done = true;
		if (skb_is_gso(b->skb)) {
			req->flags |= XNIF_TXF_EXTRA_INFO;
			xnf_tx_gso_extra(b);
		}
	} else {
		req->size = len;
		req->flags = 0;
	}
	b->prev = req;
}

/* Write the planned slots of @skb (xnf_tx_plan()) as requests. */
static void xnf_tx_queue_skb(struct xnf_queue *q, struct sk_buff *skb,
			     const struct xnf_tx_slots *tp)
{
	struct xnf_tx_build b = { .q = q, .skb = skb };
	unsigned int i;

	for (i = 0; i < tp->cost.nr_slots; i++) {
		const struct xnif_tx_span *sl = &tp->slots[i];

		xnf_tx_slot(&b, nth_page(tp->pages[sl->piece],
					 sl->offset >> PAGE_SHIFT),
			    sl->offset & ~PAGE_MASK, sl->len,
			    i ? 0 : tp->cost.staged);
	}
}

static void xnf_tx_drop(struct xnf_queue *q, struct sk_buff *skb)
{
	u64_stats_update_begin(&q->tx_stats.syncp);
	u64_stats_inc(&q->tx_stats.dropped);
	u64_stats_update_end(&q->tx_stats.syncp);
	dev_kfree_skb_any(skb);
}

/* Plan the skb into XNF_TX_MAX_SLOTS slots; false if it cannot fit. */
static bool xnf_tx_fit(struct xnf_queue *q, struct sk_buff *skb,
		       struct xnf_tx_slots *tp)
{
	if (!xnf_tx_plan(q, skb, tp))
		return true;
	if (skb_linearize(skb))
		return false;
	u64_stats_update_begin(&q->tx_stats.syncp);
	u64_stats_inc(&q->tx_stats.linearized);
	u64_stats_update_end(&q->tx_stats.syncp);
	return !xnf_tx_plan(q, skb, tp);
}

/* For an untrusted backend: a copy of @skb in zeroed pages of its own, so
 * that the granted pages hold nothing but this packet. Consumes @skb.
 */
static struct sk_buff *xnf_tx_bounce(struct xnf_queue *q, struct sk_buff *skb)
{
	unsigned int off, n, i = 0;
	struct sk_buff *nskb;
	struct page *page;

	nskb = alloc_skb(0, GFP_ATOMIC);
	if (!nskb)
		goto out_drop;
	for (off = 0; off < skb->len; off += n) {
		n = min_t(unsigned int, skb->len - off, PAGE_SIZE);
		page = alloc_page(GFP_ATOMIC | __GFP_ZERO);
		if (!page)
			goto out_free_nskb;
		skb_add_rx_frag(nskb, i++, page, 0, n, PAGE_SIZE);
		if (skb_copy_bits(skb, off, page_address(page), n))
			goto out_free_nskb;
	}
	nskb->ip_summed = skb->ip_summed;
	skb_shinfo(nskb)->gso_size = skb_shinfo(skb)->gso_size;
	skb_shinfo(nskb)->gso_type = skb_shinfo(skb)->gso_type;
	skb_set_queue_mapping(nskb, skb_get_queue_mapping(skb));
	dev_consume_skb_any(skb);

	u64_stats_update_begin(&q->tx_stats.syncp);
	u64_stats_inc(&q->tx_stats.bounced);
	u64_stats_update_end(&q->tx_stats.syncp);
	return nskb;

out_free_nskb:
	kfree_skb(nskb);
out_drop:
	xnf_tx_drop(q, skb);
	return NULL;
}

static bool xnf_tx_has_room(struct xnf_queue *q)
{
	return xnf_tx_free_slots(q) >= XNF_TX_SLOTS_NEEDED &&
	       q->tx_nr_free >= XNF_TX_MAX_SLOTS;
}

/* Publish the requests written so far and tell the backend if it asked
 * to be told.  Caller holds tx_lock.
 */
void xnf_tx_push(struct xnf_queue *q)
{
	int notify;

	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&q->tx, notify);
	if (notify)
		xnf_notify(q->tx_irq, &q->tx_stats.syncp,
			   &q->tx_stats.notifies);
}

/* Publish the requests written so far, unless the stack promised another
 * packet right away (xmit_more) and the queue can still take it: one
 * barrier and at most one event for a burst. Caller holds tx_lock.
 */
static void xnf_tx_kick(struct xnf_queue *q, struct netdev_queue *txq)
{
	if (q->tx.req_prod_pvt == READ_ONCE(q->tx.sring->req_prod))
		return;
	if (netdev_xmit_more() && !netif_xmit_stopped(txq))
		return;
	xnf_tx_push(q);
}

/* Ask for an event once @ahead more TX responses are out (at least one),
 * and hand over to NAPI if the producer got there before the backend
 * could see the new index.  Caller holds tx_lock, as NAPI's final check
 * does: neither arms an index the other has consumed past.
 */
static void xnf_tx_arm(struct xnf_queue *q, u32 ahead)
{
	u32 ev = q->tx.rsp_cons + max(1U, ahead);

	WRITE_ONCE(q->tx.sring->rsp_event, ev);
	virt_mb();	/* the new event index before the producer check */
	if ((s32)(READ_ONCE(q->tx.sring->rsp_prod) - ev) >= 0)
		napi_schedule(&q->napi);
}

/* Reap in the xmit path what the backend answered since the last look:
 * the skbs go back at once (TCP's small queues wait for them) instead of
 * after an event, an interrupt and a NAPI poll.  Then ask for an event
 * once half of what is still in flight is answered: while the xmit path
 * keeps reaping, the backend seldom gets there.  Not from netpoll with
 * interrupts off (an XDP frame's page pool takes a BH lock), nor once the
 * device is broken.  Caller holds tx_lock.
 */
static void xnf_tx_reap(struct xnf_queue *q)
{
	if (q->tx.rsp_cons == READ_ONCE(q->tx.sring->rsp_prod) ||
	    unlikely(irqs_disabled() || READ_ONCE(q->vif->broken)))
		return;
	xnf_tx_complete(q, 0);
	xnf_tx_arm(q, (q->tx.req_prod_pvt - q->tx.rsp_cons + 1) / 2);
}

/* Out of slots: stop, and ask for an event at the next response (not at
 * half of the ring: a slot or two is all a wake needs).
 */
static void xnf_tx_stop(struct xnf_queue *q, struct netdev_queue *txq)
{
	netif_tx_stop_queue(txq);
	xnf_tx_arm(q, 1);
}

/* How much a TCP socket may keep queued below it (TCP small queues) and
 * how big it builds each skb both follow its pacing rate: 1 ms of it by
 * default (sk_pacing_shift 10).  Every skb costs this vif a ring slot per
 * page, a grant and a backend round trip before its completion frees it,
 * so TCP throttled at 1 ms sends small skbs and waits on completions.  As
 * mac80211 does for Wi-Fi, let it queue about 4 ms (shift 8), unless the
 * admin switched "tcp-queue-4ms" off.  Before the skb is queued: from
 * then on the backend's completion may free it.
 */
#define XNF_TCP_PACING_SHIFT	8

static void xnf_tx_tcp_queue(const struct xnf_vif *vif, struct sk_buff *skb)
{
	if (!READ_ONCE(vif->tcp_1ms))
		sk_pacing_shift_update(skb->sk, XNF_TCP_PACING_SHIFT);
}

netdev_tx_t xnf_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct xnf_vif *vif = netdev_priv(dev);
	u16 qid = skb_get_queue_mapping(skb);
	struct netdev_queue *txq;
	struct xnf_tx_slots tp;
	bool gso, stopped;
	struct xnf_queue_set *qs;
	struct xnf_queue *q;
	unsigned int len;

	/* The stack calls us under rcu_read_lock_bh(): xnf_queues_destroy()
	 * waits for us.
	 */
	qs = rcu_dereference_bh(vif->qs);
	/* Acquire pairs with the release in xnf_connect(): what was set up
	 * after the queues were published (staging) is seen as complete.
	 */
	if (unlikely(!qs || !smp_load_acquire(&vif->connected) ||
		     READ_ONCE(vif->broken))) {
		dev_core_stats_tx_dropped_inc(dev);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	if (unlikely(qid >= qs->num))
		qid = 0;
	q = &qs->q[qid];
	txq = netdev_get_tx_queue(dev, qid);

	/* tx_lock also serialises the writers of tx_stats. */
	spin_lock(&q->tx_lock);
	xnf_tx_reap(q);
	if (unlikely(skb->len > XNIF_MAX_TX_SIZE)) {
		xnf_tx_drop(q, skb);
		goto out_kick;
	}
	/* Before touching the skb: the stack requeues it on BUSY. */
	if (unlikely(!xnf_tx_has_room(q))) {
		xnf_tx_stop(q, txq);
		xnf_tx_kick(q, txq);
		spin_unlock(&q->tx_lock);
		return NETDEV_TX_BUSY;
	}
	skb_tx_timestamp(skb);
	xnf_tx_tcp_queue(vif, skb);
	if (vif->bounce) {
		skb = xnf_tx_bounce(q, skb);
		if (!skb)
			goto out_kick;
	}
	if (unlikely(!xnf_tx_fit(q, skb, &tp))) {
		xnf_tx_drop(q, skb);
		goto out_kick;
	}

	len = skb->len;
	gso = skb_is_gso(skb);
	xnf_tx_queue_skb(q, skb, &tp);
	stopped = !xnf_tx_has_room(q);
	if (stopped)
		xnf_tx_stop(q, txq);

	u64_stats_update_begin(&q->tx_stats.syncp);
	u64_stats_inc(&q->tx_stats.packets);
	u64_stats_add(&q->tx_stats.bytes, len);
	if (gso)
		u64_stats_inc(&q->tx_stats.gso);
	if (stopped)
		u64_stats_inc(&q->tx_stats.stopped);
	u64_stats_update_end(&q->tx_stats.syncp);

out_kick:
	xnf_tx_kick(q, txq);
	spin_unlock(&q->tx_lock);
	return NETDEV_TX_OK;
}

/* Release what an answered (or abandoned) id held: an skb or a frame.
 * @budget: NAPI's from the poll (skbs go back in bulk), 0 elsewhere.
 */
static void xnf_tx_buf_free(struct xnf_tx_buf *buf, int budget)
{
	if (buf->xdpf) {
		xdp_return_frame(buf->xdpf);
		buf->xdpf = NULL;
		return;
	}
	napi_consume_skb(buf->skb, budget);
	buf->skb = NULL;
}

/* One TX response, already copied out of the ring and checked. */
static bool xnf_tx_response(struct xnf_queue *q,
			    const struct xnif_tx_response *rsp, int budget)
{
	struct xnf_tx_buf *buf = &q->tx_bufs[rsp->id];

	if (unlikely(!buf->skb && !buf->xdpf)) {
		xnf_set_broken(q->vif, q, "TX response", "id not in flight");
		return false;
	}
	/* not granted: staging carried the whole (single) slot */
	if (unlikely(buf->granted &&
		     !gnttab_end_foreign_access_ref(buf->gref))) {
		xnf_set_broken(q->vif, q, "TX response",
			       "backend still maps the granted page");
		return false;
	}
	buf->granted = false;
	if (unlikely(rsp->status != XNIF_RSP_OKAY)) {
		u64_stats_update_begin(&q->tx_stats.syncp);
		u64_stats_inc(&q->tx_stats.errors);
		u64_stats_update_end(&q->tx_stats.syncp);
	}
	xnf_tx_buf_free(buf, budget);
	q->tx_free[q->tx_nr_free++] = rsp->id;
	return true;
}

/* Reclaim answered requests, from the NAPI poll (@budget its budget) or
 * the xmit path (0).  Caller holds tx_lock.
 */
void xnf_tx_complete(struct xnf_queue *q, int budget)
{
	struct xnif_tx_response rsp;
	enum xnif_txrsp verdict;
	int avail;

	avail = xnif_ring_unconsumed_responses(READ_ONCE(q->tx.sring->rsp_prod),
					       q->tx.rsp_cons,
					       q->tx.req_prod_pvt,
					       q->tx_size);
	if (unlikely(avail < 0)) {
		xnf_set_broken(q->vif, q, "TX ring",
			       "response producer beyond the requests");
		return;
	}
	virt_rmb();	/* index before the responses it covers */

	while (avail--) {
		/* one read of the shared slot */
		RING_COPY_RESPONSE(&q->tx, q->tx.rsp_cons++, &rsp);
		verdict = xnif_tx_rsp_check(&rsp, q->tx_size);
		if (verdict == XNIF_TXRSP_SKIP)
			continue;
		if (unlikely(verdict != XNIF_TXRSP_OK)) {
			xnf_set_broken(q->vif, q, "TX response",
				       xnif_txrsp_str(verdict));
			return;
		}
		if (!xnf_tx_response(q, &rsp, budget))
			return;
	}

	if (netif_tx_queue_stopped(netdev_get_tx_queue(q->vif->netdev, q->id)) &&
	    xnf_tx_has_room(q) && READ_ONCE(q->vif->connected))
		netif_tx_wake_queue(netdev_get_tx_queue(q->vif->netdev, q->id));
}

/* At teardown: drop what the backend never answered.  A page it still
 * maps goes to the grant table, which frees it once the backend unmaps;
 * the skb or frame itself is released now (its ref stays granted: the
 * grant table owns it).
 */
void xnf_tx_release_all(struct xnf_queue *q)
{
	unsigned int i, held = 0;
	struct xnf_tx_buf *buf;

	for (i = 0; i < q->tx_size; i++) {
		buf = &q->tx_bufs[i];
		if (!buf->skb && !buf->xdpf)
			continue;
		if (buf->granted && !gnttab_end_foreign_access_ref(buf->gref)) {
			xnf_grant_defer(buf->gref, buf->page);
			held++;
		} else {
			buf->granted = false;
		}
		buf->page = NULL;
		xnf_tx_buf_free(buf, 0);
	}
	if (held)
		netdev_warn(q->vif->netdev,
			    "%s: backend still maps %u TX page(s) at teardown; freed when it lets go\n",
			    q->name, held);
}

/* One XDP frame (XDP_TX or ndo_xdp_xmit) as a single-slot request.
 * Caller holds tx_lock and pushes the requests. For an untrusted backend
 * the frame is refused: its page may hold more than this frame.
 */
int xnf_tx_xdp_frame(struct xnf_queue *q, struct xdp_frame *xdpf)
{
	unsigned int off = offset_in_page(xdpf->data);
	struct page *page = virt_to_page(xdpf->data);
	struct xnif_tx_request *req;
	struct xnf_tx_buf *buf;
	unsigned int staged;
	u16 id;

	if (q->vif->bounce || off + xdpf->len > PAGE_SIZE)
		return -EINVAL;
	if (!xnf_tx_has_room(q))
		return -ENOSPC;

	id = q->tx_free[--q->tx_nr_free];
	buf = &q->tx_bufs[id];
	buf->xdpf = xdpf;
	staged = xnf_tx_stage(q, id, page, off,
			      xnif_staged_len(xdpf->len, q->stg_tx.len));

	req = &xnf_tx_next_slot(q)->req;
	req->gref = xnf_tx_grant(q, buf, page, xdpf->len, staged);
	req->offset = off;
	req->id = id;
	req->size = xdpf->len;
	req->flags = 0;

	u64_stats_update_begin(&q->tx_stats.syncp);
	u64_stats_inc(&q->tx_stats.xdp_xmit);
	u64_stats_add(&q->tx_stats.bytes, xdpf->len);
	u64_stats_inc(&q->tx_stats.packets);
	u64_stats_update_end(&q->tx_stats.syncp);
	return 0;
}
