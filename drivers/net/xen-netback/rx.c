// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: guest RX. ndo_start_xmit queues each skb on its queue's
 * bounded internal queue and wakes that queue's kthread (one per queue);
 * the kthread grant-copies packets into the buffers the frontend posted,
 * in batches, writes the responses (with a GSO extra where needed) and
 * notifies the frontend.
 */
#include "common.h"

#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <xen/events.h>
#include <xen/page.h>

/* One data slot of a packet being built. */
struct xnb_rx_slot {
	u32	idx;	/* ring index */
	u16	id;	/* the request's id */
	u16	len;	/* bytes copied into its page */
	u32	gref;
};

/* Where the packet being built is on the ring. */
struct xnb_rx_build {
	struct xnb_rx_slot	slots[XNIF_NR_SLOTS_MIN];
	unsigned int		nr;	/* data slots in use */
};

/* Data slots an skb takes: its bytes packed into full pages. */
static unsigned int xnb_rx_data_slots(const struct sk_buff *skb)
{
	return DIV_ROUND_UP(skb->len, XEN_PAGE_SIZE);
}

/* Ring slots an skb takes: data slots plus the GSO extra. */
static unsigned int xnb_rx_slots_needed(const struct sk_buff *skb)
{
	unsigned int n = xnb_rx_data_slots(skb);

	return skb_is_gso(skb) ? n + 1 : n;
}

void xnb_rx_kick(struct xnb_queue *q)
{
	wake_up(&q->rx_wq);
}

netdev_tx_t xnb_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct xnb_vif *vif = *(struct xnb_vif **)netdev_priv(dev);
	u16 qi = skb_get_queue_mapping(skb);
	struct xnb_queue *q;
	unsigned long flags;

	if (qi >= vif->max_queues)
		qi = 0;
	q = &vif->queues[qi];

	if (!q->connected || xnb_vif_disabled(vif) ||
	    !skb->len || xnb_rx_data_slots(skb) > XNIF_NR_SLOTS_MIN ||
	    (skb_is_gso(skb) &&
	     !(skb_shinfo(skb)->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)))) {
		xnb_stats_count(&q->xmit_stats, 0, 0, 1, 0);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}

	spin_lock_irqsave(&q->rx_queue.lock, flags);
	__skb_queue_tail(&q->rx_queue, skb);
	q->rx_bytes += skb->len;
	if (q->rx_bytes > xnb_rx_queue_limit(q))
		netif_tx_stop_queue(netdev_get_tx_queue(dev, qi));
	spin_unlock_irqrestore(&q->rx_queue.lock, flags);

	xnb_rx_kick(q);
	return NETDEV_TX_OK;
}

/* Drop everything queued for the guest. Return: packets dropped. */
static unsigned int xnb_rx_drop_all(struct xnb_queue *q)
{
	struct sk_buff_head list;
	unsigned long flags;
	unsigned int n;

	__skb_queue_head_init(&list);
	spin_lock_irqsave(&q->rx_queue.lock, flags);
	skb_queue_splice_init(&q->rx_queue, &list);
	q->rx_bytes = 0;
	spin_unlock_irqrestore(&q->rx_queue.lock, flags);

	n = skb_queue_len(&list);
	__skb_queue_purge(&list);
	if (n)
		xnb_stats_count(&q->rx_stats, 0, 0, n, 0);
	return n;
}

/* On disconnect, after the netdev queues were stopped. */
void xnb_rx_purge(struct xnb_queue *q)
{
	xnb_rx_drop_all(q);
}

/*
 * Requests the frontend posted and we have not used. Negative if the
 * producer is impossible (fatal). With @arm, ask for an event once
 * @needed are there.
 */
