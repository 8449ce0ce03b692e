// SPDX-License-Identifier: GPL-2.0-only
/* xen-netback: the vif netdev and the resources of each queue (rings,
 * event channels, NAPI and the guest RX kthread).
 */
#include "common.h"

#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/rtnetlink.h>
#include <net/netdev_queues.h>
#include <xen/events.h>
#include <xen-netif/compat.h>

/* The vif's own address; bridges never pick it as theirs. */
static const u8 xnb_dev_addr[ETH_ALEN] = {
	0xfe, 0xff, 0xff, 0xff, 0xff, 0xff
};

/* Work for the NAPI poll on the guest TX ring, read without trusting it. */
static bool xnb_tx_event_work(struct xnb_queue *q)
{
	return !xnb_vif_disabled(q->vif) && RING_HAS_UNCONSUMED_REQUESTS(&q->tx);
}

/**
 * xnb_queue_eoi - a part of a queue finished the work an event gave it
 * @q: the queue
 * @part: XNB_EOI_TX (the NAPI poll completed) or XNB_EOI_RX (the
 *        kthread looked at the ring and its queue)
 *
 * Only then may the frontend's next event come (late EOI, XSA-332): a
 * guest that signals while its work is being done costs nothing more.  On
 * a shared channel the EOI waits for both parts the event woke.
 */
void xnb_queue_eoi(struct xnb_queue *q, unsigned int part)
{
	unsigned int old = atomic_fetch_andnot(part, &q->eoi_pending);
	unsigned int tx_irq = READ_ONCE(q->tx_irq);
	unsigned int rx_irq = READ_ONCE(q->rx_irq);

	if (!(old & part))
		return;
	if (tx_irq == rx_irq) {
		if (!(old & ~part))
			xen_irq_lateeoi(tx_irq, 0);
		return;
	}
	xen_irq_lateeoi(part == XNB_EOI_TX ? tx_irq : rx_irq, 0);
}

/* Each handler passes the event on to the part with work for it and
 * leaves the EOI to that part (xnb_queue_eoi()).  An event that brings
 * no work (nothing new on the ring, or the vif disabled) is EOIed at once
 * as spurious, so the event core delays the next one more and more: a
 * guest signalling for nothing is throttled, while a busy queue, whose
 * events do bring work, never is.
 */
static irqreturn_t xnb_tx_interrupt(int irq, void *data)
{
	struct xnb_queue *q = data;

	/* an event may come before xnb_bind() returned the number */
	WRITE_ONCE(q->tx_irq, irq);
	atomic_long_inc(&q->tx_events);
	if (!xnb_tx_event_work(q)) {
		atomic_long_inc(&q->tx_spurious);
		xen_irq_lateeoi(irq, XEN_EOI_FLAG_SPURIOUS);
		return IRQ_HANDLED;
	}
	atomic_or(XNB_EOI_TX, &q->eoi_pending);
	napi_schedule(&q->napi);
	return IRQ_HANDLED;
}

static irqreturn_t xnb_rx_interrupt(int irq, void *data)
{
	struct xnb_queue *q = data;

	WRITE_ONCE(q->rx_irq, irq);
	atomic_long_inc(&q->rx_events);
	if (!xnb_rx_event_work(q)) {
		atomic_long_inc(&q->rx_spurious);
		xen_irq_lateeoi(irq, XEN_EOI_FLAG_SPURIOUS);
		return IRQ_HANDLED;
	}
	atomic_or(XNB_EOI_RX, &q->eoi_pending);
	xnb_rx_kick(q);
	return IRQ_HANDLED;
}

/* Shared event channel: one notification may be for either ring. */
static irqreturn_t xnb_both_interrupt(int irq, void *data)
{
	struct xnb_queue *q = data;
	bool tx, rx;

	WRITE_ONCE(q->tx_irq, irq);
	WRITE_ONCE(q->rx_irq, irq);
	tx = xnb_tx_event_work(q);
	rx = xnb_rx_event_work(q);
	atomic_long_inc(&q->tx_events);
	if (!tx && !rx) {
		atomic_long_inc(&q->tx_spurious);
		xen_irq_lateeoi(irq, XEN_EOI_FLAG_SPURIOUS);
		return IRQ_HANDLED;
	}
	/* Both bits before either part runs: the last one done EOIs. */
	atomic_or((tx ? XNB_EOI_TX : 0) | (rx ? XNB_EOI_RX : 0),
		  &q->eoi_pending);
	if (tx)
		napi_schedule(&q->napi);
	if (rx)
		xnb_rx_kick(q);
	return IRQ_HANDLED;
}

