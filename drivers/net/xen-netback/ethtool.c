// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: ethtool -i, link state and per-queue counters (ethtool -S).
 */
#include "common.h"

#include <linux/ethtool.h>
#include <linux/module.h>

/*
 * Per queue, in this order; "rx" is from the guest, "tx" to the guest.
 * *_staged_*: packets whose first bytes moved through a staging buffer,
 * and those bytes.
 */
static const char * const xnb_queue_stats[] = {
	"rx_packets", "rx_bytes", "rx_dropped", "rx_errors",
	"tx_packets", "tx_bytes", "tx_dropped", "tx_errors",
	"rx_staged_packets", "rx_staged_bytes",
	"tx_staged_packets", "tx_staged_bytes",
};

#define XNB_NR_QSTATS	ARRAY_SIZE(xnb_queue_stats)

static struct xnb_vif *xnb_ethtool_vif(struct net_device *dev)
{
	return *(struct xnb_vif **)netdev_priv(dev);
}

static void xnb_get_drvinfo(struct net_device *dev,
			    struct ethtool_drvinfo *info)
{
	struct xnb_vif *vif = xnb_ethtool_vif(dev);

	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->bus_info, dev_name(&vif->xdev->dev),
		sizeof(info->bus_info));
}

static int xnb_get_sset_count(struct net_device *dev, int sset)
{
	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return xnb_ethtool_vif(dev)->max_queues * XNB_NR_QSTATS;
}

static void xnb_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	struct xnb_vif *vif = xnb_ethtool_vif(dev);
	unsigned int q, i;

	if (sset != ETH_SS_STATS)
		return;
	for (q = 0; q < vif->max_queues; q++)
		for (i = 0; i < XNB_NR_QSTATS; i++) {
			snprintf(data, ETH_GSTRING_LEN, "q%u_%s", q,
				 xnb_queue_stats[i]);
			data += ETH_GSTRING_LEN;
		}
}

/* Four counters of @s into @data. */
static void xnb_stats_fill(const struct xnb_stats *s, u64 *data)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		data[0] = u64_stats_read(&s->packets);
		data[1] = u64_stats_read(&s->bytes);
		data[2] = u64_stats_read(&s->dropped);
		data[3] = u64_stats_read(&s->errors);
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

/* Two staging counters of @s into @data. */
static void xnb_stg_stats_fill(const struct xnb_stg_stats *s, u64 *data)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&s->syncp);
		data[0] = u64_stats_read(&s->packets);
		data[1] = u64_stats_read(&s->bytes);
	} while (u64_stats_fetch_retry(&s->syncp, start));
}

static void xnb_get_ethtool_stats(struct net_device *dev,
				  struct ethtool_stats *stats, u64 *data)
{
	struct xnb_vif *vif = xnb_ethtool_vif(dev);
	unsigned int q;
	u64 xmit[4];

	for (q = 0; q < vif->max_queues; q++) {
		xnb_stats_fill(&vif->queues[q].tx_stats, data);
		xnb_stats_fill(&vif->queues[q].rx_stats, data + 4);
		xnb_stats_fill(&vif->queues[q].xmit_stats, xmit);
		data[6] += xmit[2];
		data[7] += xmit[3];
		xnb_stg_stats_fill(&vif->queues[q].stg_tx_stats, data + 8);
		xnb_stg_stats_fill(&vif->queues[q].stg_rx_stats, data + 10);
		data += XNB_NR_QSTATS;
	}
}

/*
 * Ring sizes in the netdev's terms: "rx" is the guest TX ring, "tx" the
 * guest RX ring. Maximum: what we advertise; current: what the frontend
 * chose (0 while not connected).
 */
static void xnb_get_ringparam(struct net_device *dev,
			      struct ethtool_ringparam *ring,
			      struct kernel_ethtool_ringparam *kring,
			      struct netlink_ext_ack *extack)
{
	struct xnb_vif *vif = xnb_ethtool_vif(dev);
	struct xnb_queue *q = &vif->queues[0];

	ring->rx_max_pending = xnif_order_tx_entries(vif->max_ring_order);
	ring->tx_max_pending = xnif_order_rx_entries(vif->max_ring_order);
	if (vif->data_connected) {
		ring->rx_pending = RING_SIZE(&q->tx);
		ring->tx_pending = RING_SIZE(&q->rx);
	}
}

const struct ethtool_ops xnb_ethtool_ops = {
	.get_drvinfo		= xnb_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_ringparam		= xnb_get_ringparam,
	.get_sset_count		= xnb_get_sset_count,
	.get_strings		= xnb_get_strings,
	.get_ethtool_stats	= xnb_get_ethtool_stats,
};
