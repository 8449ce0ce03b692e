/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-netfront private definitions, shared by the files of this module.
 * Include this first in every .c file: it sets pr_fmt.
 */
#ifndef _XEN_NETFRONT_NETFRONT_H
#define _XEN_NETFRONT_NETFRONT_H

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <linux/types.h>
#include <xen/xenbus.h>

/* "<ifname>-q<N>": an interface name plus room for the suffix. */
#define XNF_QUEUE_NAME_LEN	(IFNAMSIZ + 8)

struct xnf_vif;

/* One TX/RX ring pair of a vif. Rings, grants, event channels, NAPI go here. */
struct xnf_queue {
	struct xnf_vif		*vif;		/* owning vif */
	unsigned int		id;		/* index in vif->queues */
	char			name[XNF_QUEUE_NAME_LEN]; /* "ethX-qN" */
};

/*
 * One frontend vif: one xenbus device, i.e. one guest NIC.
 * Allocated in probe, freed in remove; the xenbus device's drvdata.
 */
struct xnf_vif {
	struct xenbus_device	*xdev;		/* our frontend device */
	u8			mac[ETH_ALEN];	/* our "mac" key */

	/* Per-queue state: num_queues entries, NULL until connected. */
	struct xnf_queue	*queues;
	unsigned int		num_queues;

	bool			backend_warned;	/* logged "not implemented" */
};

/* main.c: per-vif state lifetime */
struct xnf_vif *xnf_vif_alloc(struct xenbus_device *xdev);
void xnf_vif_free(struct xnf_vif *vif);

/* xenbus.c: the xenbus driver */
int xnf_xenbus_register(void);
void xnf_xenbus_unregister(void);

#endif /* _XEN_NETFRONT_NETFRONT_H */
