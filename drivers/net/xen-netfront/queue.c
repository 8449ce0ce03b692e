// SPDX-License-Identifier: GPL-2.0-only
/* xen-netfront: per-queue resources. Each queue owns a TX and an RX ring
 * page granted to the backend, one event channel (or one per direction),
 * a NAPI context serving both directions, and the grant references of
 * every slot, claimed once for the queue's whole life, and its staging
 * buffers; all created and destroyed here (the rings by ring.c's helpers).
 */
#include "netfront.h"

#include <linux/interrupt.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>
#include XNIF_PAGE_POOL_H

/* The backend broke the protocol: say why once, then stop using it. */
void xnf_set_broken(struct xnf_vif *vif, struct xnf_queue *q,
		    const char *what, const char *why)
{
	if (READ_ONCE(vif->broken))
		return;
	WRITE_ONCE(vif->broken, true);
	netdev_err(vif->netdev, "%s: %s: %s; device disabled\n",
		   q->name, what, why);
	netif_carrier_off(vif->netdev);
}

/* A page the backend may still map: the grant table frees it once the
 * backend lets go (at once if it already has), taking over @ref too.  The
 * extra reference keeps the page from being reused meanwhile: a page pool
 * page that is put back with it is released from the pool, not recycled.
 */
void xnf_grant_defer(grant_ref_t ref, struct page *page)
{
	get_page(page);
	gnttab_end_foreign_access(ref, page);
}

/* Responses published that NAPI has not consumed yet, either ring. */
static bool xnf_queue_has_work(struct xnf_queue *q)
{
	return READ_ONCE(q->rx.sring->rsp_prod) != READ_ONCE(q->rx.rsp_cons) ||
	       READ_ONCE(q->tx.sring->rsp_prod) != READ_ONCE(q->tx.rsp_cons);
}

/* What an event says about one ring (xnif_ring_event_check), from its
 * front ring's consumer @cons, the shared producer @prod and our request
 * producer @req: read the consumer before the producer and our requests
 * after it, so that NAPI racing on another CPU can make a real advance
 * look old but never a good producer look impossible.
 */
static enum xnif_evt xnf_ring_event(const RING_IDX *cons, const RING_IDX *prod,
				    const RING_IDX *req, unsigned int size,
				    u32 *seen)
{
	u32 c, p, r;

	c = READ_ONCE(*cons);
	virt_rmb();	/* our consumer before the backend's producer */
	p = READ_ONCE(*prod);
	virt_rmb();	/* that producer before our requests it is judged by */
	r = READ_ONCE(*req);
	return xnif_ring_event_check(p, c, r, size, seen);
}

/* No responses left: re-arm rsp_event and look once more (the macro's
 * barrier keeps a response published meanwhile from being missed).  The
 * xmit path consumes TX responses and sets the TX event index too: both
 * under tx_lock, so neither arms an index the other has consumed past.
 */
static bool xnf_more_responses(struct xnf_queue *q)
{
	int more;

	RING_FINAL_CHECK_FOR_RESPONSES(&q->rx, more);
	if (more)
		return true;
	spin_lock(&q->tx_lock);
	RING_FINAL_CHECK_FOR_RESPONSES(&q->tx, more);
	spin_unlock(&q->tx_lock);
	return more;
}

static void xnf_evt_count(struct xnf_evt_stats *st, unsigned int eoi)
{
	u64_stats_update_begin(&st->syncp);
	u64_stats_inc(&st->events);
	if (eoi)
		u64_stats_inc(&st->spurious);
	u64_stats_update_end(&st->syncp);
}

/* Late EOI (XSA-391): an event is work only if a ring's producer moved
 * past what the last credited event saw; anything else is reported
 * spurious, so that Xen throttles a backend that signals for nothing,
 * whether the responses it points at are new, old or unconsumed because
 * the device is down.  A producer past our requests or moved back breaks
 * the device here, even while NAPI is off.  NAPI is still scheduled for
 * any unconsumed response: it checks them itself, and an event judged
 * old (racing with NAPI) must not lose one.
 */
