// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: module init/exit and the lifetime of per-vif state.
 */
#include "common.h"

#include <linux/module.h>
#include <linux/slab.h>
#include <xen/xen.h>

struct xnb_vif *xnb_vif_alloc(struct xenbus_device *xdev)
{
	struct xnb_vif *vif;

	vif = kzalloc(sizeof(*vif), GFP_KERNEL);
	if (!vif)
		return NULL;

	vif->xdev = xdev;
	vif->domid = xdev->otherend_id;
	return vif;
}

void xnb_vif_free(struct xnb_vif *vif)
{
	if (!vif)
		return;

	kfree(vif->queues);
	kfree(vif->hotplug_script);
	kfree(vif);
}

static int __init xnb_init(void)
{
	if (!xen_domain())
		return -ENODEV;

	return xnb_xenbus_register();
}
module_init(xnb_init);

static void __exit xnb_exit(void)
{
	xnb_xenbus_unregister();
}
module_exit(xnb_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Xen paravirtual network device backend");
MODULE_ALIAS("xen-backend:vif");