/**
 * xnb_queue_kick - act on a queue as if both ends had signalled
 * @q: the queue, connected (debugfs "kick": its file goes before the
 *     queue is disconnected, and removing it waits for us)
 *
 * For a queue that looks stuck on a lost event: NAPI looks at the guest
 * TX ring, the kthread at the guest RX ring, and the frontend gets an
 * event on each channel.  No EOI is owed for this: the poll and the
 * kthread EOI only what an interrupt handed them.
 *
 * Return: 0, or -ENOTCONN if the vif is disabled or the queue is down.
 */
int xnb_queue_kick(struct xnb_queue *q)
{
	unsigned int tx_irq = READ_ONCE(q->tx_irq);
	unsigned int rx_irq = READ_ONCE(q->rx_irq);

	if (!q->connected || xnb_vif_disabled(q->vif))
		return -ENOTCONN;
	atomic_long_inc(&q->kicks);
	local_bh_disable();
	napi_schedule(&q->napi);
	local_bh_enable();
	xnb_rx_kick(q);
	notify_remote_via_irq(tx_irq);
	if (rx_irq != tx_irq)
		notify_remote_via_irq(rx_irq);
	return 0;
}

/**
 * xnb_vif_fatal - the guest broke the protocol: stop using this vif
 * @q: the queue where it was seen
 * @what: what was wrong, for the one log line
 *
 * Any context. Only this vif is affected; it stays disabled until the
 * frontend reconnects.  Under rx_stall_lock, so that no stall check can
 * turn the carrier back on after this.
 */
void xnb_vif_fatal(struct xnb_queue *q, const char *what)
{
	struct xnb_vif *vif = q->vif;
	unsigned long flags;
	unsigned int i;
	bool first;

	spin_lock_irqsave(&vif->rx_stall_lock, flags);
	first = !vif->disabled;
	if (first) {
		WRITE_ONCE(vif->disabled, true);
		netif_carrier_off(vif->dev);
	}
	spin_unlock_irqrestore(&vif->rx_stall_lock, flags);
	if (!first)
		return;
	netdev_err(vif->dev, "%s: %s; disabling the vif\n", q->name, what);
	/* every kthread drops what it holds and goes to sleep */
	for (i = 0; i < vif->num_queues; i++)
		wake_up(&vif->queues[i].rx_wq);
}

/* Carrier on, unless the vif was disabled or a queue stalled meanwhile. */
void xnb_vif_carrier_on(struct xnb_vif *vif)
{
	unsigned long flags;

	rtnl_lock();
	spin_lock_irqsave(&vif->rx_stall_lock, flags);
	if (!xnb_vif_disabled(vif) && !vif->rx_stalled)
		netif_carrier_on(vif->dev);
	spin_unlock_irqrestore(&vif->rx_stall_lock, flags);
	if (netif_running(vif->dev))
		netif_tx_wake_all_queues(vif->dev);
	rtnl_unlock();
}

void xnb_vif_carrier_off(struct xnb_vif *vif)
{
	rtnl_lock();
	netif_carrier_off(vif->dev);
	/* No ndo_start_xmit runs on any queue once this returns. */
	netif_tx_disable(vif->dev);
	rtnl_unlock();
}

static int xnb_map_ring(struct xnb_queue *q, const grant_ref_t *refs,
			unsigned int order, void **addr)
{
	grant_ref_t copy[XNIF_RING_MAX_PAGES];
	int err;

	memcpy(copy, refs, sizeof(*refs) << order);
	err = xenbus_map_ring_valloc(q->vif->xdev, copy, 1U << order, addr);
	if (err)
		xnb_fe_fatal(q->vif, err, "mapping ring ref %u (%u pages)",
			     refs[0], 1U << order);
	return err;
}

/* Where the ring's responses stand, read once.  A frontend that stayed
 * Connected while the backend driver was swapped (unbind, another
 * netback bound) keeps its rings: we go on from its rsp_prod, as the
 * stock netback does, instead of answering requests from slot 0 again.
 * A fresh ring has 0 there.  The producer check of every poll, applied
 * here once, refuses more requests than slots at connect.
 */
