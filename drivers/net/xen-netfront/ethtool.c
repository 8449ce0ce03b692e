// SPDX-License-Identifier: GPL-2.0-only
/* xen-netfront: ethtool. Driver info, combined channels (one per queue)
 * and per-queue counters, in the way virtio_net reports them; RSS (-x/-X,
 * rx-flow-hash) over the control ring, in ctrl.c.
 */
#include "netfront.h"

#include <linux/ethtool.h>
#include <linux/rtnetlink.h>
#include <xen-netif/compat.h>
#include <xen-netif/version.h>
#include <xen-netif/xnif.h>

struct xnf_stat_desc {
	char	name[ETH_GSTRING_LEN];
	size_t	offset;
};

#define XNF_TX_STAT(m)	{ #m, offsetof(struct xnf_tx_stats, m) }
#define XNF_RX_STAT(m)	{ #m, offsetof(struct xnf_rx_stats, m) }

static const struct xnf_stat_desc xnf_tx_stat_descs[] = {
	XNF_TX_STAT(packets),
	XNF_TX_STAT(bytes),
	XNF_TX_STAT(linearized),
	XNF_TX_STAT(bounced),
	XNF_TX_STAT(gso),
	XNF_TX_STAT(stopped),
	XNF_TX_STAT(errors),
	XNF_TX_STAT(dropped),
	XNF_TX_STAT(xdp_xmit),
	XNF_TX_STAT(staged),
	XNF_TX_STAT(staged_bytes),
	XNF_TX_STAT(notifies),
};

static const struct xnf_stat_desc xnf_rx_stat_descs[] = {
	XNF_RX_STAT(packets),
	XNF_RX_STAT(bytes),
	XNF_RX_STAT(gso),
	XNF_RX_STAT(csum_blank),
	XNF_RX_STAT(errors),
	XNF_RX_STAT(bad_rsp),
	XNF_RX_STAT(long_chain),
	XNF_RX_STAT(dropped),
	XNF_RX_STAT(xdp_drop),
	XNF_RX_STAT(xdp_tx),
	XNF_RX_STAT(xdp_redirect),
	XNF_RX_STAT(xdp_unfit),
	XNF_RX_STAT(staged),
	XNF_RX_STAT(staged_bytes),
	XNF_RX_STAT(notifies),
};

/* Per channel: "tx_queue_N_events", "rx_queue_N_spurious_events", ... */
static const struct xnf_stat_desc xnf_evt_stat_descs[] = {
	{ "events", offsetof(struct xnf_evt_stats, events) },
	{ "spurious_events", offsetof(struct xnf_evt_stats, spurious) },
};

/* ethtool --show-priv-flags / --set-priv-flags, bit i is name i. */
static const char xnf_priv_flags[][ETH_GSTRING_LEN] = {
	"staging",	/* on: stage staging_len bytes if the backend offers */
	"tcp-queue-4ms", /* on: TCP may queue 4 ms of data here, not 1 */
};

#define XNF_PRIV_STAGING	BIT(0)
#define XNF_PRIV_TCP_4MS	BIT(1)

/* Control requests of the vif, after the per-queue counters. */
static const struct xnf_stat_desc xnf_ctrl_stat_descs[] = {
	{ "ctrl_requests", offsetof(struct xnf_ctrl_stats, requests) },
	{ "ctrl_failed", offsetof(struct xnf_ctrl_stats, failed) },
	{ "ctrl_timeouts", offsetof(struct xnf_ctrl_stats, timeouts) },
};

#define XNF_NR_CTRL_STATS	ARRAY_SIZE(xnf_ctrl_stat_descs)
#define XNF_NR_TX_STATS	ARRAY_SIZE(xnf_tx_stat_descs)
#define XNF_NR_RX_STATS	ARRAY_SIZE(xnf_rx_stat_descs)
#define XNF_NR_EVT_STATS	ARRAY_SIZE(xnf_evt_stat_descs)
#define XNF_NR_Q_STATS	(XNF_NR_TX_STATS + XNF_NR_RX_STATS + \
			 2 * XNF_NR_EVT_STATS)

