// SPDX-License-Identifier: GPL-2.0-only
/* xen-netback: guest RX. ndo_start_xmit queues each skb on its queue's
 * bounded internal queue and wakes that queue's kthread (one per queue);
 * the kthread grant-copies packets into the buffers the frontend posted,
 * in batches, writes the responses (with a GSO extra where needed) and
 * notifies the frontend.
 */
#include "common.h"

#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <uapi/linux/sched/types.h>
#include <xen/events.h>
#include <xen/page.h>

static_assert(XNB_RX_PLAN_OPS <= XNB_RX_OPS,
	      "one packet's copies fit an empty batch");
static_assert(XNB_RX_PIECES <= XNIF_COPY_MAX_PIECES,
	      "an skb's pieces fit the planner");

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
	unsigned int		headroom; /* free bytes before each slot's data */
	u8			*stg;	/* first id's staging buffer, or NULL */
	unsigned int		stg_len; /* its length (rx-data-len) */
	unsigned int		staged;	/* data bytes put there */
	bool			failed;	/* copy nothing, answer errors */
};

/* The extra-info slots of one packet, in the order they go out. */
struct xnb_rx_extras {
	struct xnif_extra_info	info[XNIF_EXTRA_TYPE_MAX];
	unsigned int		nr;
};

/* Data slots an skb takes: its bytes packed into full pages. */
static unsigned int xnb_rx_data_slots(const struct sk_buff *skb,
				      unsigned int headroom)
{
	return DIV_ROUND_UP(skb->len, XEN_PAGE_SIZE - headroom);
}

static void xnb_rx_gso_extra(const struct sk_buff *skb,
			     struct xnif_extra_info *ex)
{
	memset(ex, 0, sizeof(*ex));
	ex->type = XNIF_EXTRA_TYPE_GSO;
	ex->u.gso.size = skb_shinfo(skb)->gso_size;
	ex->u.gso.type = skb_shinfo(skb)->gso_type & SKB_GSO_TCPV6 ?
			 XNIF_GSO_TYPE_TCPV6 : XNIF_GSO_TYPE_TCPV4;
}

/* The extras of @skb, in type order as the stock backend sends them: GSO
 * for a GSO packet, HASH once the frontend chose a hash algorithm, XDP
 * whenever it asked for headroom.  Decided once per packet: the slot
 * count and the slots written must agree.
 */
static void xnb_rx_extras(struct xnb_vif *vif, const struct sk_buff *skb,
			  unsigned int headroom, struct xnb_rx_extras *ex)
{
	struct xnif_extra_info *e;
	unsigned int i;

	ex->nr = 0;
	if (skb_is_gso(skb))
		xnb_rx_gso_extra(skb, &ex->info[ex->nr++]);
	if (xnb_hash_extra(vif, skb, &ex->info[ex->nr]))
		ex->nr++;
	if (headroom) {
		e = &ex->info[ex->nr++];
		memset(e, 0, sizeof(*e));
		e->type = XNIF_EXTRA_TYPE_XDP;
		e->u.xdp.headroom = headroom;
	}
	for (i = 0; i + 1 < ex->nr; i++)
		ex->info[i].flags |= XNIF_EXTRA_FLAG_MORE;
}

void xnb_rx_kick(struct xnb_queue *q)
{
	wake_up(&q->rx_wq);
}

enum hrtimer_restart xnb_rx_kick_timer(struct hrtimer *t)
{
	xnb_rx_kick(container_of(t, struct xnb_queue_bufs, rx_kick_timer)->q);
	return HRTIMER_NORESTART;
}

/* A packet for an empty queue wakes the kthread.  While a stream keeps
 * running the queue dry (a pass emptied it this jiffy or the last) and
 * the kthread last ran on this CPU, the wake-up waits tx-usecs for more
 * packets to gather: woken here, it would preempt the sender every few
 * packets, two context switches each time (and a guest interrupt when
 * staging makes the pass cheap).  On another CPU it costs the sender
 * nothing.  Guest events still wake the kthread at once.
 */