static int xnb_ring_start(struct xnb_queue *q, const char *name,
			  u32 req_prod, u32 rsp_prod, unsigned int size,
			  RING_IDX *start)
{
	if (xnif_ring_unconsumed_requests(req_prod, rsp_prod, rsp_prod,
					  size) < 0) {
		xnb_fe_fatal(q->vif, -EINVAL,
			     "queue %u: %s ring req_prod %u rsp_prod %u: more requests than its %u slots",
			     q->id, name, req_prod, rsp_prod, size);
		return -EINVAL;
	}
	*start = rsp_prod;
	return 0;
}

static int xnb_queue_map_rings(struct xnb_queue *q,
			       const grant_ref_t *tx_refs,
			       const grant_ref_t *rx_refs, unsigned int order)
{
	unsigned int size = XEN_PAGE_SIZE << order;
	struct xnif_rx_sring *rxs;
	struct xnif_tx_sring *txs;
	RING_IDX tx_start, rx_start;
	int err;

	err = xnb_map_ring(q, tx_refs, order, (void **)&txs);
	if (err)
		return err;
	err = xnb_ring_start(q, "tx", READ_ONCE(txs->req_prod),
			     READ_ONCE(txs->rsp_prod),
			     xnif_order_tx_entries(order), &tx_start);
	if (err)
		goto out_unmap_tx;
	BACK_RING_ATTACH(&q->tx, txs, tx_start, size);

	err = xnb_map_ring(q, rx_refs, order, (void **)&rxs);
	if (err)
		goto out_unmap_tx;
	err = xnb_ring_start(q, "rx", READ_ONCE(rxs->req_prod),
			     READ_ONCE(rxs->rsp_prod),
			     xnif_order_rx_entries(order), &rx_start);
	if (err) {
		xenbus_unmap_ring_vfree(q->vif->xdev, rxs);
		goto out_unmap_tx;
	}
	BACK_RING_ATTACH(&q->rx, rxs, rx_start, size);
	return 0;

out_unmap_tx:
	xenbus_unmap_ring_vfree(q->vif->xdev, txs);
	q->tx.sring = NULL;
	return err;
}

static void xnb_queue_unmap_rings(struct xnb_queue *q)
{
	xenbus_unmap_ring_vfree(q->vif->xdev, q->rx.sring);
	xenbus_unmap_ring_vfree(q->vif->xdev, q->tx.sring);
	q->rx.sring = NULL;
	q->tx.sring = NULL;
}

static int xnb_bind(struct xnb_queue *q, evtchn_port_t port,
		    irq_handler_t handler, const char *name)
{
	int irq;

	irq = bind_interdomain_evtchn_to_irqhandler_lateeoi(q->vif->xdev,
							    port, handler, 0,
							    name, q);
	if (irq < 0)
		xnb_fe_fatal(q->vif, irq, "binding event channel %u", port);
	return irq;
}

static int xnb_queue_bind_irqs(struct xnb_queue *q, evtchn_port_t tx_evtchn,
			       evtchn_port_t rx_evtchn)
{
	int irq;

	if (tx_evtchn == rx_evtchn) {
		irq = xnb_bind(q, tx_evtchn, xnb_both_interrupt, q->name);
		if (irq < 0)
			return irq;
		q->tx_irq = irq;
		q->rx_irq = irq;
		return 0;
	}

	snprintf(q->tx_irq_name, sizeof(q->tx_irq_name), "%s-tx", q->name);
	snprintf(q->rx_irq_name, sizeof(q->rx_irq_name), "%s-rx", q->name);
	irq = xnb_bind(q, tx_evtchn, xnb_tx_interrupt, q->tx_irq_name);
	if (irq < 0)
		return irq;
	q->tx_irq = irq;

	/* On failure TX stays bound: the poll may be notifying through it,
	 * so the caller unbinds it once NAPI and the kthread have stopped.
	 */
	irq = xnb_bind(q, rx_evtchn, xnb_rx_interrupt, q->rx_irq_name);
	if (irq < 0)
		return irq;
	q->rx_irq = irq;
	return 0;
}

/* What xnb_queue_bind_irqs() left bound when it failed. */
static void xnb_queue_unbind_failed(struct xnb_queue *q)
{
	if (q->tx_irq)
		unbind_from_irqhandler(q->tx_irq, q);
	q->tx_irq = 0;
	q->rx_irq = 0;
}

