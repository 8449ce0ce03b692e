// SPDX-License-Identifier: GPL-2.0-only
/* xen-netfront: the net_device, its operations and its lifetime.
 */
#include "netfront.h"

#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <net/netdev_queues.h>
#include <net/tcp.h>
#include <xen-netif/compat.h>

static int xnf_open(struct net_device *dev)
{
	struct xnf_vif *vif = netdev_priv(dev);

	if (xnf_num_queues(vif))
		xnf_queues_start(vif);
	return 0;
}

static int xnf_close(struct net_device *dev)
{
	struct xnf_vif *vif = netdev_priv(dev);

	if (xnf_num_queues(vif))
		xnf_queues_stop(vif);
	return 0;
}

/* Spread flows over the queues by their hash. */
static u16 xnf_select_queue(struct net_device *dev, struct sk_buff *skb,
			    struct net_device *sb_dev)
{
	unsigned int n = dev->real_num_tx_queues;

	if (n <= 1)
		return 0;
	return reciprocal_scale(skb_get_hash(skb), n);
}

void xnf_queue_stats_read(struct xnf_queue *q, u64 *tx, u64 *rx)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&q->tx_stats.syncp);
		tx[0] = u64_stats_read(&q->tx_stats.packets);
		tx[1] = u64_stats_read(&q->tx_stats.bytes);
		tx[2] = u64_stats_read(&q->tx_stats.errors);
		tx[3] = u64_stats_read(&q->tx_stats.dropped);
	} while (u64_stats_fetch_retry(&q->tx_stats.syncp, start));

	do {
		start = u64_stats_fetch_begin(&q->rx_stats.syncp);
		rx[0] = u64_stats_read(&q->rx_stats.packets);
		rx[1] = u64_stats_read(&q->rx_stats.bytes);
		rx[2] = u64_stats_read(&q->rx_stats.errors);
		rx[3] = u64_stats_read(&q->rx_stats.dropped);
	} while (u64_stats_fetch_retry(&q->rx_stats.syncp, start));
}

/* Add the four counters each way of every queue of @qs to @tot. */
static void xnf_stats_add(struct rtnl_link_stats64 *tot,
			  struct xnf_queue_set *qs)
{
	u64 tx[4], rx[4];
	unsigned int i;

	for (i = 0; qs && i < qs->num; i++) {
		xnf_queue_stats_read(&qs->q[i], tx, rx);
		tot->tx_packets += tx[0];
		tot->tx_bytes += tx[1];
		tot->tx_errors += tx[2];
		tot->tx_dropped += tx[3];
		tot->rx_packets += rx[0];
		tot->rx_bytes += rx[1];
		tot->rx_errors += rx[2];
		tot->rx_dropped += rx[3];
	}
}

/* Every connection's counters since the netdev was made (ip -s link). */
static void xnf_get_stats64(struct net_device *dev,
			    struct rtnl_link_stats64 *tot)
{
	struct xnf_vif *vif = netdev_priv(dev);
	struct rtnl_link_stats64 sum;
	unsigned int seq;

	/* Not always under RTNL: xnf_queues_destroy() folds the queues'
	 * counters into stats_gone and unpublishes stats_qs together, then
	 * waits for RCU readers before freeing them.
	 */
	rcu_read_lock();
	do {
		seq = read_seqcount_begin(&vif->stats_seq);
		sum = vif->stats_gone;
		xnf_stats_add(&sum, rcu_dereference(vif->stats_qs));
	} while (read_seqcount_retry(&vif->stats_seq, seq));
	rcu_read_unlock();
	/* the core zeroed *tot; sum has only the eight counters set */
	*tot = sum;
}

/**
 * xnf_stats_fold - keep the counters of the queue set about to be freed
 * @vif: the vif, its queues unpublished from the data path and idle
 *
 * Adds their counters to stats_gone and unpublishes stats_qs in one
 * step for readers; the caller waits for a grace period before freeing
 * the queues.  Caller holds RTNL (the one writer).
 */
void xnf_stats_fold(struct xnf_vif *vif)
{
	struct xnf_queue_set *qs = rtnl_dereference(vif->stats_qs);

	preempt_disable();
	write_seqcount_begin(&vif->stats_seq);
	xnf_stats_add(&vif->stats_gone, qs);
	RCU_INIT_POINTER(vif->stats_qs, NULL);
	write_seqcount_end(&vif->stats_seq);
	preempt_enable();
}

#ifdef XNIF_HAVE_QSTATS
/* Per-queue counters for netlink (qstats-get).  The core calls these
 * under RTNL, which is also what xnf_stats_fold() and the queue set's
 * publication hold: base and queues are read in one consistent state,
 * and base plus every queue is what xnf_get_stats64() sums.  Queue idx
 * is queue idx of stats_qs, which sized real_num_{rx,tx}_queues; without
 * a connection there is none, and the core leaves a queue we do not fill
 * out of the answer.
 */
static struct xnf_queue *xnf_stats_queue(struct net_device *dev, int idx)
{
	struct xnf_vif *vif = netdev_priv(dev);
	struct xnf_queue_set *qs = rtnl_dereference(vif->stats_qs);