static void xnb_rx_kick_soon(struct xnb_queue *q)
{
	u32 usecs = READ_ONCE(q->vif->rx_kick_usecs);

	if (!usecs || time_after(jiffies, READ_ONCE(q->rx_drained_at) + 1) ||
	    task_cpu(q->rx_task) != smp_processor_id()) {
		xnb_rx_kick(q);
		return;
	}
	if (!hrtimer_is_queued(&q->bufs->rx_kick_timer))
		hrtimer_start(&q->bufs->rx_kick_timer,
			      ns_to_ktime(usecs * NSEC_PER_USEC), HRTIMER_MODE_REL);
}

netdev_tx_t xnb_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct xnb_vif *vif = xnb_netdev_vif(dev);
	u16 qi = skb_get_queue_mapping(skb);
	struct xnb_queue *q = NULL;
	unsigned long flags;
	bool full, was_empty;

	if (qi >= vif->max_queues)
		qi = 0;
	/* Queues come and go with the connection: xnb_queues_free(). */
	if (qi < smp_load_acquire(&vif->num_queues))
		q = &vif->queues[qi];

	if (!q || !q->connected || xnb_vif_disabled(vif) || !skb->len ||
	    xnb_rx_data_slots(skb, READ_ONCE(vif->xdp_headroom)) >
	    XNIF_NR_SLOTS_MIN || !xnb_mcast_pass(vif, skb) ||
	    (skb_is_gso(skb) &&
	     !(skb_shinfo(skb)->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)))) {
		if (q)
			xnb_stats_count(&q->stats->xmit, 0, 0, 1, 0);
		else
			atomic_long_inc(&vif->xmit_no_queue);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}

	/* At the limit the netdev queue stops, and whatever still comes (a
	 * sender that does not look at it) is dropped, never queued: the
	 * guest decides how fast this queue drains (XSA-392).
	 */
	spin_lock_irqsave(&q->rx_queue.lock, flags);
	full = q->rx_bytes >= xnb_rx_queue_limit(q);
	was_empty = skb_queue_empty(&q->rx_queue);
	if (!full) {
		__skb_queue_tail(&q->rx_queue, skb);
		q->rx_bytes += skb->truesize;
	}
	if (q->rx_bytes >= xnb_rx_queue_limit(q))
		netif_tx_stop_queue(netdev_get_tx_queue(dev, qi));
	spin_unlock_irqrestore(&q->rx_queue.lock, flags);

	if (full) {
		xnb_stats_count(&q->stats->xmit, 0, 0, 1, 0);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	/* The kthread sleeps with packets queued only while the guest's
	 * ring is short, and then the guest's event wakes it: one more
	 * packet behind the first changes nothing, and a wake-up per packet
	 * would switch to it and back for nothing (a hypercall each way in
	 * a PV dom0).
	 */
	if (was_empty)
		xnb_rx_kick_soon(q);
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
		xnb_stats_count(&q->stats->guest_rx, 0, 0, n, 0);
	return n;
}

/* On disconnect, after the netdev queues were stopped. */
void xnb_rx_purge(struct xnb_queue *q)
{
	xnb_rx_drop_all(q);
}

/* Requests the frontend posted and we have not used. Negative if the
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

/* Ring slots the packet at the head of the queue needs (0 if none is
 * queued), with its extras in @ex.  Only the kthread takes packets off the
 * queue, so the head stays the same until it does.
 */
static unsigned int xnb_rx_head_needs(struct xnb_queue *q,
				      unsigned int headroom,
				      struct xnb_rx_extras *ex)
{
	unsigned int needed = 0;
	struct sk_buff *skb;
	unsigned long flags;

	spin_lock_irqsave(&q->rx_queue.lock, flags);
	skb = skb_peek(&q->rx_queue);
	if (skb) {
		xnb_rx_extras(q->vif, skb, headroom, ex);
		needed = xnb_rx_data_slots(skb, headroom) + ex->nr;
	}
	spin_unlock_irqrestore(&q->rx_queue.lock, flags);
	return needed;
}