static int xnb_rx_avail(struct xnb_queue *q, unsigned int needed, bool arm)
{
	int avail;

	avail = xnif_ring_unconsumed_requests(READ_ONCE(q->rx.sring->req_prod),
					      q->rx.req_cons,
					      q->rx.rsp_prod_pvt,
					      RING_SIZE(&q->rx));
	if (avail < 0 || avail >= needed || !arm)
		return avail;

	q->rx.sring->req_event = q->rx.req_cons + needed;
	/* Publish req_event before looking at req_prod again. */
	mb();
	return xnif_ring_unconsumed_requests(READ_ONCE(q->rx.sring->req_prod),
					     q->rx.req_cons,
					     q->rx.rsp_prod_pvt,
					     RING_SIZE(&q->rx));
}

/* Slots the packet at the head of the queue needs; 0 if none queued. */
static unsigned int xnb_rx_head_needs(struct xnb_queue *q)
{
	unsigned int needed = 0;
	struct sk_buff *skb;
	unsigned long flags;

	spin_lock_irqsave(&q->rx_queue.lock, flags);
	skb = skb_peek(&q->rx_queue);
	if (skb)
		needed = xnb_rx_slots_needed(skb);
	spin_unlock_irqrestore(&q->rx_queue.lock, flags);
	return needed;
}

/* Wait condition of the kthread. */
static bool xnb_rx_ready(struct xnb_queue *q)
{
	unsigned int needed = xnb_rx_head_needs(q);
	int avail;

	if (!needed)
		return false;
	if (xnb_vif_disabled(q->vif))
		return true;
	avail = xnb_rx_avail(q, needed, true);
	return avail < 0 || avail >= needed;
}

/* Take the head skb off the queue; wake the netdev queue if it drained. */
static struct sk_buff *xnb_rx_dequeue(struct xnb_queue *q)
{
	struct net_device *dev = q->vif->dev;
	struct sk_buff *skb;
	unsigned long flags;

	spin_lock_irqsave(&q->rx_queue.lock, flags);
	skb = __skb_dequeue(&q->rx_queue);
	if (skb) {
		q->rx_bytes -= skb->len;
		if (q->rx_bytes < xnb_rx_queue_limit(q) / 2 &&
		    netif_tx_queue_stopped(netdev_get_tx_queue(dev, q->id)))
			netif_tx_wake_queue(netdev_get_tx_queue(dev, q->id));
	}
	spin_unlock_irqrestore(&q->rx_queue.lock, flags);
	return skb;
}

/* Take the next request off the ring into our copy. */
static void xnb_rx_take_req(struct xnb_queue *q, struct xnb_rx_slot *slot)
{
	struct xnif_rx_request req;

	RING_COPY_REQUEST(&q->rx, q->rx.req_cons, &req);
	slot->idx = q->rx.req_cons++;
	slot->id = req.id;
	slot->gref = req.gref;
	slot->len = 0;
}

/* Copy @len bytes at @page + @off into the packet's slots. */
static void xnb_rx_copy_piece(struct xnb_queue *q, struct xnb_rx_build *b,
			      struct page *page, unsigned int off,
			      unsigned int len)
{
	while (len) {
		struct xnb_rx_slot *s = &b->slots[b->nr - 1];
		struct gnttab_copy *op;
		unsigned int n;

		if (s->len == XEN_PAGE_SIZE) {
			s = &b->slots[b->nr++];
			xnb_rx_take_req(q, s);
		}
		n = min_t(unsigned int, len, XEN_PAGE_SIZE - s->len);
		n = min_t(unsigned int, n, PAGE_SIZE - off);

		op = &q->rx_ops[q->rx_nr_ops++];
		op->source.u.gmfn = xen_page_to_gfn(page);
		op->source.domid = DOMID_SELF;
		op->source.offset = off;
		op->dest.u.ref = s->gref;
		op->dest.domid = q->vif->domid;
		op->dest.offset = s->len;
		op->len = n;
		op->flags = GNTCOPY_dest_gref;

		s->len += n;
		off += n;
		len -= n;
		if (off == PAGE_SIZE) {
			page++;
			off = 0;
		}
	}
}