static void xnf_event(struct xnf_queue *q, int irq, bool tx, bool rx)
{
	enum xnif_evt te = XNIF_EVT_NONE, re = XNIF_EVT_NONE;
	unsigned int eoi = XEN_EOI_FLAG_SPURIOUS;

	if (unlikely(READ_ONCE(q->vif->broken)))
		goto out_eoi;
	if (tx)
		te = xnf_ring_event(&q->tx.rsp_cons, &q->tx.sring->rsp_prod,
				    &q->tx.req_prod_pvt, q->tx_size,
				    &q->tx_prod_seen);
	if (rx)
		re = xnf_ring_event(&q->rx.rsp_cons, &q->rx.sring->rsp_prod,
				    &q->rx.req_prod_pvt, q->rx_size,
				    &q->rx_prod_seen);
	if (unlikely(te == XNIF_EVT_BAD || re == XNIF_EVT_BAD)) {
		xnf_set_broken(q->vif, q, te == XNIF_EVT_BAD ? "TX ring" :
			       "RX ring",
			       "event for a response producer beyond the requests or moved back");
		goto out_eoi;
	}
	if (te == XNIF_EVT_NEW || re == XNIF_EVT_NEW)
		eoi = 0;
	if (xnf_queue_has_work(q))
		napi_schedule(&q->napi);
out_eoi:
	xnf_evt_count(rx ? &q->rx_evt : &q->tx_evt, eoi);
	xen_irq_lateeoi(irq, eoi);
}

/* One event channel for both rings. */
static irqreturn_t xnf_interrupt(int irq, void *dev_id)
{
	xnf_event(dev_id, irq, true, true);
	return IRQ_HANDLED;
}

/* Split event channels: each handler judges its own ring only. */
static irqreturn_t xnf_tx_interrupt(int irq, void *dev_id)
{
	xnf_event(dev_id, irq, true, false);
	return IRQ_HANDLED;
}

static irqreturn_t xnf_rx_interrupt(int irq, void *dev_id)
{
	xnf_event(dev_id, irq, false, true);
	return IRQ_HANDLED;
}

static int xnf_poll(struct napi_struct *napi, int budget)
{
	struct xnf_queue *q = container_of(napi, struct xnf_queue, napi);
	int work;

	if (unlikely(READ_ONCE(q->vif->broken))) {
		napi_complete(napi);
		return 0;
	}

	spin_lock(&q->tx_lock);
	xnf_tx_complete(q, budget);
	spin_unlock(&q->tx_lock);

	work = xnf_rx_poll(q, budget);
	xnf_rx_refill(q);

	if (work < budget && napi_complete_done(napi, work) &&
	    !READ_ONCE(q->vif->broken) && xnf_more_responses(q))
		napi_schedule(napi);
	return work;
}

/* Claim one grant reference per TX id and per RX slot. */
static int xnf_grefs_claim(struct xnf_queue *q)
{
	grant_ref_t head;
	unsigned int i;
	int err;

	err = gnttab_alloc_grant_references(q->tx_size + q->rx_size,
					    &head);
	if (err)
		return err;

	for (i = 0; i < q->tx_size; i++) {
		q->tx_bufs[i].gref = gnttab_claim_grant_reference(&head);
		q->tx_free[i] = q->tx_size - 1 - i;
	}
	q->tx_nr_free = q->tx_size;
	for (i = 0; i < q->rx_size; i++)
		q->rx_bufs[i].gref = gnttab_claim_grant_reference(&head);
	gnttab_free_grant_references(head);
	return 0;
}

/* Give back every reference; one still granted was handed to the grant
 * table with its page (xnf_grant_defer) and is no longer ours.
 */
static void xnf_grefs_release(struct xnf_queue *q)
{
	unsigned int i;

	for (i = 0; i < q->tx_size; i++)
		if (!q->tx_bufs[i].granted)
			gnttab_free_grant_reference(q->tx_bufs[i].gref);
	for (i = 0; i < q->rx_size; i++)
		if (!q->rx_bufs[i].granted)
			gnttab_free_grant_reference(q->rx_bufs[i].gref);
}

static int xnf_pool_create(struct xnf_queue *q)
{
	struct page_pool_params pp = {
		.order		= 0,
		.pool_size	= q->rx_size,
		.nid		= NUMA_NO_NODE,
	};
	struct page_pool *pool;

	pool = page_pool_create(&pp);
	if (IS_ERR(pool))
		return PTR_ERR(pool);
	q->pool = pool;
	return 0;
}

