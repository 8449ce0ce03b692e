// SPDX-License-Identifier: GPL-2.0-only
/* xen-netback: module init/exit, parameters and the lifetime of per-vif
 * state.
 */
#include "common.h"

#include <linux/cpumask.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <xen/xen.h>
#include <xen-netif/compat.h>
#include <xen-netif/param.h>
#include <xen-netif/version.h>

/* Offer the frontend one event channel per direction. */
bool xnb_separate_tx_rx_irq = true;
module_param_named(separate_tx_rx_irq, xnb_separate_tx_rx_irq, bool, 0644);
MODULE_PARM_DESC(separate_tx_rx_irq,
		 "Offer split TX/RX event channels (default true)");

/* 0 means min(8, online CPUs), computed at module load (and when a vif
 * is created after 0 was written).
 */
#define XNB_DEFAULT_MAX_QUEUES	8
#define XNB_MAX_QUEUES		64
unsigned int xnb_max_queues;
xnif_param_uint(max_queues, xnb_max_queues, 0, XNB_MAX_QUEUES, 0644);
MODULE_PARM_DESC(max_queues,
		 "Most queues a frontend may use per vif, 0..64 (default 0: min(8, online CPUs))");

/* Both timeouts: 1 ms to an hour. */
#define XNB_TIMEOUT_MAX_MSECS	3600000

/* Drop what is queued for a guest that posts no RX buffers this long. */
unsigned int xnb_rx_drain_timeout_msecs = 10000;
xnif_param_uint(rx_drain_timeout_msecs, xnb_rx_drain_timeout_msecs, 1,
		XNB_TIMEOUT_MAX_MSECS, 0444);
MODULE_PARM_DESC(rx_drain_timeout_msecs,
		 "Drop queued guest RX packets after this long without buffers, 1..3600000 ms (default 10000)");

/* Carrier off while a guest posts no RX buffers this long (rx-notify). */
unsigned int xnb_rx_stall_timeout_msecs = 60000;
xnif_param_uint(rx_stall_timeout_msecs, xnb_rx_stall_timeout_msecs, 1,
		XNB_TIMEOUT_MAX_MSECS, 0444);
MODULE_PARM_DESC(rx_stall_timeout_msecs,
		 "Carrier off after this long without guest RX buffers, 1..3600000 ms (default 60000)");

/* Offer feature-xdp-headroom to new frontends. */
bool xnb_provides_xdp_headroom = true;
module_param_named(provides_xdp_headroom, xnb_provides_xdp_headroom, bool,
		   0644);
MODULE_PARM_DESC(provides_xdp_headroom,
		 "Offer frontends headroom for XDP (default true)");

/* Staging grants a frontend may have mapped in dom0, per vif and for all
 * vifs: each costs a maptrack entry and a dom0 page frame while connected.
 * The defaults let the largest honest vif through (8 queues, ring order 4,
 * 2048-byte buffers: 32768 maps) and two of them at once.
 */
#define XNB_STAGING_MAX_GRANTS	SZ_1M
unsigned int xnb_staging_max_grants_per_vif = XNIF_STG_VIF_MAPS_DEFAULT;
xnif_param_uint(staging_max_grants_per_vif, xnb_staging_max_grants_per_vif,
		0, XNB_STAGING_MAX_GRANTS, 0644);
MODULE_PARM_DESC(staging_max_grants_per_vif,
		 "Most staging grants one vif may map, gref mapping included, 0..1048576 (default 32768; 0: no staging)");

unsigned int xnb_staging_max_grants = XNIF_STG_ALL_MAPS_DEFAULT;
xnif_param_uint(staging_max_grants, xnb_staging_max_grants, 0,
		XNB_STAGING_MAX_GRANTS, 0644);
MODULE_PARM_DESC(staging_max_grants,
		 "Most staging grants all vifs together may map, 0..1048576 (default 65536; 0: no staging)");

/* The data length offered to frontends (staging-max-data-len), read at
 * each handshake; 0 offers no staging at all.
 */
unsigned int xnb_staging_max_len = XNB_STAGING_MAX_LEN;
xnif_param_uint(staging_max_len, xnb_staging_max_len, 0,
		XNB_STAGING_MAX_LEN, 0644);
MODULE_PARM_DESC(staging_max_len,
		 "Largest staging data length offered to frontends, 0..2048 (default 2048; 0: no staging)");

/* The stock netback's names, as admins have them in modprobe.d.  A guest
 * TX packet of more slots than fatal_skb_slots disables its vif (from 19
 * up to it, the packet is only dropped).  Stock takes any value of 18 or
 * more; ours keeps a packet's slots in fixed arrays, so it may be made
 * stricter (18..20), not looser, and a value outside that fails the load.
 */
