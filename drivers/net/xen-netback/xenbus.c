// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen-netback: XenStore side. Reads the backend directory the toolstack
 * wrote, drives the backend state from the frontend's state, and feeds
 * hotplug uevents.
 *
 * No feature keys are written yet: without feature-rx-copy a frontend
 * will not try to connect to a backend that has no datapath.
 */
#include "common.h"

#include <linux/device.h>
#include <linux/err.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>

/* What a frontend state asks the backend to do. */
enum xnb_fe_action {
	XNB_FE_IGNORE,
	XNB_FE_INITWAIT,	/* (re)start negotiation */
	XNB_FE_CONNECT,		/* frontend is ready for the datapath */
	XNB_FE_CLOSING,		/* frontend is shutting down */
	XNB_FE_CLOSED,		/* frontend gone; drop device if offline */
};

/* Indexed by the frontend's state; states not listed are ignored. */
static const u8 xnb_fe_actions[] = {
	[XenbusStateUnknown]		= XNB_FE_CLOSED,
	[XenbusStateInitialising]	= XNB_FE_INITWAIT,
	[XenbusStateInitWait]		= XNB_FE_INITWAIT,
	[XenbusStateInitialised]	= XNB_FE_IGNORE,
	[XenbusStateConnected]		= XNB_FE_CONNECT,
	[XenbusStateClosing]		= XNB_FE_CLOSING,
	[XenbusStateClosed]		= XNB_FE_CLOSED,
	[XenbusStateReconfiguring]	= XNB_FE_IGNORE,
	[XenbusStateReconfigured]	= XNB_FE_IGNORE,
};

/*
 * Move the backend to @state. Closed is always reached through Closing,
 * so a frontend waiting for Closing sees it; the datapath teardown will
 * hook in at that step.
 */
static void xnb_set_state(struct xenbus_device *xdev,
			  enum xenbus_state state)
{
	if (state == XenbusStateClosed &&
	    xdev->state != XenbusStateClosing &&
	    xdev->state != XenbusStateClosed)
		xenbus_switch_state(xdev, XenbusStateClosing);

	xenbus_switch_state(xdev, state);
}

static void xnb_connect(struct xnb_vif *vif)
{
	if (vif->datapath_warned)
		return;

	vif->datapath_warned = true;
	dev_info(&vif->xdev->dev,
		 "%s: frontend connected, datapath not implemented yet\n",
		 vif->name);
}

/* Frontend closed or vanished. May unregister (and so free) @xdev. */
static void xnb_frontend_closed(struct xenbus_device *xdev)
{
	xnb_set_state(xdev, XenbusStateClosed);

	/* online=0: the toolstack is removing this vif, not just resetting */
	if (!xenbus_dev_is_online(xdev))
		device_unregister(&xdev->dev);
}

static void xnb_frontend_changed(struct xenbus_device *xdev,
				 enum xenbus_state fe_state)
{
	struct xnb_vif *vif = dev_get_drvdata(&xdev->dev);
	unsigned int action = XNB_FE_IGNORE;

	/* The frontend writes its state node: any integer can show up. */
	if ((unsigned int)fe_state < ARRAY_SIZE(xnb_fe_actions))
		action = xnb_fe_actions[fe_state];
	else
		dev_warn_ratelimited(&xdev->dev,
				     "frontend in invalid state %d, ignored\n",
				     fe_state);

	dev_dbg(&xdev->dev, "frontend %s, backend %s\n",
		xenbus_strstate(fe_state), xenbus_strstate(xdev->state));

	switch (action) {
	case XNB_FE_INITWAIT:
		xnb_set_state(xdev, XenbusStateInitWait);
		break;
	case XNB_FE_CONNECT:
		xnb_connect(vif);
		break;
	case XNB_FE_CLOSING:
		if (xdev->state != XenbusStateClosed)
			xnb_set_state(xdev, XenbusStateClosing);
		break;
	case XNB_FE_CLOSED:
		xnb_frontend_closed(xdev);
		break;
	default:
		break;
	}
}

