// SPDX-License-Identifier: GPL-2.0-only
/* xen-netfront: multi-page rings. Read the backend's max-ring-page-order,
 * pick an order, size the per-queue arrays for it, allocate and grant the
 * shared rings, and write the order and the grant of every ring page (keys
 * in include/xen-netif/netif.h). Order 0 writes exactly the keys of the
 * one-page protocol.  queue.c calls in here; nothing here calls queue.c.
 */
#include "netfront.h"

#include <linux/err.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <xen/grant_table.h>
#include <xen/interface/grant_table.h>
#include <xen-netif/param.h>
#include <xen-netif/xnif.h>

unsigned int xnf_max_ring_page_order = XNIF_RING_MAX_ORDER;
xnif_param_uint(max_ring_page_order, xnf_max_ring_page_order, 0,
		XNIF_RING_MAX_ORDER, 0644);
MODULE_PARM_DESC(max_ring_page_order,
		 "Highest ring order (2^order pages per ring) to use, 0..4 (default 4)");

#ifdef XNIF_TEST_KNOBS
/* One order above XNIF_RING_MAX_ORDER: written, not used (see below). */
int xnf_ring_page_order = -1;
xnif_param_int(ring_page_order, xnf_ring_page_order, -1,
	       XNIF_RING_MAX_ORDER + 1, 0644);
MODULE_PARM_DESC(ring_page_order,
		 "Test build only: write this ring-page-order (0..5) even if the backend does not offer it; -1 (default): negotiate");
#endif

/* Longest relative key we write: "queue-NNNNN/tx-ring-ref15". */
#define XNF_RING_KEY_LEN	48

/**
 * xnf_ring_read_be_order - read the backend's max-ring-page-order
 * @vif: the vif
 *
 * Absent (a backend that knows no multi-page rings) or malformed means 0;
 * above what any ring may have is taken as XNIF_RING_MAX_ORDER.
 */
void xnf_ring_read_be_order(struct xnf_vif *vif)
{
	unsigned int order = 0;
	char *str;
	int err;

	vif->be.max_ring_order = 0;
	str = xenbus_read(XBT_NIL, vif->xdev->otherend,
			  XNIF_KEY_MAX_RING_ORDER, NULL);
	if (IS_ERR(str))
		return;
	err = xnif_parse_ring_order(str, XNIF_RING_MAX_ORDER, &order);
	if (err == -ERANGE)
		order = XNIF_RING_MAX_ORDER;
	else if (err)
		dev_warn(&vif->xdev->dev, "bad %s \"%.16s\", using 0\n",
			 XNIF_KEY_MAX_RING_ORDER, str);
	kfree(str);
	vif->be.max_ring_order = order;
}

/* Highest order usable now: the backend's and ours, or before the
 * backend's features are read (be.max_queues still 0) ours alone, which
 * the connect then clamps (ethtool -G before connect).
 */
unsigned int xnf_ring_max_order(struct xnf_vif *vif)
{
	unsigned int ours = READ_ONCE(xnf_max_ring_page_order);

	if (!vif->be.max_queues)
		return ours;
	return min_t(unsigned int, ours, vif->be.max_ring_order);
}

/* Ring slots of the connected queues of all our vifs: each holds a grant,
 * each RX slot a page of guest memory too.  The budgets below are shared
 * by every vif of the guest, not given to each (eight vifs of a guest
 * each taking half the grant table left most of them unconnected).
 */
static atomic_long_t xnf_slots_all = ATOMIC_LONG_INIT(0);
static atomic_long_t xnf_rx_slots_all = ATOMIC_LONG_INIT(0);

/**
 * xnf_ring_charge - count the rings of @nr queues at the vif's order
 * @vif: the vif, its queues just created
 * @nr: the queues
 */
void xnf_ring_charge(struct xnf_vif *vif, unsigned int nr)
{
	vif->rx_slots = (unsigned long)nr *
			xnif_order_rx_entries(vif->ring_order);
	vif->slots = vif->rx_slots + (unsigned long)nr *
		     xnif_order_tx_entries(vif->ring_order);
	atomic_long_add(vif->slots, &xnf_slots_all);
	atomic_long_add(vif->rx_slots, &xnf_rx_slots_all);
}

/* The queues of @vif are gone: their slots are free for any vif. */
void xnf_ring_uncharge(struct xnf_vif *vif)
{
	atomic_long_sub(vif->slots, &xnf_slots_all);
	atomic_long_sub(vif->rx_slots, &xnf_rx_slots_all);
	vif->slots = 0;
	vif->rx_slots = 0;
}

/* What is left of @budget once the other vifs' share is taken. */
static unsigned long xnf_left(unsigned long budget, atomic_long_t *used)
{
	long u = atomic_long_read(used);

	if (u <= 0)
		return budget;
	return (unsigned long)u < budget ? budget - u : 0;
}