/* Queue the copy ops for all of an skb's data. */
static void xnb_rx_copy_skb(struct xnb_queue *q, struct xnb_rx_build *b,
			    struct sk_buff *skb)
{
	unsigned int i;

	xnb_rx_copy_piece(q, b, virt_to_page(skb->data),
			  offset_in_page(skb->data), skb_headlen(skb));
	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		skb_frag_t *f = &skb_shinfo(skb)->frags[i];
		unsigned int off = skb_frag_off(f);

		xnb_rx_copy_piece(q, b, skb_frag_page(f) + (off >> PAGE_SHIFT),
				  off & ~PAGE_MASK, skb_frag_size(f));
	}
}

static u16 xnb_rx_csum_flags(const struct sk_buff *skb)
{
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		return XNIF_RXF_CSUM_BLANK | XNIF_RXF_DATA_VALIDATED;
	if (skb->ip_summed == CHECKSUM_UNNECESSARY)
		return XNIF_RXF_DATA_VALIDATED;
	return 0;
}

static void xnb_rx_write_gso(struct xnb_queue *q, u32 idx,
			     const struct sk_buff *skb)
{
	struct xnif_extra_info *ex = (void *)RING_GET_RESPONSE(&q->rx, idx);

	ex->type = XNIF_EXTRA_TYPE_GSO;
	ex->flags = 0;
	ex->u.gso.size = skb_shinfo(skb)->gso_size;
	ex->u.gso.type = skb_shinfo(skb)->gso_type & SKB_GSO_TCPV6 ?
			 XNIF_GSO_TYPE_TCPV6 : XNIF_GSO_TYPE_TCPV4;
	ex->u.gso.pad = 0;
	ex->u.gso.features = 0;
}

/* Write the data responses (and the GSO extra) of a built packet. */
static void xnb_rx_write_rsps(struct xnb_queue *q, const struct xnb_rx_build *b,
			      const struct sk_buff *skb, bool gso)
{
	unsigned int i;

	for (i = 0; i < b->nr; i++) {
		const struct xnb_rx_slot *s = &b->slots[i];
		struct xnif_rx_response *rsp;
		u16 flags = 0;

		if (i == 0) {
			flags = xnb_rx_csum_flags(skb);
			if (gso)
				flags |= XNIF_RXF_EXTRA_INFO;
		}
		if (i + 1 < b->nr)
			flags |= XNIF_RXF_MORE_DATA;

		rsp = RING_GET_RESPONSE(&q->rx, s->idx);
		rsp->id = s->id;
		rsp->offset = 0;
		rsp->flags = flags;
		rsp->status = s->len;
	}
	if (gso)
		xnb_rx_write_gso(q, b->slots[0].idx + 1, skb);
}

/* Build one packet: take its requests, queue its copies and responses. */
static void xnb_rx_one(struct xnb_queue *q, struct sk_buff *skb)
{
	struct xnb_rx_pending *p = &q->rx_pending[q->rx_nr_pending++];
	struct xnb_rx_slot extra;
	struct xnb_rx_build b;

	p->skb = skb;
	p->first_idx = q->rx.req_cons;
	p->first_op = q->rx_nr_ops;
	p->has_extra = skb_is_gso(skb);

	b.nr = 1;
	xnb_rx_take_req(q, &b.slots[0]);
	if (p->has_extra)
		xnb_rx_take_req(q, &extra);	/* its buffer stays unused */

	xnb_rx_copy_skb(q, &b, skb);
	xnb_rx_write_rsps(q, &b, skb, p->has_extra);

	p->nr_slots = q->rx.req_cons - p->first_idx;
	p->nr_ops = q->rx_nr_ops - p->first_op;
	q->rx.rsp_prod_pvt = q->rx.req_cons;
}

/* A packet whose copy failed: every data slot reports an error. */
static void xnb_rx_fail(struct xnb_queue *q, const struct xnb_rx_pending *p)
{
	unsigned int i;

	for (i = 0; i < p->nr_slots; i++) {
		if (p->has_extra && i == 1)
			continue;
		RING_GET_RESPONSE(&q->rx, p->first_idx + i)->status =
			XNIF_RSP_ERROR;
	}
}