	if (!qs || idx < 0 || idx >= qs->num)
		return NULL;
	return &qs->q[idx];
}

static void xnf_get_queue_stats_rx(struct net_device *dev, int idx,
				   struct netdev_queue_stats_rx *rx)
{
	struct xnf_queue *q = xnf_stats_queue(dev, idx);
	u64 t[4], r[4];

	if (!q)
		return;
	xnf_queue_stats_read(q, t, r);
	rx->packets = r[0];
	rx->bytes = r[1];
	rx->alloc_fail = r[3];	/* rx dropped: no memory for the skb */
}

static void xnf_get_queue_stats_tx(struct net_device *dev, int idx,
				   struct netdev_queue_stats_tx *tx)
{
	struct xnf_queue *q = xnf_stats_queue(dev, idx);
	u64 t[4], r[4];

	if (!q)
		return;
	xnf_queue_stats_read(q, t, r);
	tx->packets = t[0];
	tx->bytes = t[1];
}

/* What queue sets before this one counted: stats_gone (RTNL-written). */
static void xnf_get_base_stats(struct net_device *dev,
			       struct netdev_queue_stats_rx *rx,
			       struct netdev_queue_stats_tx *tx)
{
	struct xnf_vif *vif = netdev_priv(dev);
	const struct rtnl_link_stats64 *gone = &vif->stats_gone;

	ASSERT_RTNL();
	rx->packets = gone->rx_packets;
	rx->bytes = gone->rx_bytes;
	rx->alloc_fail = gone->rx_dropped;
	tx->packets = gone->tx_packets;
	tx->bytes = gone->tx_bytes;
}

static const struct netdev_stat_ops xnf_stat_ops = {
	.get_queue_stats_rx	= xnf_get_queue_stats_rx,
	.get_queue_stats_tx	= xnf_get_queue_stats_tx,
	.get_base_stats		= xnf_get_base_stats,
};
#endif /* XNIF_HAVE_QSTATS */

/* Offer only what the backend said it can take. */
static netdev_features_t xnf_fix_features(struct net_device *dev,
					  netdev_features_t features)
{
	struct xnf_vif *vif = netdev_priv(dev);

	if (!vif->be.sg)
		features &= ~NETIF_F_SG;
	if (!vif->be.ipv6_csum)
		features &= ~NETIF_F_IPV6_CSUM;
	if (!vif->be.gso_tcpv4)
		features &= ~NETIF_F_TSO;
	if (!vif->be.gso_tcpv6)
		features &= ~NETIF_F_TSO6;
	return features;
}

static int xnf_change_mtu(struct net_device *dev, int mtu)
{
	if (mtu > ETH_DATA_LEN && !(dev->features & NETIF_F_SG))
		return -EINVAL;
	if (xnf_xdp_attached(netdev_priv(dev)) && mtu > xnf_xdp_max_mtu()) {
		netdev_warn(dev, "MTU above %u with an XDP program\n",
			    xnf_xdp_max_mtu());
		return -EINVAL;
	}
	dev->mtu = mtu;
	return 0;
}

static const struct net_device_ops xnf_netdev_ops = {
	.ndo_open		= xnf_open,
	.ndo_stop		= xnf_close,
	.ndo_start_xmit		= xnf_start_xmit,
	.ndo_select_queue	= xnf_select_queue,
	.ndo_get_stats64	= xnf_get_stats64,
	.ndo_fix_features	= xnf_fix_features,
	.ndo_change_mtu		= xnf_change_mtu,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_bpf		= xnf_bpf,
	.ndo_xdp_xmit		= xnf_xdp_xmit,
};

/* Allocate the net_device with the vif as its private area. */
struct xnf_vif *xnf_netdev_alloc(struct xenbus_device *xdev)
{
	struct net_device *dev;
	struct xnf_vif *vif;

	dev = alloc_etherdev_mq(sizeof(*vif), XNF_MAX_QUEUES);
	if (!dev)
		return NULL;

	vif = netdev_priv(dev);
	vif->xdev = xdev;
	vif->netdev = dev;
	init_waitqueue_head(&vif->state_wq);
	seqcount_init(&vif->stats_seq);

	dev->netdev_ops = &xnf_netdev_ops;
	dev->ethtool_ops = &xnf_ethtool_ops;
	xnif_set_stat_ops(dev, &xnf_stat_ops);
	dev->hw_features = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM |
			   NETIF_F_TSO | NETIF_F_TSO6;
	dev->features = dev->hw_features | NETIF_F_RXCSUM | NETIF_F_GSO_ROBUST;
	/* The first TX slot's size is a u16: keep GSO packets below it. */
	netif_set_tso_max_size(dev, XNIF_MAX_TX_SIZE - MAX_TCP_HEADER);
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = XNIF_MAX_TX_SIZE - ETH_HLEN;
	xnif_xdp_set_features(dev);
	netif_set_real_num_tx_queues(dev, 1);
	netif_set_real_num_rx_queues(dev, 1);
	netif_carrier_off(dev);
	SET_NETDEV_DEV(dev, &xdev->dev);
	return vif;
}

void xnf_netdev_free(struct xnf_vif *vif)
{
	free_netdev(vif->netdev);
}