/* Unless the admin asks for a size with ethtool -G, the RX rings of all
 * queues of all vifs together take at most 1/XNF_RX_MEM_SHARE of RAM:
 * 2 queues at order 4 would pin 32 MiB, an eighth of a 256 MiB guest.
 */
#define XNF_RX_MEM_SHARE	8

static unsigned int xnf_ring_mem_order(unsigned int max, unsigned int nr)
{
	unsigned long budget = xnf_left(totalram_pages() / XNF_RX_MEM_SHARE,
					&xnf_rx_slots_all);
	unsigned int order = max;

	while (order &&
	       (unsigned long)nr * xnif_order_rx_entries(order) > budget)
		order--;
	return order;
}

/* Unless the admin asks with ethtool -G, the rings of all queues of all
 * vifs take at most half of the guest's grant table (the other half is
 * left to block devices and staging): Xen 4.17's default
 * max_grant_frames of 64 (32768 entries) fits 2 queues at order 4, 4
 * queues at order 3, or eight one-queue vifs at order 2 together.
 */
#define XNF_GRANT_SHARE		2

static unsigned int xnf_ring_grant_order(unsigned int max, unsigned int nr)
{
	unsigned long budget = (unsigned long)gnttab_max_grant_frames() *
			       (XEN_PAGE_SIZE / sizeof(struct grant_entry_v1)) /
			       XNF_GRANT_SHARE;
	unsigned int order = max;

	budget = xnf_left(budget, &xnf_slots_all);
	while (order && (unsigned long)nr * (xnif_order_tx_entries(order) +
					     xnif_order_rx_entries(order)) > budget)
		order--;
	return order;
}

/**
 * xnf_ring_pick_order - choose the ring order for the next connection
 * @vif: the vif, with the backend's features read
 * @nr: number of queues that will be created
 *
 * ethtool -G's choice if any, else the highest usable order that keeps
 * the RX pages within the memory share above. The
 * ring_page_order parameter overrides both, for testing the backend's
 * refusals: the order above XNIF_RING_MAX_ORDER is only written, the
 * rings themselves then use XNIF_RING_MAX_ORDER.
 */
void xnf_ring_pick_order(struct xnf_vif *vif, unsigned int nr)
{
	int forced = xnf_ring_forced_order();
	unsigned int max = xnf_ring_max_order(vif);

	if (forced >= 0 && !vif->ext_fallback) {
		vif->ring_order_key = forced;
		vif->ring_order = min_t(unsigned int, vif->ring_order_key,
					XNIF_RING_MAX_ORDER);
		if (vif->ring_order_key > vif->be.max_ring_order)
			dev_warn(&vif->xdev->dev,
				 "ring_page_order=%u forced, backend offers %u\n",
				 vif->ring_order_key, vif->be.max_ring_order);
		return;
	}
	if (vif->want_ring_set) {
		vif->ring_order = min(vif->want_ring_order, max);
	} else {
		unsigned int by_mem = xnf_ring_mem_order(max, nr);
		unsigned int by_grants = xnf_ring_grant_order(max, nr);

		vif->ring_order = min(by_mem, by_grants);
		if (by_mem < max && by_mem <= by_grants)
			dev_info(&vif->xdev->dev,
				 "ring order %u, not %u: %u queue(s) of RX pages stay within what is left of 1/%u of RAM for all vifs (ethtool -G overrides)\n",
				 vif->ring_order, max, nr, XNF_RX_MEM_SHARE);
		else if (by_grants < max)
			dev_info(&vif->xdev->dev,
				 "ring order %u, not %u: %u queue(s) of rings stay within what is left of 1/%u of the grant table, %u frames, for all vifs (ethtool -G overrides)\n",
				 vif->ring_order, max, nr, XNF_GRANT_SHARE,
				 gnttab_max_grant_frames());
	}
	vif->ring_order_key = vif->ring_order;
}

/* Allocate and grant the 2^ring_order pages of one shared ring, zeroed. */
static int xnf_ring_grant(struct xnf_queue *q, struct xnf_ring_pages *pg,
			  void **addr)
{
	pg->nr = 1U << q->vif->ring_order;
	return xenbus_setup_ring(q->vif->xdev, GFP_NOIO | __GFP_HIGH, addr,
				 pg->nr, pg->refs);
}

static void xnf_ring_ungrant(struct xnf_ring_pages *pg, void *addr)
{
	if (addr)
		xenbus_teardown_ring(&addr, pg->nr, pg->refs);
}

/**
 * xnf_rings_setup - create a queue's two shared rings, empty
 * @q: the queue, q->vif->ring_order set
 *
 * Return: 0 or a negative errno from xenbus_setup_ring().
 */