static void xnb_queue_unbind_irqs(struct xnb_queue *q)
{
	if (q->rx_irq != q->tx_irq)
		unbind_from_irqhandler(q->rx_irq, q);
	unbind_from_irqhandler(q->tx_irq, q);
	q->rx_irq = 0;
	q->tx_irq = 0;
}

/* Fresh per-connection state, set before NAPI and the kthread start. */
static void xnb_queue_reset(struct xnb_queue *q)
{
	q->tx_nr_ops = 0;
	q->tx_nr_pending = 0;
	q->rx_nr_ops = 0;
	q->rx_nr_pending = 0;
	q->rx_last_progress = jiffies;
	q->rx_last_packet = jiffies;
	q->rx_drained_at = jiffies - 2;	/* no stream yet */
	q->rx_stalled = false;
	atomic_set(&q->eoi_pending, 0);
	xnb_tx_credit_reset(q);
}

/**
 * xnb_queue_connect - map a queue's rings and staging, start its datapath
 * @q: the queue
 * @nq: queues the frontend uses (for its staging keys)
 * @tx_refs: grants of the guest TX ring's pages
 * @rx_refs: grants of the guest RX ring's pages
 * @order: 2^order pages per ring (checked by the caller)
 * @tx_evtchn: the frontend's event channel for TX
 * @rx_evtchn: the same as @tx_evtchn if the channel is shared
 *
 * Return: 0 or a negative errno (already reported with xenbus_dev_fatal).
 */
int xnb_queue_connect(struct xnb_queue *q, unsigned int nq,
		      const grant_ref_t *tx_refs, const grant_ref_t *rx_refs,
		      unsigned int order, evtchn_port_t tx_evtchn,
		      evtchn_port_t rx_evtchn)
{
	struct task_struct *task;
	int err;

	err = xnb_stg_connect(q, nq, order);
	if (err)
		return err;

	snprintf(q->name, sizeof(q->name), "%s-q%u", q->vif->name, q->id);
	xnb_queue_reset(q);

	err = xnb_queue_map_rings(q, tx_refs, rx_refs, order);
	if (err)
		goto out_stg_disconnect;

	netif_napi_add(q->vif->dev, &q->napi, xnb_tx_poll);
	napi_enable(&q->napi);

	task = kthread_run(xnb_rx_thread, q, "%s-guest-rx", q->name);
	if (IS_ERR(task)) {
		err = PTR_ERR(task);
		xnb_fe_fatal(q->vif, err, "starting %s-guest-rx", q->name);
		goto out_del_napi;
	}
	q->rx_task = task;

	err = xnb_queue_bind_irqs(q, tx_evtchn, rx_evtchn);
	if (err)
		goto out_stop_thread;

	q->connected = true;
	/* an attached ring may hold requests the frontend will not notify
	 * about again: look once
	 */
	napi_schedule(&q->napi);
	return 0;

out_stop_thread:
	kthread_stop(q->rx_task);
	q->rx_task = NULL;
out_del_napi:
	napi_disable(&q->napi);
	netif_napi_del(&q->napi);
	xnb_queue_unbind_failed(q);
	xnb_queue_unmap_rings(q);
out_stg_disconnect:
	xnb_stg_disconnect(q);
	return err;
}

/* Undo xnb_queue_connect(); the netdev queues must be stopped already.
 * The poll and the kthread notify and EOI through the irqs: both stop
 * before the irqs go (a number unbound may be reused at once).
 */
void xnb_queue_disconnect(struct xnb_queue *q)
{
	if (!q->connected)
		return;

	/* ndo_start_xmit drops from now on. */
	q->connected = false;
	/* An interrupt after this schedules nothing. */
	napi_disable(&q->napi);
	kthread_stop(q->rx_task);
	q->rx_task = NULL;
	xnb_queue_unbind_irqs(q);
	/* After napi_disable(): a poll can no longer re-arm the timer. */
	timer_delete_sync(&q->credit_timer);
	/* No ndo_start_xmit runs now (xnb_vif_carrier_off()), so nothing
	 * arms it again; xnb_queues_free() cancels it once more anyway.
	 */
	hrtimer_cancel(&q->bufs->rx_kick_timer);
	netif_napi_del(&q->napi);
	xnb_rx_purge(q);
	xnb_queue_unmap_rings(q);
	xnb_stg_disconnect(q);
}

