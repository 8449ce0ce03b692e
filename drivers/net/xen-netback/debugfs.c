// SPDX-License-Identifier: GPL-2.0-only
/* xen-netback: debugfs view of each connected queue's rings, under
 * xen-netback/<vif>/io_ring_q<N> (writing "kick" to it kicks the queue),
 * of the control ring (xen-netback/<vif>/ctrl, if there is one), and of
 * the staging grants mapped, per vif (xen-netback/<vif>/staging) and for
 * all (xen-netback/staging_grants).  The per-vif files exist only while
 * the rings are mapped; removing them waits for readers and writers.
 */
#include "common.h"

#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

static struct dentry *xnb_debugfs_root;

static void xnb_show_ring(struct seq_file *m, const char *name,
			  unsigned int req_prod, unsigned int req_cons,
			  unsigned int req_event, unsigned int rsp_prod,
			  unsigned int rsp_prod_pvt, unsigned int rsp_event)
{
	seq_printf(m, "%s: req_prod %u req_cons %u (%u unconsumed) req_event %u\n",
		   name, req_prod, req_cons, req_prod - req_cons, req_event);
	seq_printf(m, "%s: rsp_prod %u rsp_prod_pvt %u rsp_event %u\n",
		   name, rsp_prod, rsp_prod_pvt, rsp_event);
}

static int xnb_io_ring_show(struct seq_file *m, void *v)
{
	struct xnb_queue *q = m->private;
	struct xnif_rx_sring *rxs = q->rx.sring;
	struct xnif_tx_sring *txs = q->tx.sring;

	seq_printf(m, "%s:%s%s\n", q->name,
		   q->connected ? " connected" : " disconnected",
		   xnb_vif_disabled(q->vif) ? " disabled" : "");
	if (!txs || !rxs)
		return 0;

	xnb_show_ring(m, "tx", READ_ONCE(txs->req_prod), q->tx.req_cons,
		      READ_ONCE(txs->req_event), READ_ONCE(txs->rsp_prod),
		      q->tx.rsp_prod_pvt, READ_ONCE(txs->rsp_event));
	xnb_show_ring(m, "rx", READ_ONCE(rxs->req_prod), q->rx.req_cons,
		      READ_ONCE(rxs->req_event), READ_ONCE(rxs->rsp_prod),
		      q->rx.rsp_prod_pvt, READ_ONCE(rxs->rsp_event));
	seq_printf(m, "rx queue: %u skbs, %u bytes\n",
		   skb_queue_len_lockless(&q->rx_queue), READ_ONCE(q->rx_bytes));
	seq_printf(m, "irqs: tx %u rx %u; tx credit left %llu (rate %llu bytes per %u us)\n",
		   q->tx_irq, q->rx_irq, q->credit_left,
		   READ_ONCE(q->vif->credit_bytes),
		   READ_ONCE(q->vif->credit_usec));
	seq_printf(m, "events: tx %ld (%ld spurious) rx %ld (%ld spurious)%s\n",
		   atomic_long_read(&q->tx_events),
		   atomic_long_read(&q->tx_spurious),
		   atomic_long_read(&q->rx_events),
		   atomic_long_read(&q->rx_spurious),
		   q->tx_irq == q->rx_irq ? " (shared channel: counted as tx)" : "");
	seq_printf(m, "kicks: %ld\n", atomic_long_read(&q->kicks));
	return 0;
}

static int xnb_io_ring_open(struct inode *inode, struct file *file)
{
	return single_open(file, xnb_io_ring_show, inode->i_private);
}

#define XNB_KICK	"kick"

/* "kick" (a trailing newline allowed): xnb_queue_kick().  The queue
 * stays connected while we run: xnb_debugfs_del() waits for us.
 */
static ssize_t xnb_io_ring_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	struct xnb_queue *q = ((struct seq_file *)file->private_data)->private;
	char buf[sizeof(XNB_KICK) + 1];
	int err;

	if (*ppos || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (!sysfs_streq(buf, XNB_KICK))
		return -EINVAL;
	err = xnb_queue_kick(q);
	if (err)
		return err;
	*ppos += count;
	return count;
}