/* The "handle" key: which of the guest's vifs this is. */
static int xnb_read_handle(struct xnb_vif *vif)
{
	struct xenbus_device *xdev = vif->xdev;
	char *str;
	int err;

	str = xenbus_read(XBT_NIL, xdev->nodename, "handle", NULL);
	if (IS_ERR(str)) {
		err = PTR_ERR(str);
		xenbus_dev_fatal(xdev, err, "reading %s/handle",
				 xdev->nodename);
		return err;
	}

	err = xnif_parse_u32(str, 0, U32_MAX, &vif->handle);
	if (err)
		xenbus_dev_fatal(xdev, err, "invalid handle \"%s\" in %s",
				 str, xdev->nodename);
	kfree(str);
	return err;
}

/* Read what the toolstack put in our backend directory. */
static int xnb_read_config(struct xnb_vif *vif)
{
	struct xenbus_device *xdev = vif->xdev;
	char *script;
	int err, n;

	err = xnb_read_handle(vif);
	if (err)
		return err;

	n = snprintf(vif->name, sizeof(vif->name), "vif%u.%u",
		     vif->domid, vif->handle);
	if (n >= sizeof(vif->name)) {
		xenbus_dev_fatal(xdev, -EINVAL, "handle %u too large",
				 vif->handle);
		return -EINVAL;
	}

	/* Only passed on to hotplug; the toolstack may not set one. */
	script = xenbus_read(XBT_NIL, xdev->nodename, "script", NULL);
	if (IS_ERR(script))
		dev_warn(&xdev->dev, "no hotplug script in %s\n",
			 xdev->nodename);
	else
		vif->hotplug_script = script;

	return 0;
}

static int xnb_probe(struct xenbus_device *xdev,
		     const struct xenbus_device_id *id)
{
	struct xnb_vif *vif;
	int err;

	vif = xnb_vif_alloc(xdev);
	if (!vif) {
		xenbus_dev_fatal(xdev, -ENOMEM, "allocating vif state");
		return -ENOMEM;
	}

	err = xnb_read_config(vif);
	if (err)
		goto out_free_vif;

	dev_set_drvdata(&xdev->dev, vif);

	err = xenbus_switch_state(xdev, XenbusStateInitWait);
	if (err)
		goto out_clear_drvdata;

	return 0;

out_clear_drvdata:
	dev_set_drvdata(&xdev->dev, NULL);
out_free_vif:
	xnb_vif_free(vif);
	return err;
}

static void xnb_remove(struct xenbus_device *xdev)
{
	struct xnb_vif *vif = dev_get_drvdata(&xdev->dev);

	xnb_set_state(xdev, XenbusStateClosed);
	dev_set_drvdata(&xdev->dev, NULL);
	xnb_vif_free(vif);
}

/* Environment for the vif hotplug script: which script, which interface. */
static int xnb_uevent(XNIF_UEVENT_CONST struct xenbus_device *xdev,
		      struct kobj_uevent_env *env)
{
	struct xnb_vif *vif = dev_get_drvdata(&xdev->dev);
	int err;

	/* Not probed yet (the "add" event comes first): nothing to say. */
	if (!vif)
		return 0;

	if (vif->hotplug_script) {
		err = add_uevent_var(env, "script=%s", vif->hotplug_script);
		if (err)
			return err;
	}

	return add_uevent_var(env, "vif=%s", vif->name);
}

static const struct xenbus_device_id xnb_ids[] = {
	{ "vif" },
	{ "" }
};

static struct xenbus_driver xnb_driver = {
	.ids			= xnb_ids,
	.probe			= xnb_probe,
	.remove			= xnb_remove,
	.uevent			= xnb_uevent,
	.otherend_changed	= xnb_frontend_changed,
};

int xnb_xenbus_register(void)
{
	return xenbus_register_backend(&xnb_driver);
}

void xnb_xenbus_unregister(void)
{
	xenbus_unregister_driver(&xnb_driver);
}
