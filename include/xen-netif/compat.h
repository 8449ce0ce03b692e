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