/* Slots the guest must have posted for guest RX to go on: what the packet
 * at the head of the queue takes, or one when nothing is queued.
 */
static unsigned int xnb_rx_slots_wanted(struct xnb_queue *q)
{
	struct xnb_rx_extras ex;

	return max(xnb_rx_head_needs(q, READ_ONCE(q->vif->xdp_headroom), &ex),
		   1U);
}

/* Stall detection: nothing went to the guest for the timeout and its ring
 * cannot take the next packet.  Not only an empty ring: a guest keeping
 * one slot posted must not dodge it (CVE-2021-28714).
 */
static bool xnb_rx_stall_due(struct xnb_queue *q)
{
	unsigned long timeout = READ_ONCE(q->vif->rx_stall_timeout);
	int avail;

	if (!timeout || q->rx_stalled ||
	    !time_after(jiffies, q->rx_last_packet + timeout))
		return false;
	avail = xnb_rx_avail(q, 0, false);
	return avail >= 0 && avail < (int)xnb_rx_slots_wanted(q);
}

/* A stalled queue can go on (the event is armed for it while stalled). */
static bool xnb_rx_unstall_due(struct xnb_queue *q)
{
	unsigned int want;

	if (!q->rx_stalled)
		return false;
	want = xnb_rx_slots_wanted(q);
	return xnb_rx_avail(q, want, true) >= (int)want;
}

/* Wait condition of the kthread.  Once the vif is disabled only queued
 * packets (to drop) wake it: stalls are no longer tracked, and the thread
 * sleeps until the frontend reconnects.
 */
static bool xnb_rx_ready(struct xnb_queue *q)
{
	unsigned int needed;
	struct xnb_rx_extras ex;
	int avail;

	if (xnb_vif_disabled(q->vif))
		return !skb_queue_empty_lockless(&q->rx_queue);
	if (xnb_rx_unstall_due(q) || xnb_rx_stall_due(q))
		return true;
	needed = xnb_rx_head_needs(q, READ_ONCE(q->vif->xdp_headroom), &ex);
	if (!needed)
		return false;
	avail = xnb_rx_avail(q, needed, true);
	return avail < 0 || avail >= needed;
}

/**
 * xnb_rx_event_work - does a guest RX event bring the kthread work?
 * @q: the queue
 *
 * From the interrupt handler, without arming anything: true if the ring
 * now takes the packet at the head of the queue, lets a stalled queue go
 * on, or is garbage (for the kthread to find fatal).
 */