/* Run the queued copies, fix up failures, publish and notify. */
static void xnb_rx_flush(struct xnb_queue *q)
{
	unsigned int i, pkts = 0, bytes = 0, errs = 0;
	int notify;

	if (!q->rx_nr_pending)
		return;
	if (q->rx_nr_ops)
		gnttab_batch_copy(q->rx_ops, q->rx_nr_ops);

	for (i = 0; i < q->rx_nr_pending; i++) {
		struct xnb_rx_pending *p = &q->rx_pending[i];

		if (xnb_copy_ops_ok(&q->rx_ops[p->first_op], p->nr_ops)) {
			pkts++;
			bytes += p->skb->len;
		} else {
			xnb_rx_fail(q, p);
			errs++;
		}
		consume_skb(p->skb);
		p->skb = NULL;
	}
	xnb_stats_count(&q->rx_stats, pkts, bytes, 0, errs);
	q->rx_nr_ops = 0;
	q->rx_nr_pending = 0;

	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&q->rx, notify);
	if (notify)
		notify_remote_via_irq(q->rx_irq);
}

/* Move as many queued packets as the posted buffers take. */
static void xnb_rx_action(struct xnb_queue *q)
{
	unsigned int needed, done = 0;
	struct sk_buff *skb;
	int avail;

	while (done < XNB_RX_BATCH * 4 && !xnb_vif_disabled(q->vif)) {
		needed = xnb_rx_head_needs(q);
		if (!needed)
			break;
		avail = xnb_rx_avail(q, needed, false);
		if (avail < 0) {
			xnb_vif_fatal(q, "RX request producer beyond the ring");
			break;
		}
		if (avail < needed)
			break;
		/* The requests must not be read before req_prod. */
		virt_rmb();

		if (q->rx_nr_pending == XNB_RX_BATCH ||
		    q->rx_nr_ops + XNB_RX_PKT_OPS > XNB_RX_OPS)
			xnb_rx_flush(q);

		skb = xnb_rx_dequeue(q);
		if (!skb)
			break;
		xnb_rx_one(q, skb);
		q->rx_last_progress = jiffies;
		done++;
	}
	xnb_rx_flush(q);
}

/* Nothing could be sent for too long: drop the queue, restart xmit. */
static void xnb_rx_check_drain(struct xnb_queue *q)
{
	unsigned long timeout = msecs_to_jiffies(xnb_rx_drain_timeout_msecs);
	struct net_device *dev = q->vif->dev;
	unsigned int n;

	if (skb_queue_empty_lockless(&q->rx_queue)) {
		q->rx_last_progress = jiffies;
		return;
	}
	if (!xnb_vif_disabled(q->vif) &&
	    time_before(jiffies, q->rx_last_progress + timeout))
		return;

	n = xnb_rx_drop_all(q);
	if (n && !xnb_vif_disabled(q->vif))
		net_info_ratelimited("%s: guest posted no RX buffers for %u ms, dropped %u packets\n",
				     q->name, xnb_rx_drain_timeout_msecs, n);
	q->rx_last_progress = jiffies;
	netif_tx_wake_queue(netdev_get_tx_queue(dev, q->id));
}

/* The guest RX kthread of one queue. */
int xnb_rx_thread(void *data)
{
	struct xnb_queue *q = data;
	unsigned long timeout;

	for (;;) {
		timeout = msecs_to_jiffies(xnb_rx_drain_timeout_msecs);
		wait_event_interruptible_timeout(q->rx_wq,
						 xnb_rx_ready(q) ||
						 kthread_should_stop(),
						 timeout);
		if (kthread_should_stop())
			break;

		xnb_rx_action(q);
		xnb_rx_check_drain(q);
		cond_resched();
	}
	return 0;
}
