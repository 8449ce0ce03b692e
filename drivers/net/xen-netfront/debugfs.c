// SPDX-License-Identifier: GPL-2.0-only
/* xen-netfront: debugfs view of each queue's rings, under
 * xen-netfront/<xenbus device>/io_ring_q<N> ("vif-0/io_ring_q0"), for a
 * stuck vif.  The files exist while the queues do: added once they are
 * built, removed before they are torn down, which waits for readers.
 */
#include "netfront.h"

#include <linux/debugfs.h>
#include <linux/seq_file.h>

static struct dentry *xnf_debugfs_root;

/* One ring's indexes: ours, and the shared ones, each read once. */
static void xnf_show_ring(struct seq_file *m, const char *name,
			  u32 req_prod_pvt, u32 rsp_cons, u32 req_prod,
			  u32 req_event, u32 rsp_prod, u32 rsp_event)
{
	seq_printf(m, "%s: req_prod_pvt %u rsp_cons %u (%u outstanding)\n",
		   name, req_prod_pvt, rsp_cons, req_prod_pvt - rsp_cons);
	seq_printf(m, "%s: shared req_prod %u req_event %u rsp_prod %u (%u unconsumed) rsp_event %u\n",
		   name, req_prod, req_event, rsp_prod, rsp_prod - rsp_cons,
		   rsp_event);
}

static void xnf_show_tx(struct seq_file *m, struct xnf_queue *q)
{
	struct xnif_tx_sring *s = q->tx.sring;
	u32 prod = READ_ONCE(q->tx.req_prod_pvt);
	u32 cons = READ_ONCE(q->tx.rsp_cons);

	xnf_show_ring(m, "tx", prod, cons, READ_ONCE(s->req_prod),
		      READ_ONCE(s->req_event), READ_ONCE(s->rsp_prod),
		      READ_ONCE(s->rsp_event));
	seq_printf(m, "tx: %u of %u slots free, %u ids free\n",
		   xnif_ring_free_requests(prod, cons, q->tx_size), q->tx_size,
		   READ_ONCE(q->tx_nr_free));
}

static void xnf_show_rx(struct seq_file *m, struct xnf_queue *q)
{
	struct xnif_rx_sring *s = q->rx.sring;
	u32 prod = READ_ONCE(q->rx.req_prod_pvt);
	u32 cons = READ_ONCE(q->rx.rsp_cons);

	xnf_show_ring(m, "rx", prod, cons, READ_ONCE(s->req_prod),
		      READ_ONCE(s->req_event), READ_ONCE(s->rsp_prod),
		      READ_ONCE(s->rsp_event));
	seq_printf(m, "rx: %u of %u buffers posted\n", prod - cons,
		   q->rx_size);
}

/* NAPI: a disabled context is held scheduled (SCHED with NPSVC). */
static const char *xnf_napi_state(const struct napi_struct *napi)
{
	unsigned long st = READ_ONCE(napi->state);

	if (!(st & BIT(NAPI_STATE_SCHED)))
		return "idle";
	return st & BIT(NAPI_STATE_NPSVC) ? "disabled" : "scheduled";
}

static int xnf_io_ring_show(struct seq_file *m, void *v)
{
	struct xnf_queue *q = m->private;
	struct xnf_vif *vif = q->vif;
	struct netdev_queue *txq = netdev_get_tx_queue(vif->netdev, q->id);

	seq_printf(m, "%s:%s%s\n", q->name,
		   READ_ONCE(vif->connected) ? " connected" : " disconnected",
		   READ_ONCE(vif->broken) ? " broken" : "");
	seq_printf(m, "ring order %u: tx %u slots, rx %u slots\n",
		   vif->ring_order, q->tx_size, q->rx_size);
	xnf_show_tx(m, q);
	xnf_show_rx(m, q);
	seq_printf(m, "staging: tx %u rx %u bytes\n", q->stg_tx.len,
		   q->stg_rx.len);
	seq_printf(m, "evtchn: tx %u (irq %d) rx %u (irq %d)%s\n",
		   q->tx_evtchn, q->tx_irq, q->rx_evtchn, q->rx_irq,
		   q->tx_irq == q->rx_irq ? " shared" : " split");
	seq_printf(m, "napi: %s (state 0x%lx); tx queue %s\n",
		   xnf_napi_state(&q->napi), READ_ONCE(q->napi.state),
		   netif_tx_queue_stopped(txq) ? "stopped" : "running");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(xnf_io_ring);

/**
 * xnf_debugfs_add - show the queues of a connection
 * @vif: the vif, its queues just built
 *
 * Without debugfs (or on any error) the vif simply has no files.
 * Caller holds RTNL.
 */
void xnf_debugfs_add(struct xnf_vif *vif)
{
	struct xnf_queue_set *qs = xnf_qs(vif);
	char name[16];
	unsigned int i;

	if (IS_ERR_OR_NULL(xnf_debugfs_root) || !qs)
		return;
	vif->debugfs = debugfs_create_dir(dev_name(&vif->xdev->dev),
					  xnf_debugfs_root);
	for (i = 0; i < qs->num; i++) {
		snprintf(name, sizeof(name), "io_ring_q%u", i);
		debugfs_create_file(name, 0400, vif->debugfs, &qs->q[i],
				    &xnf_io_ring_fops);
	}
}

/**
 * xnf_debugfs_del - remove the files of xnf_debugfs_add()
 * @vif: the vif, its queues still there
 *
 * Returns once no reader is left.  Caller holds RTNL (which readers
 * never take).
 */
void xnf_debugfs_del(struct xnf_vif *vif)
{
	debugfs_remove_recursive(vif->debugfs);
	vif->debugfs = NULL;
}

void xnf_debugfs_init(void)
{
	xnf_debugfs_root = debugfs_create_dir("xen-netfront", NULL);
}

void xnf_debugfs_exit(void)
{
	debugfs_remove_recursive(xnf_debugfs_root);
	xnf_debugfs_root = NULL;
}