static int xnb_open(struct net_device *dev)
{
	netif_tx_start_all_queues(dev);
	return 0;
}

static int xnb_stop(struct net_device *dev)
{
	netif_tx_stop_all_queues(dev);
	return 0;
}

/* Add one group's counters (a consistent snapshot) to the four totals. */
static void xnb_stats_read(const struct xnb_stats *s, u64 *packets,
			   u64 *bytes, u64 *dropped, u64 *errors)
{
	unsigned int start;
	u64 p, b, d, e;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		p = u64_stats_read(&s->packets);
		b = u64_stats_read(&s->bytes);
		d = u64_stats_read(&s->dropped);
		e = u64_stats_read(&s->errors);
	} while (u64_stats_fetch_retry(&s->syncp, start));

	*packets += p;
	*bytes += b;
	*dropped += d;
	*errors += e;
}

static void xnb_stg_stats_read(const struct xnb_stg_stats *s, u64 *packets,
			       u64 *bytes)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		*packets = u64_stats_read(&s->packets);
		*bytes = u64_stats_read(&s->bytes);
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

static void xnb_stall_stats_read(const struct xnb_stall_stats *s,
				 struct xnb_qstats *v)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		v->rx_stalls = u64_stats_read(&s->stalls);
		v->rx_stall_recoveries = u64_stats_read(&s->recoveries);
		v->rx_drain_drops = u64_stats_read(&s->drain_drops);
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

static void xnb_op_stats_read(const struct xnb_op_stats *s, u64 *ops,
			      u64 *calls, u64 *notifies)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		*ops = u64_stats_read(&s->copy_ops);
		*calls = u64_stats_read(&s->copy_calls);
		*notifies = u64_stats_read(&s->notifies);
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

/* One queue's counters, the netdev's way ("rx": from the guest). */
static void xnb_queue_stats_read(const struct xnb_queue_stats *qs,
				 struct xnb_qstats *v)
{
	*v = (struct xnb_qstats){ };
	xnb_stats_read(&qs->guest_tx, &v->rx_packets, &v->rx_bytes,
		       &v->rx_dropped, &v->rx_errors);
	xnb_stats_read(&qs->guest_rx, &v->tx_packets, &v->tx_bytes,
		       &v->tx_dropped, &v->tx_errors);
	xnb_stats_read(&qs->xmit, &v->tx_packets, &v->tx_bytes,
		       &v->tx_dropped, &v->tx_errors);
	xnb_stg_stats_read(&qs->stg_tx, &v->rx_staged_packets,
			   &v->rx_staged_bytes);
	xnb_stg_stats_read(&qs->stg_rx, &v->tx_staged_packets,
			   &v->tx_staged_bytes);
	xnb_stall_stats_read(&qs->stall, v);
	xnb_op_stats_read(&qs->op_tx, &v->rx_copy_ops, &v->rx_copy_calls,
			  &v->rx_notifies);
	xnb_op_stats_read(&qs->op_rx, &v->tx_copy_ops, &v->tx_copy_calls,
			  &v->tx_notifies);
}

/* struct xnb_qstats is all u64s: add them one by one. */
static_assert(sizeof(struct xnb_qstats) % sizeof(u64) == 0);

static void xnb_qstats_add(struct xnb_qstats *sum,
			   const struct xnb_qstats *v)
{
	u64 *s = (u64 *)sum;
	const u64 *a = (const u64 *)v;
	unsigned int i;

	for (i = 0; i < sizeof(*v) / sizeof(u64); i++)
		s[i] += a[i];
}

/**
 * xnb_vif_stats_read - the vif's counters, the netdev's way
 * @vif: the vif
 * @total: filled in: every connection's since probe
 * @each: if not NULL, called with the counters of each queue index below
 *	max_queues, those of the connection now (zero for one it has not),
 *	the same snapshot as @total; called again if a disconnect raced
 * @arg: passed to @each
 *
 * The one reader of the counters, for ndo_get_stats64 and ethtool -S.
 */