static const struct file_operations xnb_io_ring_fops = {
	.owner		= THIS_MODULE,
	.open		= xnb_io_ring_open,
	.read		= seq_read,
	.write		= xnb_io_ring_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

static const char *const xnb_hash_type_names[] = {
	[XNIF_CTRL_HASH_TYPE_IPV4_BIT]		= "ipv4",
	[XNIF_CTRL_HASH_TYPE_IPV4_TCP_BIT]	= "ipv4+tcp",
	[XNIF_CTRL_HASH_TYPE_IPV6_BIT]		= "ipv6",
	[XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT]	= "ipv6+tcp",
};

static void xnb_show_hash(struct seq_file *m, const struct xnif_hash_state *h)
{
	unsigned int i;

	seq_printf(m, "hash algorithm: %s (%u)\nhash flags: 0x%x",
		   h->alg == XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ ? "toeplitz" :
		   "none", h->alg, h->flags);
	for (i = 0; i < ARRAY_SIZE(xnb_hash_type_names); i++)
		if (h->flags & BIT(i))
			seq_printf(m, " %s", xnb_hash_type_names[i]);
	seq_printf(m, "\nhash key: %*phN\nmapping size: %u",
		   (int)sizeof(h->key), h->key, h->size);
	for (i = 0; i < h->size && i < XNIF_HASH_MAPPING_MAX; i++)
		seq_printf(m, "%s%u", i % 16 ? " " : "\nmapping: ", h->mapping[i]);
	seq_putc(m, '\n');
}

/* The control ring and the hash state it set up.  The file exists only
 * while the ring is mapped (added after xnb_ctrl_connect(), removed
 * before xnb_ctrl_disconnect()).
 */
static int xnb_ctrl_show(struct seq_file *m, void *v)
{
	struct xnb_vif *vif = m->private;
	struct xnif_ctrl_sring *s = vif->ctrl.sring;
	struct xnif_hash_state *h;
	unsigned long flags;

	xnb_show_ring(m, "ctrl", READ_ONCE(s->req_prod),
		      READ_ONCE(vif->ctrl.req_cons), READ_ONCE(s->req_event),
		      READ_ONCE(s->rsp_prod), READ_ONCE(vif->ctrl.rsp_prod_pvt),
		      READ_ONCE(s->rsp_event));
	h = kmalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	spin_lock_irqsave(&vif->hash_lock, flags);
	*h = vif->hash;
	spin_unlock_irqrestore(&vif->hash_lock, flags);
	xnb_show_hash(m, h);
	kfree(h);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(xnb_ctrl);

/* Staging grants mapped by this vif (gref mapping included), per queue,
 * and its limit.
 */
static int xnb_staging_show(struct seq_file *m, void *v)
{
	struct xnb_vif *vif = m->private;
	unsigned int i;

	seq_printf(m, "mapped %u\nlimit %u\n", READ_ONCE(vif->stg_maps),
		   READ_ONCE(xnb_staging_max_grants_per_vif));
	for (i = 0; i < vif->num_queues; i++) {
		const struct xnb_queue *q = &vif->queues[i];

		seq_printf(m, "q%u: tx %u grants %u ids len %u; rx %u grants %u ids len %u; gref mapping %u\n",
			   i, q->stg_tx.nr_pages, q->stg_tx.nr_ids,
			   q->stg_tx.len, q->stg_rx.nr_pages,
			   q->stg_rx.nr_ids, q->stg_rx.len,
			   READ_ONCE(q->gref.t.nr));
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(xnb_staging);

/* Gref mapping per queue: grants mapped, and the memcpys through them
 * ("tx": from the guest, "rx": to it) instead of grant copies.
 */
static int xnb_gref_show(struct seq_file *m, void *v)
{
	struct xnb_vif *vif = m->private;
	u64 tc, tb, rc, rb;
	unsigned int i;

	for (i = 0; i < vif->num_queues; i++) {
		const struct xnb_queue *q = &vif->queues[i];

		xnb_gref_stats(q, &tc, &tb, &rc, &rb);
		seq_printf(m, "q%u: mapped %u tx_copies %llu tx_bytes %llu rx_copies %llu rx_bytes %llu\n",
			   i, READ_ONCE(q->gref.t.nr), tc, tb, rc, rb);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(xnb_gref);

/* Staging grants mapped by all vifs, and the limit. */
static int xnb_staging_all_show(struct seq_file *m, void *v)
{
	seq_printf(m, "mapped %u\nlimit %u\n", xnb_stg_maps_total(),
		   READ_ONCE(xnb_staging_max_grants));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(xnb_staging_all);

/* After the queues and the control ring are connected. */
void xnb_debugfs_add(struct xnb_vif *vif)
{
	char name[16];
	unsigned int i;

	if (IS_ERR_OR_NULL(xnb_debugfs_root))
		return;
	vif->debugfs = debugfs_create_dir(vif->name, xnb_debugfs_root);
	for (i = 0; i < vif->num_queues; i++) {
		snprintf(name, sizeof(name), "io_ring_q%u", i);
		debugfs_create_file(name, 0600, vif->debugfs,
				    &vif->queues[i], &xnb_io_ring_fops);
	}
	debugfs_create_file("staging", 0400, vif->debugfs, vif,
			    &xnb_staging_fops);
	debugfs_create_file("gref_mapping", 0400, vif->debugfs, vif,
			    &xnb_gref_fops);
	if (vif->ctrl_irq)
		debugfs_create_file("ctrl", 0400, vif->debugfs, vif,
				    &xnb_ctrl_fops);
}

/* Before the control ring and the queues are disconnected. */
void xnb_debugfs_del(struct xnb_vif *vif)
{
	debugfs_remove_recursive(vif->debugfs);
	vif->debugfs = NULL;
}

void xnb_debugfs_init(void)
{
	xnb_debugfs_root = debugfs_create_dir("xen-netback", NULL);
	debugfs_create_file("staging_grants", 0400, xnb_debugfs_root, NULL,
			    &xnb_staging_all_fops);
}

void xnb_debugfs_exit(void)
{
	debugfs_remove_recursive(xnb_debugfs_root);
	xnb_debugfs_root = NULL;
}
