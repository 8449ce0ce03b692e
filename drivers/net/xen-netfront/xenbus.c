// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netfront: XenStore side. Reads our own device directory, follows
 * the backend's state and will negotiate rings once there is a datapath.
 * Until then the frontend stays Initialising and never asks to connect.
 */
#include "netfront.h"

#include <linux/err.h>
#include <linux/etherdevice.h>
#include <linux/slab.h>
#include <xen-netif/xnif.h>

/* Our "mac" key: strict "xx:xx:xx:xx:xx:xx", and a usable unicast address. */
static int xnf_parse_mac(const char *str, u8 *mac)
{
	int err;

	err = xnif_parse_mac(str, mac, NULL);
	if (err)
		return err;

	return is_valid_ether_addr(mac) ? 0 : -EINVAL;
}

static int xnf_read_mac(struct xnf_vif *vif)
{
	struct xenbus_device *xdev = vif->xdev;
	char *str;
	int err;

	str = xenbus_read(XBT_NIL, xdev->nodename, "mac", NULL);
	if (IS_ERR(str)) {
		err = PTR_ERR(str);
		xenbus_dev_fatal(xdev, err, "reading %s/mac", xdev->nodename);
		return err;
	}

	err = xnf_parse_mac(str, vif->mac);
	if (err)
		xenbus_dev_fatal(xdev, err, "invalid mac \"%s\" in %s/mac",
				 str, xdev->nodename);
	kfree(str);
	return err;
}

/* Backend is waiting for our rings; we have none to offer yet. */
static void xnf_backend_ready(struct xnf_vif *vif)
{
	if (vif->backend_warned)
		return;

	vif->backend_warned = true;
	dev_info(&vif->xdev->dev,
		 "%pM: backend ready, datapath not implemented yet\n",
		 vif->mac);
}

static void xnf_backend_changed(struct xenbus_device *xdev,
				enum xenbus_state be_state)
{
	struct xnf_vif *vif = dev_get_drvdata(&xdev->dev);

	dev_dbg(&xdev->dev, "backend %s, frontend %s\n",
		xenbus_strstate(be_state), xenbus_strstate(xdev->state));

	switch (be_state) {
	case XenbusStateInitWait:
		if (xdev->state == XenbusStateInitialising)
			xnf_backend_ready(vif);
		break;
	case XenbusStateClosing:
	case XenbusStateClosed:
		if (xdev->state != XenbusStateClosed)
			xenbus_frontend_closed(xdev);
		break;
	default:
		/* Includes out-of-range values: the backend writes them. */
		break;
	}
}

static int xnf_probe(struct xenbus_device *xdev,
		     const struct xenbus_device_id *id)
{
	struct xnf_vif *vif;
	int err;

	vif = xnf_vif_alloc(xdev);
	if (!vif) {
		xenbus_dev_fatal(xdev, -ENOMEM, "allocating vif state");
		return -ENOMEM;
	}

	err = xnf_read_mac(vif);
	if (err)
		goto out_free_vif;

	dev_set_drvdata(&xdev->dev, vif);

	/* After an unbind we were left Closed: tell the backend we are back. */
	err = xenbus_switch_state(xdev, XenbusStateInitialising);
	if (err)
		goto out_clear_drvdata;

	return 0;

out_clear_drvdata:
	dev_set_drvdata(&xdev->dev, NULL);
out_free_vif:
	xnf_vif_free(vif);
	return err;
}

static void xnf_remove(struct xenbus_device *xdev)
{
	struct xnf_vif *vif = dev_get_drvdata(&xdev->dev);

	dev_set_drvdata(&xdev->dev, NULL);
	xnf_vif_free(vif);
}

/* After save/restore or migration. Nothing is connected, nothing to redo. */
static int xnf_resume(struct xenbus_device *xdev)
{
	dev_dbg(&xdev->dev, "resume\n");
	return 0;
}

static const struct xenbus_device_id xnf_ids[] = {
	{ "vif" },
	{ "" }
};

static struct xenbus_driver xnf_driver = {
	.ids			= xnf_ids,
	.probe			= xnf_probe,
	.remove			= xnf_remove,
	.resume			= xnf_resume,
	.otherend_changed	= xnf_backend_changed,
};

int xnf_xenbus_register(void)
{
	return xenbus_register_frontend(&xnf_driver);
}

void xnf_xenbus_unregister(void)
{
	xenbus_unregister_driver(&xnf_driver);
}
