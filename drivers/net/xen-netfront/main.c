// SPDX-License-Identifier: GPL-2.0-only
/* xen-netfront: module init/exit and parameters.
 */
#include "netfront.h"

#include <linux/module.h>
#include <xen/platform_pci.h>
#include <xen/xen.h>
#include <xen-netif/compat.h>
#include <xen-netif/param.h>
#include <xen-netif/version.h>

unsigned int xnf_max_queues = 8;
xnif_param_uint(max_queues, xnf_max_queues, 1, XNF_MAX_QUEUES, 0644);
MODULE_PARM_DESC(max_queues,
		 "Most queues per vif, 1..16 (default 8; also bounded by CPUs and the backend)");

bool xnf_trusted = true;
module_param_named(trusted, xnf_trusted, bool, 0644);
MODULE_PARM_DESC(trusted,
		 "Trust backends with pages shared with other data (default yes)");

static int __init xnf_init(void)
{
	int err;

	if (!xen_domain())
		return -ENODEV;

	/* An HVM guest whose emulated NICs were not unplugged keeps them. */
	if (!xen_has_pv_nic_devices())
		return -ENODEV;

	xnf_debugfs_init();
	err = xnf_xenbus_register();
	if (err)
		xnf_debugfs_exit();
	return err;
}
module_init(xnf_init);

static void __exit xnf_exit(void)
{
	xnf_xenbus_unregister();
	xnf_debugfs_exit();
}
module_exit(xnf_exit);

MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(XNIF_NS);
MODULE_DESCRIPTION("Xen paravirtual network device frontend");
MODULE_ALIAS("xen:vif");
MODULE_ALIAS("xennet");
MODULE_VERSION(XNIF_VERSION);
