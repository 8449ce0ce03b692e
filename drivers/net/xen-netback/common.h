/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-netback private definitions, shared by the files of this module.
 * Include this first in every .c file: it sets pr_fmt.
 */
#ifndef _XEN_NETBACK_COMMON_H
#define _XEN_NETBACK_COMMON_H

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netdevice.h>
#include <linux/types.h>
#include <xen/xenbus.h>

/* "vif<domid>.<handle>-q<N>": the vif name plus room for the suffix. */
#define XNB_QUEUE_NAME_LEN	(IFNAMSIZ + 8)

struct xnb_vif;

/* One TX/RX ring pair of a vif. Rings, event channels, NAPI go here. */
struct xnb_queue {
	struct xnb_vif		*vif;		/* owning vif */
	unsigned int		id;		/* index in vif->queues */
	char			name[XNB_QUEUE_NAME_LEN]; /* "vifD.H-qN" */
};

/*
 * One backend vif: one xenbus device, i.e. one NIC of one guest.
 * Allocated in probe, freed in remove; the xenbus device's drvdata.
 */
struct xnb_vif {
	struct xenbus_device	*xdev;		/* our backend device */
	domid_t			domid;		/* frontend's domain */
	u32			handle;		/* backend "handle" key */
	char			name[IFNAMSIZ];	/* "vif<domid>.<handle>" */
	char			*hotplug_script; /* "script" key, or NULL */

	/* Per-queue state: num_queues entries, NULL until connected. */
	struct xnb_queue	*queues;
	unsigned int		num_queues;

	bool			datapath_warned; /* logged "not implemented" */
};

/* main.c: per-vif state lifetime */
struct xnb_vif *xnb_vif_alloc(struct xenbus_device *xdev);
void xnb_vif_free(struct xnb_vif *vif);

/* xenbus.c: the xenbus driver */
int xnb_xenbus_register(void);
void xnb_xenbus_unregister(void);

#endif /* _XEN_NETBACK_COMMON_H */