void xnb_vif_stats_read(struct xnb_vif *vif, struct xnb_qstats *total,
			void (*each)(void *arg, unsigned int q,
				     const struct xnb_qstats *v),
			void *arg)
{
	struct xnb_queue *queues;
	struct xnb_qstats v;
	unsigned int seq, nq, i;

	/* xnb_queues_free() frees the queues a grace period after it
	 * folded their counters into stats_gone and set stats_nq to 0
	 */
	rcu_read_lock();
	do {
		seq = read_seqcount_begin(&vif->stats_seq);
		*total = vif->stats_gone;
		total->tx_dropped += atomic_long_read(&vif->xmit_no_queue);
		/* then the queues xnb_queues_alloc() published with it */
		nq = smp_load_acquire(&vif->stats_nq);
		queues = READ_ONCE(vif->queues);
		for (i = 0; i < vif->max_queues; i++) {
			v = (struct xnb_qstats){ };
			if (i < nq)
				xnb_queue_stats_read(queues[i].stats, &v);
			xnb_qstats_add(total, &v);
			if (each)
				each(arg, i, &v);
		}
	} while (read_seqcount_retry(&vif->stats_seq, seq));
	rcu_read_unlock();
}

/**
 * xnb_vif_stats_fold - keep the counters of queues about to be freed
 * @vif: the vif
 * @nq: its queues, which nothing counts in any more
 *
 * Adds them to stats_gone and stops readers from looking at the queues;
 * the caller waits for a grace period before freeing them.  Caller holds
 * RTNL, for the per-queue readers (qstats-get), which hold it too.
 */
void xnb_vif_stats_fold(struct xnb_vif *vif, unsigned int nq)
{
	struct xnb_qstats v;
	unsigned int i;

	/* one writer (xenbus); readers retry across this */
	ASSERT_RTNL();
	preempt_disable();
	write_seqcount_begin(&vif->stats_seq);
	for (i = 0; i < nq; i++) {
		xnb_queue_stats_read(vif->queues[i].stats, &v);
		xnb_qstats_add(&vif->stats_gone, &v);
	}
	WRITE_ONCE(vif->stats_nq, 0);
	write_seqcount_end(&vif->stats_seq);
	preempt_enable();
}

static void xnb_get_stats64(struct net_device *dev,
			    struct rtnl_link_stats64 *st)
{
	struct xnb_qstats v;

	xnb_vif_stats_read(xnb_netdev_vif(dev), &v, NULL, NULL);
	st->rx_packets = v.rx_packets;
	st->rx_bytes = v.rx_bytes;
	st->rx_dropped = v.rx_dropped;
	st->rx_errors = v.rx_errors;
	st->tx_packets = v.tx_packets;
	st->tx_bytes = v.tx_bytes;
	st->tx_dropped = v.tx_dropped;
	st->tx_errors = v.tx_errors;
}

#ifdef XNIF_HAVE_QSTATS
/* Per-queue counters for netlink (qstats-get), called under RTNL, which
 * xnb_queues_free() also holds to fold the queues into stats_gone: base
 * and queues are read in one state, and add up to xnb_get_stats64()'s
 * (but for the xmit drops with no queue, which neither counts here).
 * Queue indexes beyond this connection's are left out.
 */
static bool xnb_stats_queue(struct net_device *dev, int idx,
			    struct xnb_qstats *v)
{
	struct xnb_vif *vif = xnb_netdev_vif(dev);
	bool live;

	ASSERT_RTNL();
	rcu_read_lock();
	/* stats_nq first, then the queues published with it */
	live = idx >= 0 && idx < smp_load_acquire(&vif->stats_nq);
	if (live)
		xnb_queue_stats_read(READ_ONCE(vif->queues)[idx].stats, v);
	rcu_read_unlock();
	return live;
}

static void xnb_get_queue_stats_rx(struct net_device *dev, int idx,
				   struct netdev_queue_stats_rx *rx)
{
	struct xnb_qstats v;

	if (!xnb_stats_queue(dev, idx, &v))
		return;
	rx->packets = v.rx_packets;
	rx->bytes = v.rx_bytes;
}

static void xnb_get_queue_stats_tx(struct net_device *dev, int idx,
				   struct netdev_queue_stats_tx *tx)
{
	struct xnb_qstats v;

	if (!xnb_stats_queue(dev, idx, &v))
		return;
	tx->packets = v.tx_packets;
	tx->bytes = v.tx_bytes;
}