bool xnb_rx_event_work(struct xnb_queue *q)
{
	unsigned int want;
	int avail;

	if (xnb_vif_disabled(q->vif))
		return false;
	want = xnb_rx_slots_wanted(q);
	avail = xnb_rx_avail(q, want, false);
	if (avail < 0)
		return true;
	if (avail < (int)want)
		return false;
	return q->rx_stalled || !skb_queue_empty_lockless(&q->rx_queue);
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
		q->rx_bytes -= skb->truesize;
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

/* The source frame of a copy: @off bytes into @page, within one frame. */
static bool xnb_rx_add_op(struct xnb_queue *q, const struct xnb_rx_slot *s,
			  struct page *page, unsigned int off,
			  unsigned int dest_off, unsigned int n)
{
	struct gnttab_copy *op;

	/* the batch was sized from the plan: this cannot trigger */
	if (WARN_ON_ONCE(q->rx_nr_ops >= XNB_RX_OPS))
		return false;
	op = &q->rx_ops[q->rx_nr_ops++];
	op->source.u.gmfn = pfn_to_gfn(page_to_xen_pfn(page) +
				       (off >> XEN_PAGE_SHIFT));
	op->source.domid = DOMID_SELF;
	op->source.offset = off & ~XEN_PAGE_MASK;
	op->dest.u.ref = s->gref;
	op->dest.domid = q->vif->domid;
	op->dest.offset = dest_off;
	op->len = n;
	op->flags = GNTCOPY_dest_gref;
	return true;
}

/* Staging grants: memcpy @n bytes at @page + @off to the staging buffer. */
static void xnb_rx_stage(struct xnb_rx_build *b, struct page *page,
			 unsigned int off, unsigned int pos, unsigned int n)
{
	void *src = kmap_local_page(page);

	memcpy(b->stg + pos, src + off, n);
	kunmap_local(src);
	b->staged += n;
}

/* Gref mapping: memcpy @n bytes at @page + @off into @s's grant at
 * @dest_off if the queue maps it writable.  Return: false if it does not
 * (the caller grant-copies).
 */
static bool xnb_rx_mapped(struct xnb_queue *q, const struct xnb_rx_slot *s,
			  struct page *page, unsigned int off,
			  unsigned int dest_off, unsigned int n)
{
	void *src = kmap_local_page(page);
	bool done;

	done = xnb_gref_copy(q, s->gref, dest_off, src + off, n, true);
	kunmap_local(src);
	return done;
}

/* Plan the copies of @skb into q->rx_plan and q->rx_cost: its linear area
 * and frags as pieces, each counted from the start of its first page.
 * The packet's first bytes, up to the staging length, go to the staging
 * buffer (see include/xen-netif/netif.h: they exclude the headroom).
 */
static int xnb_rx_plan(struct xnb_queue *q, const struct sk_buff *skb,
		       unsigned int headroom)
{
	const struct xnif_copy_dst dst = {
		.headroom = headroom,
		.stg_len = q->stg_rx.len,
		.max_slots = XNIF_NR_SLOTS_MIN,
	};
	unsigned int i, nr = skb_shinfo(skb)->nr_frags + 1;
	int err;

	if (nr > XNB_RX_PIECES || skb_has_frag_list(skb))
		return -EMSGSIZE;
	q->rx_piece_pages[0] = virt_to_page(skb->data);
	q->rx_pieces[0].offset = offset_in_page(skb->data);
	q->rx_pieces[0].len = skb_headlen(skb);
	for (i = 1; i < nr; i++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i - 1];

		q->rx_piece_pages[i] = skb_frag_page(f);
		q->rx_pieces[i].offset = skb_frag_off(f);
		q->rx_pieces[i].len = skb_frag_size(f);
	}
	err = xnif_copy_plan(q->rx_pieces, nr, &dst, q->rx_plan,
			     XNB_RX_PLAN_OPS, &q->rx_cost);
	if (!err && q->rx_cost.total != skb->len)
		err = -EINVAL;
	return err;
}

/* Carry out the plan: take each slot's request as the plan reaches it,
 * memcpy the staged bytes and those for grants the queue maps, and queue
 * grant copies for the rest.  A failed
 * packet (@b->failed) still takes its slots, only copies nothing.
 */
