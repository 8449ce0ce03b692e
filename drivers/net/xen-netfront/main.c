// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netfront: module init/exit and the lifetime of per-vif state.
 */
#include "netfront.h"

#include <linux/module.h>
#include <linux/slab.h>
#include <xen/platform_pci.h>
#include <xen/xen.h>

struct xnf_vif *xnf_vif_alloc(struct xenbus_device *xdev)
{
	struct xnf_vif *vif;

	vif = kzalloc(sizeof(*vif), GFP_KERNEL);
	if (!vif)
		return NULL;

	vif->xdev = xdev;
	return vif;
}

void xnf_vif_free(struct xnf_vif *vif)
{
	if (!vif)
		return;

	kfree(vif->queues);
	kfree(vif);
}

static int __init xnf_init(void)
{
	if (!xen_domain())
		return -ENODEV;

	/* An HVM guest whose emulated NICs were not unplugged keeps them. */
	if (!xen_has_pv_nic_devices())
		return -ENODEV;

	return xnf_xenbus_register();
}
module_init(xnf_init);

static void __exit xnf_exit(void)
{
	xnf_xenbus_unregister();
}
module_exit(xnf_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Xen paravirtual network device frontend");
MODULE_ALIAS("xen:vif");
