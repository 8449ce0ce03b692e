// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netif: the logic xen-netfront and xen-netback share (ring
 * arithmetic, validation of what the peer put on a ring, XenStore
 * parsing, staging-grant layout, control-ring hashing).  It has no state
 * and no init: each file of this directory exports what the drivers call,
 * in the XEN_NETIF namespace.
 */
#include <linux/module.h>
#include <xen-netif/version.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Logic shared by the Xen PV network drivers");
MODULE_VERSION(XNIF_VERSION);