static void xnf_get_drvinfo(struct net_device *dev,
			    struct ethtool_drvinfo *info)
{
	struct xnf_vif *vif = netdev_priv(dev);

	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->version, XNIF_VERSION, sizeof(info->version));
	strscpy(info->bus_info, dev_name(&vif->xdev->dev),
		sizeof(info->bus_info));
}

static void xnf_get_channels(struct net_device *dev,
			     struct ethtool_channels *ch)
{
	struct xnf_vif *vif = netdev_priv(dev);

	/* before the backend is known, ours alone (clamped at connect) */
	ch->max_combined = min(READ_ONCE(xnf_max_queues),
			       vif->be.max_queues ?: XNF_MAX_QUEUES);
	ch->combined_count = xnf_num_queues(vif);
}

/* Reconnect with the new queue count. */
static int xnf_set_channels(struct net_device *dev,
			    struct ethtool_channels *ch)
{
	struct xnf_vif *vif = netdev_priv(dev);
	struct ethtool_channels cur = {};

	xnf_get_channels(dev, &cur);
	if (ch->rx_count || ch->tx_count || ch->other_count)
		return -EINVAL;
	if (!ch->combined_count || ch->combined_count > cur.max_combined)
		return -EINVAL;
	vif->want_queues = ch->combined_count;
	if (!vif->connected) {
		/* a systemd .link file's CombinedChannels= comes this early */
		netdev_info(dev, "%u queue(s) at the next connect\n",
			    ch->combined_count);
		return 0;
	}
	if (ch->combined_count == xnf_num_queues(vif))
		return 0;
	return xnf_reconnect(vif);
}

/* Current sizes (0 while not connected) and the largest usable now. */
static void xnf_get_ringparam(struct net_device *dev,
			      struct ethtool_ringparam *ring,
			      struct kernel_ethtool_ringparam *kring,
			      struct netlink_ext_ack *extack)
{
	struct xnf_vif *vif = netdev_priv(dev);
	unsigned int max = xnf_ring_max_order(vif);

	ring->rx_max_pending = xnif_order_rx_entries(max);
	ring->tx_max_pending = xnif_order_tx_entries(max);
	if (xnf_num_queues(vif)) {
		ring->rx_pending = xnf_queue_at(vif, 0)->rx_size;
		ring->tx_pending = xnf_queue_at(vif, 0)->tx_size;
	} else if (vif->want_ring_set) {
		/* not connected: what the next connect will ask for */
		ring->rx_pending = xnif_order_rx_entries(vif->want_ring_order);
		ring->tx_pending = xnif_order_tx_entries(vif->want_ring_order);
	}
}

/* Reconnect at the smallest ring order that holds both sizes. */
static int xnf_set_ringparam(struct net_device *dev,
			     struct ethtool_ringparam *ring,
			     struct kernel_ethtool_ringparam *kring,
			     struct netlink_ext_ack *extack)
{
	struct xnf_vif *vif = netdev_priv(dev);
	unsigned int order, max = xnf_ring_max_order(vif);
	unsigned int tx = ring->tx_pending, rx = ring->rx_pending;
	int err;

	if (ring->rx_mini_pending || ring->rx_jumbo_pending) {
		NL_SET_ERR_MSG_MOD(extack, "only rx and tx rings exist");
		return -EINVAL;
	}
	/* Not connected, ethtool -g shows 0 for a size never asked for, so
	 * "-G rx N" alone comes with tx 0: the other ring takes any size.
	 */
	if (!vif->connected) {
		tx = tx ?: 1;
		rx = rx ?: 1;
	}
	err = xnif_ring_order_for(tx, rx, max, &order);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack,
				   "ring sizes must be 1 up to the maximum ethtool -g shows");
		netdev_err(dev, "ring sizes rx %u tx %u: allowed 1..%u each (ring order %u)\n",
			   ring->rx_pending, ring->tx_pending,
			   xnif_order_rx_entries(max), max);
		return -EINVAL;
	}
	vif->want_ring_order = order;
	vif->want_ring_set = true;
	if (!vif->connected) {
		netdev_info(dev, "ring order %u at the next connect\n", order);
		return 0;
	}
	if (order == vif->ring_order)
		return 0;
	netdev_info(dev, "ring order %u -> %u, reconnecting\n",
		    vif->ring_order, order);
	return xnf_reconnect(vif);
}

