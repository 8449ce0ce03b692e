// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: module init/exit, parameters and the lifetime of per-vif
 * state.
 */
#include "common.h"

#include <linux/cpumask.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <xen/xen.h>
#include <xen-netif/compat.h>

/* Offer the frontend one event channel per direction. */
bool xnb_separate_tx_rx_irq = true;
module_param_named(separate_tx_rx_irq, xnb_separate_tx_rx_irq, bool, 0644);
MODULE_PARM_DESC(separate_tx_rx_irq,
		 "Offer split TX/RX event channels (default true)");

/* 0 means min(8, online CPUs), computed at module load. */
unsigned int xnb_max_queues;
module_param_named(max_queues, xnb_max_queues, uint, 0644);
MODULE_PARM_DESC(max_queues, "Most queues a frontend may use per vif");

/* Drop what is queued for a guest that posts no RX buffers this long. */
unsigned int xnb_rx_drain_timeout_msecs = 10000;
module_param_named(rx_drain_timeout_msecs, xnb_rx_drain_timeout_msecs,
		   uint, 0444);
MODULE_PARM_DESC(rx_drain_timeout_msecs,
		 "Drop queued guest RX packets after this long without buffers");

/* Carrier off while a guest posts no RX buffers this long (rx-notify). */
unsigned int xnb_rx_stall_timeout_msecs = 60000;
module_param_named(rx_stall_timeout_msecs, xnb_rx_stall_timeout_msecs,
		   uint, 0444);
MODULE_PARM_DESC(rx_stall_timeout_msecs,
		 "Carrier off after this long without guest RX buffers");

/* Offer feature-xdp-headroom to new frontends. */
bool xnb_provides_xdp_headroom = true;
module_param_named(provides_xdp_headroom, xnb_provides_xdp_headroom, bool,
		   0644);
MODULE_PARM_DESC(provides_xdp_headroom,
		 "Offer frontends headroom for XDP (default true)");

/*
 * Staging grants a frontend may have mapped in dom0, per vif and for all
 * vifs: each costs a maptrack entry and a dom0 page frame while connected.
 * The defaults let the largest honest vif through (8 queues, ring order 4,
 * 2048-byte buffers: 32768 maps) and two of them at once.
 */
unsigned int xnb_staging_max_grants_per_vif = XNIF_STG_VIF_MAPS_DEFAULT;
module_param_named(staging_max_grants_per_vif,
		   xnb_staging_max_grants_per_vif, uint, 0644);
MODULE_PARM_DESC(staging_max_grants_per_vif,
		 "Most staging grants one vif may map (default 32768; 0: no staging)");

unsigned int xnb_staging_max_grants = XNIF_STG_ALL_MAPS_DEFAULT;
module_param_named(staging_max_grants, xnb_staging_max_grants, uint, 0644);
MODULE_PARM_DESC(staging_max_grants,
		 "Most staging grants all vifs together may map (default 65536; 0: no staging)");

#define XNB_DEFAULT_MAX_QUEUES	8

struct xnb_vif *xnb_vif_alloc(struct xenbus_device *xdev)
{
	unsigned int i, nq = READ_ONCE(xnb_max_queues);
	struct xnb_vif *vif;

	vif = kzalloc(sizeof(*vif), GFP_KERNEL);
	if (!vif)
		return NULL;

	if (!nq)
		nq = 1;
	vif->queues = kvcalloc(nq, sizeof(*vif->queues), GFP_KERNEL);
	if (!vif->queues) {
		kfree(vif);
		return NULL;
	}
	vif->max_queues = nq;
	for (i = 0; i < nq; i++) {
		struct xnb_queue *q = &vif->queues[i];

		q->vif = vif;
		q->id = i;
		u64_stats_init(&q->tx_stats.syncp);
		u64_stats_init(&q->rx_stats.syncp);
		u64_stats_init(&q->xmit_stats.syncp);
		u64_stats_init(&q->stg_tx_stats.syncp);
		u64_stats_init(&q->stg_rx_stats.syncp);
		skb_queue_head_init(&q->rx_queue);
		init_waitqueue_head(&q->rx_wq);
		timer_setup(&q->credit_timer, xnb_tx_credit_timer, 0);
	}

	INIT_DELAYED_WORK(&vif->ctrl_work, xnb_ctrl_work);
	/* 10 lines per 5 s and vif: a reconnect loop cannot flood the log */
	ratelimit_state_init(&vif->log_rs, 5 * HZ, 10);
	spin_lock_init(&vif->rx_stall_lock);
	spin_lock_init(&vif->hash_lock);
	spin_lock_init(&vif->mcast_lock);
	xnif_hash_reset(&vif->hash);
	vif->xdev = xdev;
	vif->domid = xdev->otherend_id;
	return vif;
}

void xnb_vif_free(struct xnb_vif *vif)
{
	if (!vif)
		return;

	kvfree(vif->queues);
	kfree(vif->hotplug_script);
	kfree(vif);
}

static int __init xnb_init(void)
{
	int err;

	if (!xen_domain())
		return -ENODEV;

	if (!xnb_max_queues)
		xnb_max_queues = min_t(unsigned int, XNB_DEFAULT_MAX_QUEUES,
				       num_online_cpus());

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