static void xnb_rx_copy_plan(struct xnb_queue *q, struct xnb_rx_build *b)
{
	unsigned int i;

	for (i = 0; i < q->rx_cost.nr_ops; i++) {
		const struct xnif_copy_op *op = &q->rx_plan[i];
		struct page *page = nth_page(q->rx_piece_pages[op->piece],
					     op->src >> PAGE_SHIFT);
		unsigned int off = op->src & ~PAGE_MASK;
		struct xnb_rx_slot *s;

		while (b->nr <= op->slot)
			xnb_rx_take_req(q, &b->slots[b->nr++]);
		s = &b->slots[op->slot];
		s->len += op->len;
		if (b->failed)
			continue;
		if (op->staged)
			xnb_rx_stage(b, page, off, op->dst - b->headroom,
				     op->len);
		else if (xnb_rx_mapped(q, s, page, off, op->dst, op->len))
			continue;
		else if (!xnb_rx_add_op(q, s, page, off, op->dst, op->len))
			b->failed = true;
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

/* Write the data responses and the extras of a built packet.  Like the
 * stock backend, each data slot's status counts from the start of the
 * page (headroom included) and its offset is 0.
 */
static void xnb_rx_write_rsps(struct xnb_queue *q, const struct xnb_rx_build *b,
			      const struct sk_buff *skb,
			      const struct xnb_rx_extras *ex)
{
	unsigned int i;

	for (i = 0; i < b->nr; i++) {
		const struct xnb_rx_slot *s = &b->slots[i];
		struct xnif_rx_response *rsp;
		u16 flags = 0;

		if (i == 0) {
			flags = xnb_rx_csum_flags(skb);
			if (ex->nr)
				flags |= XNIF_RXF_EXTRA_INFO;
		}
		if (i + 1 < b->nr)
			flags |= XNIF_RXF_MORE_DATA;

		rsp = &RING_GET_RESPONSE(&q->rx, s->idx)->rsp;
		rsp->id = s->id;
		rsp->offset = 0;
		rsp->flags = flags;
		rsp->status = b->headroom + s->len;
	}
	for (i = 0; i < ex->nr; i++)
		RING_GET_RESPONSE(&q->rx, b->slots[0].idx + 1 + i)->extra =
			ex->info[i];
}

/* The first request's staging buffer, if this direction is staged. */
static void xnb_rx_stage_start(struct xnb_queue *q, struct xnb_rx_build *b)
{
	const struct xnb_stg *s = &q->stg_rx;
	u16 id = b->slots[0].id;

	b->stg = NULL;
	b->stg_len = 0;
	b->staged = 0;
	if (!s->len)
		return;
	if (id >= s->nr_ids) {
		/* the plan staged bytes we have nowhere to put; the vif stops */
		b->failed = true;
		xnb_vif_fatal(q, "RX request id beyond the staging data list");
		return;
	}
	b->stg = s->addr[id];
	b->stg_len = s->len;
}

/* Build one packet from its plan: take its requests, queue its copies
 * and write its responses.
 */
static void xnb_rx_one(struct xnb_queue *q, struct sk_buff *skb,
		       unsigned int headroom, const struct xnb_rx_extras *ex)
{
	struct xnb_rx_pending *p = &q->rx_pending[q->rx_nr_pending++];
	struct xnb_rx_slot extra;
	struct xnb_rx_build b;
	unsigned int i;

	p->skb = skb;
	p->first_idx = q->rx.req_cons;
	p->first_op = q->rx_nr_ops;
	p->nr_extras = ex->nr;

	b.nr = 1;
	b.headroom = headroom;
	b.failed = false;
	xnb_rx_take_req(q, &b.slots[0]);
	for (i = 0; i < ex->nr; i++)
		xnb_rx_take_req(q, &extra);	/* their buffers stay unused */
	xnb_rx_stage_start(q, &b);

	xnb_rx_copy_plan(q, &b);
	xnb_rx_write_rsps(q, &b, skb, ex);
	if (b.staged)
		xnb_stg_count(&q->stats->stg_rx, b.staged);

	p->failed = b.failed;
	p->nr_slots = q->rx.req_cons - p->first_idx;
	p->nr_ops = q->rx_nr_ops - p->first_op;
	q->rx.rsp_prod_pvt = q->rx.req_cons;
}

/* A packet whose copy failed: every data slot reports an error. */
static void xnb_rx_fail(struct xnb_queue *q, const struct xnb_rx_pending *p)
{
	unsigned int i;

	for (i = 0; i < p->nr_slots; i++) {
		if (i >= 1 && i <= p->nr_extras)
			continue;
		RING_GET_RESPONSE(&q->rx, p->first_idx + i)->rsp.status =
			XNIF_RSP_ERROR;
	}
}

/* Run the queued copies, fix up failures, publish and notify. */
static void xnb_rx_flush(struct xnb_queue *q)
{
	unsigned int i, pkts = 0, bytes = 0, errs = 0, ops = q->rx_nr_ops;
	int notify;

	if (!q->rx_nr_pending)
		return;
	if (ops)
		gnttab_batch_copy(q->rx_ops, ops);

	for (i = 0; i < q->rx_nr_pending; i++) {
		struct xnb_rx_pending *p = &q->rx_pending[i];

		if (!p->failed &&
		    xnb_copy_ops_ok(&q->rx_ops[p->first_op], p->nr_ops)) {
			pkts++;
			bytes += p->skb->len;
		} else {
			xnb_rx_fail(q, p);
			errs++;
		}
		consume_skb(p->skb);
		p->skb = NULL;
	}
	xnb_stats_count(&q->stats->guest_rx, pkts, bytes, 0, errs);
	q->rx_nr_ops = 0;
	q->rx_nr_pending = 0;

	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&q->rx, notify);
	if (notify)
		notify_remote_via_irq(q->rx_irq);
	xnb_op_count(&q->stats->op_rx, ops, ops ? 1 : 0, notify);
}

/* Move as many queued packets as the posted buffers take. */
static void xnb_rx_action(struct xnb_queue *q)
{
	unsigned int needed = 1, headroom, done = 0;
	struct xnb_rx_extras ex;
	struct sk_buff *skb;
	int avail;

	while (done < XNB_RX_BATCH * 4 && !xnb_vif_disabled(q->vif)) {
		headroom = READ_ONCE(q->vif->xdp_headroom);
		needed = xnb_rx_head_needs(q, headroom, &ex);
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

		skb = xnb_rx_dequeue(q);
		if (!skb)
			break;
		/* No plan: queued before the headroom grew, so it no longer
		 * fits its slots.  More grant copies than a whole batch
		 * cannot happen (XNB_RX_PLAN_OPS), but would be dropped too.
		 */
		if (xnb_rx_plan(q, skb, headroom) ||
		    q->rx_cost.nr_slots + ex.nr != needed ||
		    q->rx_cost.nr_copies > XNB_RX_OPS) {
			xnb_stats_count(&q->stats->guest_rx, 0, 0, 1, 0);
			kfree_skb(skb);
			continue;
		}
		if (q->rx_nr_pending == XNB_RX_BATCH ||
		    q->rx_nr_ops + q->rx_cost.nr_copies > XNB_RX_OPS)
			xnb_rx_flush(q);
		xnb_rx_one(q, skb, headroom, &ex);
		q->rx_last_progress = jiffies;
		q->rx_last_packet = jiffies;
		done++;
	}
	xnb_rx_flush(q);
	/* ran dry with more than one packet: a stream (xnb_rx_kick_soon()) */
	if (done > 1 && !needed)
		WRITE_ONCE(q->rx_drained_at, jiffies);
}

/* One more guest RX stall event (the kthread is the one writer). */
static void xnb_stall_count(struct xnb_queue *q, u64_stats_t *ctr,
			    unsigned int n)
{
	struct xnb_stall_stats *s = &q->stats->stall;

	u64_stats_update_begin(&s->syncp);
	u64_stats_add(ctr, n);
	u64_stats_update_end(&s->syncp);
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
	if (n && !xnb_vif_disabled(q->vif)) {
		xnb_stall_count(q, &q->stats->stall.drain_drops, n);
		net_info_ratelimited("%s: guest posted no RX buffers for %u ms, dropped %u packets\n",
				     q->name, xnb_rx_drain_timeout_msecs, n);
	}
	q->rx_last_progress = jiffies;
	netif_tx_wake_queue(netdev_get_tx_queue(dev, q->id));
}

/* Carrier off while any queue is stalled, on again once none is. */
static void xnb_rx_check_stall(struct xnb_queue *q)
{
	struct xnb_vif *vif = q->vif;
	bool stall = xnb_rx_stall_due(q);
	unsigned long flags;

	if (!stall && !xnb_rx_unstall_due(q))
		return;

	/* with xnb_vif_fatal(): no carrier on once the vif is disabled */
	spin_lock_irqsave(&vif->rx_stall_lock, flags);
	q->rx_stalled = stall;
	if (stall && vif->rx_stalled++ == 0) {
		netdev_info(vif->dev, "%s: guest RX stalled (no buffers for %u ms), carrier off\n",
			    q->name, xnb_rx_stall_timeout_msecs);
		netif_carrier_off(vif->dev);
	} else if (!stall && --vif->rx_stalled == 0 &&
		   !xnb_vif_disabled(vif)) {
		netdev_info(vif->dev, "%s: guest RX ready, carrier on\n",
			    q->name);
		netif_carrier_on(vif->dev);
	}
	spin_unlock_irqrestore(&vif->rx_stall_lock, flags);
	if (stall) {
		xnb_stall_count(q, &q->stats->stall.stalls, 1);
		return;
	}
	xnb_stall_count(q, &q->stats->stall.recoveries, 1);
	q->rx_last_packet = jiffies;
}

/* How long the kthread sleeps with nothing to do: timed checks only. */
static long xnb_rx_timeout(struct xnb_queue *q)
{
	unsigned long timeout, stall;

	if (xnb_vif_disabled(q->vif))
		return MAX_SCHEDULE_TIMEOUT;
	timeout = msecs_to_jiffies(xnb_rx_drain_timeout_msecs);
	stall = READ_ONCE(q->vif->rx_stall_timeout);
	if (stall && stall < timeout)
		timeout = stall;
	return timeout;
}

static bool xnb_rx_eoi_owed(struct xnb_queue *q)
{
	return atomic_read(&q->eoi_pending) & XNB_EOI_RX;
}

/* A request producer no honest frontend can write is fatal even with no
 * packet queued: otherwise each of the guest's events would count as work
 * (xnb_rx_event_work()) and never be throttled.
 */
static void xnb_rx_check_prod(struct xnb_queue *q)
{
	if (xnb_rx_avail(q, 0, false) < 0)
		xnb_vif_fatal(q, "guest RX request producer out of range");
}

/* While tx-usecs coalesces wake-ups the kthread is SCHED_BATCH: a wake-up
 * then does not preempt the task that queued the packet, so a sender on
 * the kthread's CPU goes on filling the queue until it sleeps or its slice
 * ends, and the kthread takes the lot in one pass (on an idle CPU it still
 * runs at once).  Preempted for every few packets, a one-vCPU dom0 spent
 * a fifth of its time switching.  tx-usecs 0 makes it SCHED_NORMAL again,
 * preempting as the stock one does.  Its share of the CPU (nice 0) is the
 * same either way.  Called by the kthread on itself, whenever the knob
 * may have changed.
 */
static void xnb_rx_set_policy(struct xnb_queue *q, bool *batch)
{
	bool want = READ_ONCE(q->vif->rx_kick_usecs) != 0;
	struct sched_attr attr = {
		.size		= sizeof(attr),
		.sched_policy	= want ? SCHED_BATCH : SCHED_NORMAL,
		.sched_nice	= task_nice(current),	/* an admin's renice stays */
	};
	int err;

	if (*batch == want)
		return;
	*batch = want;	/* tried once per change, even if refused */
	err = sched_setattr_nocheck(current, &attr);
	if (err)
		netdev_warn(q->vif->dev, "%s: cannot make the guest RX kthread %s: %d\n",
			    q->name, want ? "SCHED_BATCH" : "SCHED_NORMAL",
			    err);
}

/* The guest RX kthread of one queue. */
int xnb_rx_thread(void *data)
{
	struct xnb_queue *q = data;
	bool batch = false;	/* kthreads start SCHED_NORMAL */

	for (;;) {
		xnb_rx_set_policy(q, &batch);
		/* An RX event whose EOI is still owed wakes the thread too:
		 * it may have come after the last look, and its EOI must not
		 * wait for the next packet or timeout.
		 */
		wait_event_interruptible_timeout(q->rx_wq,
						 xnb_rx_ready(q) ||
						 xnb_rx_eoi_owed(q) ||
						 kthread_should_stop(),
						 xnb_rx_timeout(q));
		if (kthread_should_stop())
			break;

		xnb_rx_action(q);
		xnb_rx_check_drain(q);
		if (!xnb_vif_disabled(q->vif)) {
			xnb_rx_check_prod(q);
			xnb_rx_check_stall(q);
		}
		/* What an RX event asked for has been looked at. */
		xnb_queue_eoi(q, XNB_EOI_RX);
		cond_resched();
	}
	return 0;
}