unsigned int xnb_fatal_skb_slots = XNB_TX_FATAL_SLOTS;
xnif_param_uint(fatal_skb_slots, xnb_fatal_skb_slots, XNIF_NR_SLOTS_MIN,
		XNB_TX_FATAL_SLOTS, 0444);
MODULE_PARM_DESC(fatal_skb_slots,
		 "Guest TX packets of more slots are fatal to the vif (18..20, default 20)");

/* Stock keeps a cache of flow hashes; ours computes each hash from the
 * packet, so this is accepted for stock's configuration files and unused.
 */
#define XNB_STOCK_HASH_CACHE_SIZE	64
static unsigned int xnb_hash_cache_size = XNB_STOCK_HASH_CACHE_SIZE;
module_param_named(hash_cache_size, xnb_hash_cache_size, uint, 0444);
MODULE_PARM_DESC(hash_cache_size,
		 "Accepted for the stock netback's settings; unused (no hash cache)");

/* Like stock's per-vif state, ours lives in its netdev's priv, and the
 * netdev's allocation (the struct, our priv, the alignment slack
 * alloc_netdev_mqs() adds) stays in the 4 KiB kmalloc class stock's takes:
 * an idle vif costs dom0 no more than with stock (issue 18).  Kernels
 * with lock debugging have larger locks everywhere, and sparse sizes
 * struct net_device otherwise: not checked there.
 */
#if !defined(CONFIG_LOCKDEP) && !defined(CONFIG_DEBUG_SPINLOCK) && \
	!defined(__CHECKER__)
static_assert(ALIGN(sizeof(struct net_device), NETDEV_ALIGN) +
	      sizeof(struct xnb_vif) + NETDEV_ALIGN - 1 <= SZ_4K);
#endif

/* What max_queues=0 stands for. */
static unsigned int xnb_default_queues(void)
{
	return min_t(unsigned int, XNB_DEFAULT_MAX_QUEUES, num_online_cpus());
}

/**
 * xnb_vif_alloc - allocate a vif's netdev, with the vif as its priv
 * @xdev: our backend device
 *
 * The netdev is named and registered later (xnb_netdev_register()); the
 * vif lives and dies with it: xnb_vif_free().
 *
 * Return: the vif, or NULL.
 */
struct xnb_vif *xnb_vif_alloc(struct xenbus_device *xdev)
{
	unsigned int nq = READ_ONCE(xnb_max_queues) ?: xnb_default_queues();
	struct net_device *dev;
	struct xnb_vif *vif;

	/* the real name once the handle is known, before registering */
	dev = alloc_netdev_mq(sizeof(*vif), "vif%d", NET_NAME_PREDICTABLE,
			      ether_setup, nq);
	if (!dev)
		return NULL;
	vif = netdev_priv(dev);
	vif->dev = dev;
	vif->max_queues = nq;
	seqcount_init(&vif->stats_seq);

	INIT_DELAYED_WORK(&vif->ctrl_work, xnb_ctrl_work);
	/* 10 lines per 5 s and vif: a reconnect loop cannot flood the log */
	ratelimit_state_init(&vif->log_rs, 5 * HZ, 10);
	spin_lock_init(&vif->rx_stall_lock);
	vif->rx_kick_usecs = XNB_RX_KICK_USECS;
	spin_lock_init(&vif->hash_lock);
	spin_lock_init(&vif->mcast_lock);
	xnif_hash_reset(&vif->hash);
	vif->xdev = xdev;
	vif->domid = xdev->otherend_id;
	return vif;
}

/**
 * xnb_vif_free - free a vif and its netdev
 * @vif: the vif, its netdev not registered (or unregistered again)
 *
 * The vif is gone once this returns: free_netdev() frees it.
 */
void xnb_vif_free(struct xnb_vif *vif)
{
	if (!vif)
		return;

	kfree(vif->hotplug_script);
	free_netdev(vif->dev);
}