static u32 xnf_get_priv_flags(struct net_device *dev)
{
	struct xnf_vif *vif = netdev_priv(dev);
	u32 flags = 0;

	if (!vif->stg_off)
		flags |= XNF_PRIV_STAGING;
	if (!READ_ONCE(vif->tcp_1ms))
		flags |= XNF_PRIV_TCP_4MS;
	return flags;
}

/* "tcp-queue-4ms" applies from the next packet; "staging" off or on
 * again reconnects, reading staging_len afresh.
 */
static int xnf_set_priv_flags(struct net_device *dev, u32 flags)
{
	struct xnf_vif *vif = netdev_priv(dev);
	bool off = !(flags & XNF_PRIV_STAGING);

	if (flags & ~(XNF_PRIV_STAGING | XNF_PRIV_TCP_4MS))
		return -EINVAL;
	WRITE_ONCE(vif->tcp_1ms, !(flags & XNF_PRIV_TCP_4MS));
	if (off == vif->stg_off)
		return 0;
	vif->stg_off = off;
	if (!vif->connected)
		return 0;
	netdev_info(dev, "staging %s, reconnecting\n", off ? "off" : "on");
	return xnf_reconnect(vif);
}

static int xnf_get_sset_count(struct net_device *dev, int sset)
{
	struct xnf_vif *vif = netdev_priv(dev);

	if (sset == ETH_SS_PRIV_FLAGS)
		return ARRAY_SIZE(xnf_priv_flags);
	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return xnf_num_queues(vif) * XNF_NR_Q_STATS + XNF_NR_CTRL_STATS;
}

static void xnf_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	struct xnf_vif *vif = netdev_priv(dev);
	unsigned int i, j;

	if (sset == ETH_SS_PRIV_FLAGS) {
		memcpy(data, xnf_priv_flags, sizeof(xnf_priv_flags));
		return;
	}
	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < xnf_num_queues(vif); i++) {
		for (j = 0; j < XNF_NR_RX_STATS; j++)
			ethtool_sprintf(&data, "rx_queue_%u_%s", i,
					xnf_rx_stat_descs[j].name);
		for (j = 0; j < XNF_NR_TX_STATS; j++)
			ethtool_sprintf(&data, "tx_queue_%u_%s", i,
					xnf_tx_stat_descs[j].name);
		for (j = 0; j < XNF_NR_EVT_STATS; j++)
			ethtool_sprintf(&data, "rx_queue_%u_%s", i,
					xnf_evt_stat_descs[j].name);
		for (j = 0; j < XNF_NR_EVT_STATS; j++)
			ethtool_sprintf(&data, "tx_queue_%u_%s", i,
					xnf_evt_stat_descs[j].name);
	}
	for (j = 0; j < XNF_NR_CTRL_STATS; j++)
		ethtool_sprintf(&data, "%s", xnf_ctrl_stat_descs[j].name);
}

static void xnf_read_group(const struct xnf_stat_desc *descs,
			   unsigned int nr, const void *base,
			   struct u64_stats_sync *syncp, u64 *data)
{
	unsigned int start, j;

	do {
		start = u64_stats_fetch_begin(syncp);
		for (j = 0; j < nr; j++)
			data[j] = u64_stats_read(base + descs[j].offset);
	} while (u64_stats_fetch_retry(syncp, start));
}

static void xnf_get_ethtool_stats(struct net_device *dev,
				  struct ethtool_stats *stats, u64 *data)
{
	struct xnf_vif *vif = netdev_priv(dev);
	struct xnf_queue *q;
	unsigned int i;

