// SPDX-License-Identifier: GPL-2.0-only
/* xen-netback: ethtool -i, link state and per-queue counters (ethtool -S).
 */
#include "common.h"

#include <linux/ethtool.h>
#include <linux/stringify.h>
#include <linux/module.h>
#include <xen-netif/version.h>

struct xnb_stat_desc {
	char	name[ETH_GSTRING_LEN];
	size_t	offset;
};

#define XNB_QSTAT(m)	{ #m, offsetof(struct xnb_qstats, m) }

/* The vif's totals under these names, then each queue's as q<N>_<name>,
 * in this order (see struct xnb_qstats for the names).
 */
static const struct xnb_stat_desc xnb_qstat_descs[] = {
	XNB_QSTAT(rx_packets),
	XNB_QSTAT(rx_bytes),
	XNB_QSTAT(rx_dropped),
	XNB_QSTAT(rx_errors),
	XNB_QSTAT(tx_packets),
	XNB_QSTAT(tx_bytes),
	XNB_QSTAT(tx_dropped),
	XNB_QSTAT(tx_errors),
	XNB_QSTAT(rx_staged_packets),
	XNB_QSTAT(rx_staged_bytes),
	XNB_QSTAT(tx_staged_packets),
	XNB_QSTAT(tx_staged_bytes),
	XNB_QSTAT(rx_stalls),
	XNB_QSTAT(rx_stall_recoveries),
	XNB_QSTAT(rx_drain_drops),
	XNB_QSTAT(rx_copy_ops),
	XNB_QSTAT(rx_copy_calls),
	XNB_QSTAT(rx_notifies),
	XNB_QSTAT(tx_copy_ops),
	XNB_QSTAT(tx_copy_calls),
	XNB_QSTAT(tx_notifies),
};

#define XNB_NR_QSTATS	ARRAY_SIZE(xnb_qstat_descs)

static void xnb_get_drvinfo(struct net_device *dev,
			    struct ethtool_drvinfo *info)
{
	struct xnb_vif *vif = xnb_netdev_vif(dev);

	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->version, XNIF_VERSION, sizeof(info->version));
	strscpy(info->bus_info, dev_name(&vif->xdev->dev),
		sizeof(info->bus_info));
}

static int xnb_get_sset_count(struct net_device *dev, int sset)
{
	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return (1 + xnb_netdev_vif(dev)->max_queues) * XNB_NR_QSTATS;
}

static void xnb_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	struct xnb_vif *vif = xnb_netdev_vif(dev);
	unsigned int q, i;

	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < XNB_NR_QSTATS; i++) {
		strscpy(data, xnb_qstat_descs[i].name, ETH_GSTRING_LEN);
		data += ETH_GSTRING_LEN;
	}
	for (q = 0; q < vif->max_queues; q++)
		for (i = 0; i < XNB_NR_QSTATS; i++) {
			snprintf(data, ETH_GSTRING_LEN, "q%u_%s", q,
				 xnb_qstat_descs[i].name);
			data += ETH_GSTRING_LEN;
		}
}

static void xnb_put_qstats(u64 *data, const struct xnb_qstats *v)
{
	unsigned int i;

	for (i = 0; i < XNB_NR_QSTATS; i++)
		data[i] = *(const u64 *)((const u8 *)v +
					 xnb_qstat_descs[i].offset);
}

static void xnb_put_queue(void *arg, unsigned int q,
			  const struct xnb_qstats *v)
{
	xnb_put_qstats((u64 *)arg + (1 + q) * XNB_NR_QSTATS, v);
}

/* The totals count every connection since probe; q<N>_ the connection
 * now (zero for a queue index it does not use).
 */
static void xnb_get_ethtool_stats(struct net_device *dev,
				  struct ethtool_stats *stats, u64 *data)
{
	struct xnb_qstats total;

	xnb_vif_stats_read(xnb_netdev_vif(dev), &total, xnb_put_queue, data);
	xnb_put_qstats(data, &total);
}

/* Ring sizes in the netdev's terms: "rx" is the guest TX ring, "tx" the
 * guest RX ring. Maximum: what we advertise; current: what the frontend
 * chose (0 while not connected).
 */
static void xnb_get_ringparam(struct net_device *dev,
			      struct ethtool_ringparam *ring,
			      struct kernel_ethtool_ringparam *kring,
			      struct netlink_ext_ack *extack)
{
	struct xnb_vif *vif = xnb_netdev_vif(dev);

	ring->rx_max_pending = xnif_order_tx_entries(vif->max_ring_order);
	ring->tx_max_pending = xnif_order_rx_entries(vif->max_ring_order);
	/* every queue's rings have ring_order: no need to look at them */
	if (vif->data_connected) {
		ring->rx_pending = xnif_order_tx_entries(vif->ring_order);
		ring->tx_pending = xnif_order_rx_entries(vif->ring_order);
	}
}

/* tx-usecs: how long a packet for a guest whose queue a stream keeps
 * running dry waits for more before the kthread wakes (rx.c,
 * xnb_rx_kick_soon()), and while it is not 0 the kthread is SCHED_BATCH
 * (xnb_rx_set_policy()); 0 wakes it at once and lets the wake-up preempt
 * the sender, as the stock netback does.
 */
static int xnb_get_coalesce(struct net_device *dev,
			    struct ethtool_coalesce *ec,
			    struct kernel_ethtool_coalesce *kec,
			    struct netlink_ext_ack *extack)
{
	ec->tx_coalesce_usecs = READ_ONCE(xnb_netdev_vif(dev)->rx_kick_usecs);
	return 0;
}

static int xnb_set_coalesce(struct net_device *dev,
			    struct ethtool_coalesce *ec,
			    struct kernel_ethtool_coalesce *kec,
			    struct netlink_ext_ack *extack)
{
	if (ec->tx_coalesce_usecs > XNB_RX_KICK_USECS_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "tx-usecs is at most "
				   __stringify(XNB_RX_KICK_USECS_MAX));
		return -EINVAL;
	}
	WRITE_ONCE(xnb_netdev_vif(dev)->rx_kick_usecs, ec->tx_coalesce_usecs);
	return 0;
}

const struct ethtool_ops xnb_ethtool_ops = {
	.supported_coalesce_params = ETHTOOL_COALESCE_TX_USECS,
	.get_drvinfo		= xnb_get_drvinfo,
	.get_coalesce		= xnb_get_coalesce,
	.set_coalesce		= xnb_set_coalesce,
	.get_link		= ethtool_op_get_link,
	.get_ringparam		= xnb_get_ringparam,
	.get_sset_count		= xnb_get_sset_count,
	.get_strings		= xnb_get_strings,
	.get_ethtool_stats	= xnb_get_ethtool_stats,
};