static int xnb_queue_init(struct xnb_vif *vif, struct xnb_queue *q,
			  unsigned int id)
{
	struct xnb_queue_stats *st;
	struct xnb_queue_bufs *b;

	b = kvzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	q->bufs = b;
	q->tx_ops = b->tx_ops;
	q->tx_pending = b->tx_pending;
	q->tx_slots = b->tx_slots;
	q->rx_ops = b->rx_ops;
	q->rx_pending = b->rx_pending;
	q->rx_pieces = b->rx_pieces;
	q->rx_piece_pages = b->rx_piece_pages;
	q->rx_plan = b->rx_plan;

	q->vif = vif;
	q->id = id;
	st = &b->stats;
	u64_stats_init(&st->guest_tx.syncp);
	u64_stats_init(&st->guest_rx.syncp);
	u64_stats_init(&st->xmit.syncp);
	u64_stats_init(&st->stg_tx.syncp);
	u64_stats_init(&st->stg_rx.syncp);
	u64_stats_init(&st->gref_tx.syncp);
	u64_stats_init(&st->gref_rx.syncp);
	u64_stats_init(&st->stall.syncp);
	u64_stats_init(&st->op_tx.syncp);
	u64_stats_init(&st->op_rx.syncp);
	q->stats = st;
	spin_lock_init(&q->gref.lock);
	skb_queue_head_init(&q->rx_queue);
	init_waitqueue_head(&q->rx_wq);
	timer_setup(&q->credit_timer, xnb_tx_credit_timer, 0);
	b->q = q;
	hrtimer_init(&b->rx_kick_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	b->rx_kick_timer.function = xnb_rx_kick_timer;
	return 0;
}

/**
 * xnb_queues_alloc - allocate the queues a frontend asked for
 * @vif: the vif, not connected
 * @nq: queues, 1..max_queues
 *
 * From here until xnb_queues_free() ndo_start_xmit may use them: each
 * starts disconnected and drops.
 *
 * Return: 0 or -ENOMEM.
 */
int xnb_queues_alloc(struct xnb_vif *vif, unsigned int nq)
{
	struct xnb_queue *queues;
	unsigned int i;

	queues = kvcalloc(nq, sizeof(*queues), GFP_KERNEL);
	if (!queues)
		return -ENOMEM;
	for (i = 0; i < nq; i++)
		if (xnb_queue_init(vif, &queues[i], i))
			goto out_free_bufs;
	vif->queues = queues;
	/* counter readers read stats_nq first, then the queues */
	smp_store_release(&vif->stats_nq, nq);
	/* ndo_start_xmit reads num_queues first, then the queues */
	smp_store_release(&vif->num_queues, nq);
	return 0;

out_free_bufs:
	while (i--)
		kvfree(queues[i].bufs);
	kvfree(queues);
	return -ENOMEM;
}

/**
 * xnb_queues_free - free what xnb_queues_alloc() allocated
 * @vif: the vif, its queues disconnected (or never connected)
 *
 * Waits for every ndo_start_xmit that may still see them, then drops what
 * they queued meanwhile, adds their counters to the vif's and waits for
 * every reader of those.
 */
void xnb_queues_free(struct xnb_vif *vif)
{
	unsigned int i, nq = vif->num_queues;

	if (!vif->queues)
		return;
	WRITE_ONCE(vif->num_queues, 0);
	synchronize_net();
	for (i = 0; i < nq; i++) {
		struct xnb_queue *q = &vif->queues[i];

		/* a queue that failed to connect may have armed it */
		timer_delete_sync(&q->credit_timer);
		hrtimer_cancel(&q->bufs->rx_kick_timer);
		xnb_rx_purge(q);
	}
	/* nothing counts in the queues now */
	rtnl_lock();
	xnb_vif_stats_fold(vif, nq);
	rtnl_unlock();
	synchronize_net();
	for (i = 0; i < nq; i++)
		kvfree(vif->queues[i].bufs);
	kvfree(vif->queues);
	vif->queues = NULL;
}

static int __init xnb_init(void)
{
	int err;

	if (!xen_domain())
		return -ENODEV;

	/* the parameters' ranges were checked as they were set */
	xnb_tx_init_limits();
	if (xnb_hash_cache_size != XNB_STOCK_HASH_CACHE_SIZE)
		pr_info("hash_cache_size=%u unused: this netback keeps no hash cache\n",
			xnb_hash_cache_size);
	if (!xnb_max_queues)
		xnb_max_queues = xnb_default_queues();

	xnb_debugfs_init();
	err = xnb_xenbus_register();
	if (err)
		xnb_debugfs_exit();
	return err;
}
module_init(xnb_init);

static void __exit xnb_exit(void)
{
	xnb_xenbus_unregister();
	xnb_debugfs_exit();
}
module_exit(xnb_exit);

MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(XNIF_NS);
MODULE_DESCRIPTION("Xen paravirtual network device backend");
MODULE_ALIAS("xen-backend:vif");
MODULE_VERSION(XNIF_VERSION);