	for (i = 0; i < xnf_num_queues(vif); i++) {
		q = xnf_queue_at(vif, i);
		xnf_read_group(xnf_rx_stat_descs, XNF_NR_RX_STATS,
			       &q->rx_stats, &q->rx_stats.syncp, data);
		data += XNF_NR_RX_STATS;
		xnf_read_group(xnf_tx_stat_descs, XNF_NR_TX_STATS,
			       &q->tx_stats, &q->tx_stats.syncp, data);
		data += XNF_NR_TX_STATS;
		xnf_read_group(xnf_evt_stat_descs, XNF_NR_EVT_STATS,
			       &q->rx_evt, &q->rx_evt.syncp, data);
		data += XNF_NR_EVT_STATS;
		xnf_read_group(xnf_evt_stat_descs, XNF_NR_EVT_STATS,
			       &q->tx_evt, &q->tx_evt.syncp, data);
		data += XNF_NR_EVT_STATS;
	}
	/* written under RTNL, which ethtool holds */
	for (i = 0; i < XNF_NR_CTRL_STATS; i++)
		data[i] = *(u64 *)((void *)&vif->ctrl_stats +
				   xnf_ctrl_stat_descs[i].offset);
}

/* RSS over the control ring (ctrl.c). */
static u32 xnf_get_rxfh_key_size(struct net_device *dev)
{
	return xnf_rss_key_size(netdev_priv(dev));
}

static u32 xnf_get_rxfh_indir_size(struct net_device *dev)
{
	return xnf_rss_indir_size(netdev_priv(dev));
}

static int xnf_rxfh_get(struct net_device *dev, u32 *indir, u8 *key,
			u8 *hfunc)
{
	if (hfunc)
		*hfunc = ETH_RSS_HASH_TOP;
	return xnf_rss_get(netdev_priv(dev), indir, key);
}

static int xnf_rxfh_set(struct net_device *dev, const u32 *indir,
			const u8 *key, u8 hfunc, bool context,
			struct netlink_ext_ack *extack)
{
	if (context) {
		NL_SET_ERR_MSG_MOD(extack, "no RSS contexts but the default");
		return -EOPNOTSUPP;
	}
	if (hfunc != ETH_RSS_HASH_NO_CHANGE && hfunc != ETH_RSS_HASH_TOP) {
		NL_SET_ERR_MSG_MOD(extack, "only the Toeplitz hash exists");
		return -EOPNOTSUPP;
	}
	return xnf_rss_set(netdev_priv(dev), indir, key);
}

XNIF_ETHTOOL_RXFH(xnf)

static int xnf_get_rxnfc(struct net_device *dev, struct ethtool_rxnfc *info,
			 u32 *rule_locs)
{
	struct xnf_vif *vif = netdev_priv(dev);

	switch (info->cmd) {
	case ETHTOOL_GRXRINGS:
		info->data = xnf_num_queues(vif);
		return 0;
	case ETHTOOL_GRXFH:
		return xnf_rss_get_fields(vif, info->flow_type, &info->data);
	default:
		return -EOPNOTSUPP;
	}
}

static int xnf_set_rxnfc(struct net_device *dev, struct ethtool_rxnfc *info)
{
	if (info->cmd != ETHTOOL_SRXFH)
		return -EOPNOTSUPP;
	return xnf_rss_set_fields(netdev_priv(dev), info->flow_type,
				  info->data);
}

const struct ethtool_ops xnf_ethtool_ops = {
	.get_drvinfo		= xnf_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_channels		= xnf_get_channels,
	.set_channels		= xnf_set_channels,
	.get_ringparam		= xnf_get_ringparam,
	.set_ringparam		= xnf_set_ringparam,
	.get_sset_count		= xnf_get_sset_count,
	.get_strings		= xnf_get_strings,
	.get_ethtool_stats	= xnf_get_ethtool_stats,
	.get_priv_flags		= xnf_get_priv_flags,
	.set_priv_flags		= xnf_set_priv_flags,
	.get_rxnfc		= xnf_get_rxnfc,
	.set_rxnfc		= xnf_set_rxnfc,
	.get_rxfh_key_size	= xnf_get_rxfh_key_size,
	.get_rxfh_indir_size	= xnf_get_rxfh_indir_size,
	.get_rxfh		= xnf_get_rxfh,
	.set_rxfh		= xnf_set_rxfh,
};