static int xnf_bind_one(struct xnf_queue *q, evtchn_port_t *port, int *irq,
			char *name, const char *suffix,
			irq_handler_t handler)
{
	int err;

	err = xenbus_alloc_evtchn(q->vif->xdev, port);
	if (err)
		return err;

	snprintf(name, XNF_IRQ_NAME_LEN, "%s%s", q->name, suffix);
	err = bind_evtchn_to_irqhandler_lateeoi(*port, handler, 0, name, q);
	if (err < 0) {
		xenbus_free_evtchn(q->vif->xdev, *port);
		return err;
	}
	*irq = err;
	return 0;
}

static int xnf_evtchn_setup(struct xnf_queue *q)
{
	int err;

	if (!q->vif->be.split_evtchn) {
		err = xnf_bind_one(q, &q->tx_evtchn, &q->tx_irq,
				   q->tx_irq_name, "", xnf_interrupt);
		if (err)
			return err;
		q->rx_evtchn = q->tx_evtchn;
		q->rx_irq = q->tx_irq;
		return 0;
	}

	err = xnf_bind_one(q, &q->tx_evtchn, &q->tx_irq, q->tx_irq_name,
			   "-tx", xnf_tx_interrupt);
	if (err)
		return err;
	err = xnf_bind_one(q, &q->rx_evtchn, &q->rx_irq, q->rx_irq_name,
			   "-rx", xnf_rx_interrupt);
	if (err) {
		unbind_from_irqhandler(q->tx_irq, q);
		q->tx_irq = 0;
	}
	return err;
}

/* Unbinding also closes the event channel. */
static void xnf_evtchn_teardown(struct xnf_queue *q)
{
	if (q->rx_irq && q->rx_irq != q->tx_irq)
		unbind_from_irqhandler(q->rx_irq, q);
	if (q->tx_irq)
		unbind_from_irqhandler(q->tx_irq, q);
	q->tx_irq = 0;
	q->rx_irq = 0;
}

static int xnf_queue_init(struct xnf_vif *vif, struct xnf_queue *q,
			  unsigned int id)
{
	int err;

	q->vif = vif;
	q->id = id;
	snprintf(q->name, sizeof(q->name), "%s-q%u", vif->netdev->name, id);
	spin_lock_init(&q->tx_lock);
	u64_stats_init(&q->tx_stats.syncp);
	u64_stats_init(&q->rx_stats.syncp);
	u64_stats_init(&q->tx_evt.syncp);
	u64_stats_init(&q->rx_evt.syncp);

	err = xnf_ring_alloc_arrays(q);
	if (err)
		return err;
	err = xnf_rings_setup(q);
	if (err)
		goto out_arrays;
	err = xnf_grefs_claim(q);
	if (err)
		goto out_rings;
	err = xnf_pool_create(q);
	if (err)
		goto out_grefs;
	err = xnf_xdp_rxq_init(q);
	if (err)
		goto out_pool;
	/* A backend may signal the moment the port is bound, before we post
	 * a single buffer: everything the handler and NAPI touch exists
	 * first.  NAPI stays scheduled-off until napi_enable().
	 */
	netif_napi_add(vif->netdev, &q->napi, xnf_poll);
	timer_setup(&q->rx_refill_timer, xnf_rx_refill_timeout, 0);
	err = xnf_evtchn_setup(q);
	if (err)
		goto out_napi;

	xnf_rx_refill(q);
	return 0;

out_napi:
	timer_delete_sync(&q->rx_refill_timer);
	netif_napi_del(&q->napi);
	xnf_xdp_rxq_fini(q);
out_pool:
	page_pool_destroy(q->pool);
	q->pool = NULL;
out_grefs:
	xnf_grefs_release(q);
out_rings:
	xnf_rings_teardown(q);
out_arrays:
	xnf_ring_free_arrays(q);
	return err;
}

/* NAPI must be disabled (or never enabled) for this queue.  The reverse
 * of xnf_queue_init(): no handler can run once the ports are unbound,
 * then the timer and NAPI go.
 */
static void xnf_queue_fini(struct xnf_queue *q)
{
	xnf_evtchn_teardown(q);
	timer_delete_sync(&q->rx_refill_timer);
	netif_napi_del(&q->napi);
	xnf_tx_release_all(q);
	xnf_rx_release_all(q);
	xnf_grefs_release(q);
	xnf_stg_destroy(q);
	xnf_xdp_rxq_fini(q);
	page_pool_destroy(q->pool);
	q->pool = NULL;
	xnf_rings_teardown(q);
	xnf_ring_free_arrays(q);
}