int xnf_rings_setup(struct xnf_queue *q)
{
	struct xnif_tx_sring *txs;
	struct xnif_rx_sring *rxs;
	int err;

	err = xnf_ring_grant(q, &q->tx_pages, (void **)&txs);
	if (err)
		return err;
	err = xnf_ring_grant(q, &q->rx_pages, (void **)&rxs);
	if (err) {
		xnf_ring_ungrant(&q->tx_pages, txs);
		return err;
	}
	XEN_FRONT_RING_INIT(&q->tx, txs, q->tx_pages.nr * XNIF_PAGE_SIZE);
	XEN_FRONT_RING_INIT(&q->rx, rxs, q->rx_pages.nr * XNIF_PAGE_SIZE);
	return 0;
}

void xnf_rings_teardown(struct xnf_queue *q)
{
	xnf_ring_ungrant(&q->rx_pages, q->rx.sring);
	xnf_ring_ungrant(&q->tx_pages, q->tx.sring);
	q->rx.sring = NULL;
	q->tx.sring = NULL;
}

/**
 * xnf_ring_alloc_arrays - size a queue's per-slot arrays for the order
 * @q: the queue, q->vif->ring_order set
 *
 * Return: 0 or -ENOMEM.
 */
int xnf_ring_alloc_arrays(struct xnf_queue *q)
{
	q->tx_size = xnif_order_tx_entries(q->vif->ring_order);
	q->rx_size = xnif_order_rx_entries(q->vif->ring_order);
	/* TX ids travel in u16 fields. */
	if (WARN_ON_ONCE(!q->tx_size || !q->rx_size || q->tx_size > 0x10000))
		return -EINVAL;

	q->tx_bufs = kvcalloc(q->tx_size, sizeof(*q->tx_bufs), GFP_KERNEL);
	q->tx_free = kvcalloc(q->tx_size, sizeof(*q->tx_free), GFP_KERNEL);
	q->rx_bufs = kvcalloc(q->rx_size, sizeof(*q->rx_bufs), GFP_KERNEL);
	if (!q->tx_bufs || !q->tx_free || !q->rx_bufs) {
		xnf_ring_free_arrays(q);
		return -ENOMEM;
	}
	return 0;
}

void xnf_ring_free_arrays(struct xnf_queue *q)
{
	kvfree(q->rx_bufs);
	kvfree(q->tx_free);
	kvfree(q->tx_bufs);
	q->rx_bufs = NULL;
	q->tx_free = NULL;
	q->tx_bufs = NULL;
}

/* Device-wide "ring-page-order", only above 0 (the transaction removed
 * an old one first).
 */
int xnf_ring_write_order(struct xenbus_transaction xbt, struct xnf_vif *vif)
{
	if (!vif->ring_order_key)
		return 0;
	return xenbus_printf(xbt, vif->xdev->nodename, XNIF_KEY_RING_ORDER,
			     "%u", vif->ring_order_key);
}

/* On remove: a frontend loaded after us that knows no ring orders must
 * not leave our order in place for the backend to read.
 */
void xnf_ring_forget_order(struct xnf_vif *vif)
{
	xenbus_rm(XBT_NIL, vif->xdev->nodename, XNIF_KEY_RING_ORDER);
}

/* One ring's keys at the current order; old ones of any order are gone
 * already (the transaction began with them).  The forced test order above
 * the maximum names its pages as order 4.
 */
static int xnf_ring_write_one(struct xenbus_transaction xbt,
			      struct xnf_vif *vif, struct xnf_queue *q,
			      const char *base, const struct xnf_ring_pages *pg)
{
	char key[XNF_RING_KEY_LEN];
	unsigned int p;
	int err;

	for (p = 0; p < pg->nr; p++) {
		err = xnif_ring_ref_key(key, sizeof(key), xnf_num_queues(vif),
					q->id, base, vif->ring_order, p);
		if (err < 0)
			return err;
		err = xenbus_printf(xbt, vif->xdev->nodename, key, "%u",
				    pg->refs[p]);
		if (err)
			return err;
	}
	return 0;
}

/**
 * xnf_ring_write_keys - write a queue's ring refs in the current order
 * @xbt: the transaction all keys go in
 * @vif: the vif
 * @q: the queue, rings set up
 *
 * Return: 0 or a negative errno from XenStore.
 */
int xnf_ring_write_keys(struct xenbus_transaction xbt, struct xnf_vif *vif,
			struct xnf_queue *q)
{
	int err;

	err = xnf_ring_write_one(xbt, vif, q, "tx-ring-ref", &q->tx_pages);
	if (!err)
		err = xnf_ring_write_one(xbt, vif, q, "rx-ring-ref",
					 &q->rx_pages);
	return err;
}