/* Earlier connections' queues: stats_gone, written under RTNL. */
static void xnb_get_base_stats(struct net_device *dev,
			       struct netdev_queue_stats_rx *rx,
			       struct netdev_queue_stats_tx *tx)
{
	const struct xnb_qstats *gone = &xnb_netdev_vif(dev)->stats_gone;

	ASSERT_RTNL();
	rx->packets = gone->rx_packets;
	rx->bytes = gone->rx_bytes;
	tx->packets = gone->tx_packets;
	tx->bytes = gone->tx_bytes;
}

static const struct netdev_stat_ops xnb_stat_ops = {
	.get_queue_stats_rx	= xnb_get_queue_stats_rx,
	.get_queue_stats_tx	= xnb_get_queue_stats_tx,
	.get_base_stats		= xnb_get_base_stats,
};
#endif /* XNIF_HAVE_QSTATS */

/* Offer the stack only what the frontend said it can take. */
static netdev_features_t xnb_fix_features(struct net_device *dev,
					  netdev_features_t features)
{
	struct xnb_vif *vif = xnb_netdev_vif(dev);

	if (!vif->fe.sg)
		features &= ~NETIF_F_SG;
	if (!vif->fe.gso_tcpv4)
		features &= ~NETIF_F_TSO;
	if (!vif->fe.gso_tcpv6)
		features &= ~NETIF_F_TSO6;
	if (!vif->fe.ip_csum)
		features &= ~NETIF_F_IP_CSUM;
	if (!vif->fe.ipv6_csum)
		features &= ~NETIF_F_IPV6_CSUM;
	return features;
}

static int xnb_change_mtu(struct net_device *dev, int mtu)
{
	struct xnb_vif *vif = xnb_netdev_vif(dev);

	/* Without SG a packet must fit in one page on the guest RX ring. */
	if (!vif->fe.sg && mtu > ETH_DATA_LEN)
		return -EINVAL;
	WRITE_ONCE(dev->mtu, mtu);
	return 0;
}

static const struct net_device_ops xnb_netdev_ops = {
	.ndo_open		= xnb_open,
	.ndo_stop		= xnb_stop,
	.ndo_start_xmit		= xnb_start_xmit,
	.ndo_select_queue	= xnb_select_queue,
	.ndo_get_stats64	= xnb_get_stats64,
	.ndo_fix_features	= xnb_fix_features,
	.ndo_change_mtu		= xnb_change_mtu,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

/**
 * xnb_netdev_register - set up and register vif<domid>.<handle>
 * @vif: the vif, with its name set; its netdev from xnb_vif_alloc()
 *
 * Called at probe, so the hotplug script finds the device to bridge.
 * On failure the netdev stays allocated: xnb_vif_free() frees both.
 *
 * Return: 0 or a negative errno.
 */
int xnb_netdev_register(struct xnb_vif *vif)
{
	struct net_device *dev = vif->dev;

	strscpy(dev->name, vif->name, sizeof(dev->name));
	SET_NETDEV_DEV(dev, &vif->xdev->dev);
	dev->netdev_ops = &xnb_netdev_ops;
	dev->ethtool_ops = &xnb_ethtool_ops;
	xnif_set_stat_ops(dev, &xnb_stat_ops);
	dev->hw_features = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM |
			   NETIF_F_TSO | NETIF_F_TSO6;
	dev->features = dev->hw_features | NETIF_F_RXCSUM;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = XNIF_MAX_TX_SIZE - ETH_HLEN;
	dev->tx_queue_len = 32;
	/* xnb_start_xmit() links each skb into its queue's rx_queue, so one
	 * skb must not be handed over twice (pktgen's clone_skb and burst).
	 */
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	eth_hw_addr_set(dev, xnb_dev_addr);

	/* Until a frontend says more: no offloads, but any MTU, so that the
	 * one the hotplug script sets before the guest connects (a jumbo
	 * bridge's) is taken; a frontend without feature-sg gets it lowered
	 * at connect (xnb_apply_features()).
	 */
	vif->fe = (struct xnb_fe_features){ .sg = true };

	netif_set_real_num_tx_queues(dev, 1);
	netif_carrier_off(dev);
	return register_netdev(dev);
}

/* Undo xnb_netdev_register(); the vif stays until xnb_vif_free(). */
void xnb_netdev_unregister(struct xnb_vif *vif)
{
	unregister_netdev(vif->dev);
}