/* One attempt of xnf_queues_create() at vif->ring_order.  The set is
 * published only once every queue in it is complete.
 */
static int xnf_queues_create_order(struct xnf_vif *vif, unsigned int nr)
{
	struct xnf_queue_set *qs;
	unsigned int i;
	int err;

	ASSERT_RTNL();
	qs = kvzalloc(struct_size(qs, q, nr), GFP_KERNEL);
	if (!qs)
		return -ENOMEM;
	qs->num = nr;

	for (i = 0; i < nr; i++) {
		err = xnf_queue_init(vif, &qs->q[i], i);
		if (err)
			goto out_fini;
	}

	err = netif_set_real_num_tx_queues(vif->netdev, nr);
	if (!err)
		err = netif_set_real_num_rx_queues(vif->netdev, nr);
	if (err)
		goto out_fini;

	rcu_assign_pointer(vif->stats_qs, qs);
	rcu_assign_pointer(vif->qs, qs);
	return 0;

out_fini:
	while (i--)
		xnf_queue_fini(&qs->q[i]);
	kvfree(qs);
	return err;
}

/**
 * xnf_queues_create - create the queues and their staging
 * @vif: the vif, its order picked
 * @nr: queues wanted
 *
 * Every slot of every ring holds a grant reference, so several vifs at
 * big orders can run the guest's grant table dry.  Then (-ENOSPC) the
 * next lower order is tried, unless the order was forced for a test.
 *
 * Staging, if any, is set up on all of them at the end (xnf_stg_create()),
 * and undone with them (xnf_queue_fini()); then their debugfs files are
 * added.  Caller holds RTNL; the device is stopped or not yet running.
 *
 * Return: 0 or the error of the last attempt.
 */
int xnf_queues_create(struct xnf_vif *vif, unsigned int nr)
{
	int err;

	for (;;) {
		err = xnf_queues_create_order(vif, nr);
		if (!err) {
			xnf_ring_charge(vif, nr);
			xnf_stg_create(vif);
			xnf_debugfs_add(vif);
			return 0;
		}
		if (err != -ENOSPC || !vif->ring_order ||
		    xnf_ring_forced_order() >= 0)
			return err;
		vif->ring_order--;
		vif->ring_order_key = vif->ring_order;
		dev_warn(&vif->xdev->dev,
			 "out of grant references, trying ring order %u\n",
			 vif->ring_order);
	}
}

/* Caller holds RTNL and has stopped the queues.  Readers that found the
 * set under RCU (xmit, ndo_xdp_xmit, get_stats64) or opened its debugfs
 * files are waited for before it is torn down.
 */
void xnf_queues_destroy(struct xnf_vif *vif)
{
	struct xnf_queue_set *qs = xnf_qs(vif);
	unsigned int i;

	ASSERT_RTNL();
	xnf_debugfs_del(vif);
	RCU_INIT_POINTER(vif->qs, NULL);
	synchronize_net();
	for (i = 0; qs && i < qs->num; i++)
		xnf_queue_fini(&qs->q[i]);
	/* the counters outlive the queues: ip -s link never goes back */
	xnf_stats_fold(vif);
	if (qs)
		synchronize_net();
	kvfree(qs);
	xnf_ring_uncharge(vif);
	vif->stg_len = 0;
}

/* Caller holds RTNL; the netdev is running and the queues exist. */
void xnf_queues_start(struct xnf_vif *vif)
{
	unsigned int i;

	for (i = 0; i < xnf_num_queues(vif); i++) {
		napi_enable(&xnf_queue_at(vif, i)->napi);
		/* Pick up anything that arrived while we were down. */
		local_bh_disable();
		napi_schedule(&xnf_queue_at(vif, i)->napi);
		local_bh_enable();
	}
	netif_tx_start_all_queues(vif->netdev);
}

/* Caller holds RTNL; undoes xnf_queues_start(). */
void xnf_queues_stop(struct xnf_vif *vif)
{
	unsigned int i;

	netif_tx_disable(vif->netdev);
	for (i = 0; i < xnf_num_queues(vif); i++)
		napi_disable(&xnf_queue_at(vif, i)->napi);
}
