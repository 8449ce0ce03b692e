/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Differences between the kernels we build for (Debian 6.1 and 6.12).
 *
 * This is the only place allowed to test the kernel version, through
 * XNIF_KERNEL_SINCE() (tools/testing/style-check tells checkpatch so).
 * Each entry says which release changed what; drop an entry once the
 * oldest supported kernel is past that release.
 */
#ifndef _XEN_NETIF_COMPAT_H
#define _XEN_NETIF_COMPAT_H

#include <linux/version.h>

/* Is the kernel we build for release @a.@b or later? */
#define XNIF_KERNEL_SINCE(a, b)	(KERNEL_VERSION(a, b, 0) <= LINUX_VERSION_CODE)

/*
 * 6.3: the driver core made bus uevent callbacks take a const device, and
 * xenbus_driver.uevent followed (const struct xenbus_device *). Use as
 * "XNIF_UEVENT_CONST struct xenbus_device *dev".
 */
#if XNIF_KERNEL_SINCE(6, 3)
#define XNIF_UEVENT_CONST	const
#else
#define XNIF_UEVENT_CONST
#endif

/*
 * 6.6: <net/page_pool.h> was split into <net/page_pool/types.h> and
 * <net/page_pool/helpers.h>. Include XNIF_PAGE_POOL_H for both.
 */
#if XNIF_KERNEL_SINCE(6, 6)
#define XNIF_PAGE_POOL_H	"net/page_pool/helpers.h"
#else
#define XNIF_PAGE_POOL_H	"net/page_pool.h"
#endif

/*
 * Not an entry: netif_napi_add() lost its weight argument in 6.1, so both
 * supported kernels take (dev, napi, poll). No wrapper is needed.
 */

/*
 * 6.3: devices announce their XDP abilities in dev->xdp_features; a
 * redirect to a device without NETDEV_XDP_ACT_NDO_XMIT fails. Before,
 * having ndo_xdp_xmit was enough.
 */
#if XNIF_KERNEL_SINCE(6, 3)
#define xnif_xdp_set_features(dev)					\
	xdp_set_features_flag(dev, NETDEV_XDP_ACT_BASIC |		\
			      NETDEV_XDP_ACT_REDIRECT |			\
			      NETDEV_XDP_ACT_NDO_XMIT)
#else
#define xnif_xdp_set_features(dev)	do { } while (0)
#endif

/*
 * 6.8: ethtool's get_rxfh/set_rxfh take a struct ethtool_rxfh_param (and
 * set_rxfh an extack) instead of separate indir, key and hfunc arguments.
 * XNIF_ETHTOOL_RXFH(pfx) defines the ops pfx_get_rxfh and pfx_set_rxfh
 * with this kernel's signatures over the driver's own
 *   int pfx_rxfh_get(struct net_device *, u32 *indir, u8 *key, u8 *hfunc);
 *   int pfx_rxfh_set(struct net_device *, const u32 *indir, const u8 *key,
 *		      u8 hfunc, bool context, struct netlink_ext_ack *);
 * where context says an RSS context other than the default one was named
 * (never before 6.8), and the extack is NULL before 6.8.
 */
#if XNIF_KERNEL_SINCE(6, 8)
#define XNIF_ETHTOOL_RXFH(pfx)						\
static int pfx##_get_rxfh(struct net_device *dev,			\
			  struct ethtool_rxfh_param *p)			\
{									\
	return pfx##_rxfh_get(dev, p->indir, p->key, &p->hfunc);	\
}									\
static int pfx##_set_rxfh(struct net_device *dev,			\
			  struct ethtool_rxfh_param *p,			\
			  struct netlink_ext_ack *extack)		\
{									\
	return pfx##_rxfh_set(dev, p->indir, p->key, p->hfunc,		\
			      p->rss_context || p->rss_delete, extack);	\
}
#else
#define XNIF_ETHTOOL_RXFH(pfx)						\
static int pfx##_get_rxfh(struct net_device *dev, u32 *indir, u8 *key,	\
			  u8 *hfunc)					\
{									\
	return pfx##_rxfh_get(dev, indir, key, hfunc);			\
}									\
static int pfx##_set_rxfh(struct net_device *dev, const u32 *indir,	\
			  const u8 *key, const u8 hfunc)		\
{									\
	return pfx##_rxfh_set(dev, indir, key, hfunc, false, NULL);	\
}
#endif

/*
 * 6.9: per-queue statistics for netlink (netdev family, qstats-get):
 * struct netdev_stat_ops in <net/netdev_queues.h>, set in dev->stat_ops.
 * Its first release's fields are all we fill: rx bytes, packets and
 * alloc_fail; tx bytes and packets.  Code using it sits under
 * "#ifdef XNIF_HAVE_QSTATS"; xnif_set_stat_ops(dev, ops) is a no-op
 * before, so the ops themselves may stay unreferenced there too.
 */
#if XNIF_KERNEL_SINCE(6, 9)
#define XNIF_HAVE_QSTATS	1
#define xnif_set_stat_ops(dev, ops)	((dev)->stat_ops = (ops))
#else
#define xnif_set_stat_ops(dev, ops)	do { } while (0)
#endif

/*
 * 6.13: symbol namespaces became string literals in EXPORT_SYMBOL_NS_GPL()
 * and MODULE_IMPORT_NS(); before, a bare identifier that the macros
 * stringified.  Write EXPORT_SYMBOL_NS_GPL(sym, XNIF_NS) and
 * MODULE_IMPORT_NS(XNIF_NS).
 */
#if XNIF_KERNEL_SINCE(6, 13)
#define XNIF_NS		"XEN_NETIF"
#else
#define XNIF_NS		XEN_NETIF
#endif

#endif /* _XEN_NETIF_COMPAT_H */
