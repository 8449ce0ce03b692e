// SPDX-License-Identifier: GPL-2.0-only
/* xen-netback: XenStore side. Reads the backend directory the toolstack
 * wrote, drives the backend state from the frontend's state, and feeds
 * hotplug uevents. Every value read from the frontend's directory is
 * parsed with the shared helpers and checked before use.
 */
#include "common.h"

#include <linux/device.h>
#include <linux/err.h>
#include <linux/kobject.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>

/* What a frontend state asks the backend to do. */
enum xnb_fe_action {
	XNB_FE_IGNORE,
	XNB_FE_INITWAIT,	/* (re)start negotiation */
	XNB_FE_CONNECT,		/* frontend is ready for the datapath */
	XNB_FE_CLOSING,		/* frontend is shutting down */
	XNB_FE_CLOSED,		/* frontend gone; drop device if offline */
	XNB_FE_RECONFIGURE,	/* frontend changed xdp-headroom */
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
	[XenbusStateReconfiguring]	= XNB_FE_RECONFIGURE,
	[XenbusStateReconfigured]	= XNB_FE_IGNORE,
};

/* Move the backend to @state. Closed is always reached through Closing,
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

/* Longest relative key we read: "queue-NNN/event-channel-tx". */
#define XNB_KEY_LEN	48

/* Go Connected once the datapath is up and the hotplug script is done. */
static void xnb_maybe_connected(struct xnb_vif *vif)
{
	struct xenbus_device *xdev = vif->xdev;

	if (!vif->data_connected || !vif->hotplug_connected ||
	    xdev->state == XenbusStateConnected)
		return;
	xenbus_switch_state(xdev, XenbusStateConnected);
}

/* Read a u32 from the frontend's directory. -ENOENT if absent. */
static int xnb_fe_read_u32(struct xnb_vif *vif, const char *key, u32 *val)
{
	struct xenbus_device *xdev = vif->xdev;
	char *str;
	int err;

	str = xenbus_read(XBT_NIL, xdev->otherend, key, NULL);
	if (IS_ERR(str))
		return PTR_ERR(str);
	err = xnif_parse_u32(str, 0, U32_MAX, val);
	kfree(str);
	return err;
}

/* A frontend feature flag; absent means @def, garbage means false. */
static bool xnb_fe_flag(struct xnb_vif *vif, const char *key, bool def)
{
	bool val = def;
	char *str;

	str = xenbus_read(XBT_NIL, vif->xdev->otherend, key, NULL);
	if (IS_ERR(str))
		return def;
	if (xnif_parse_bool(str, &val)) {
		xnb_vif_log(vif, warn, "frontend %s=\"%*pE\" is not 0/1, taken as 0\n",
			    key, xnb_log_len(str), str);
		val = false;
	}
	kfree(str);
	return val;
}

static int xnb_read_fe_features(struct xnb_vif *vif)
{
	struct xnb_fe_features *fe = &vif->fe;

	if (!xnb_fe_flag(vif, "request-rx-copy", false)) {
		xnb_fe_fatal(vif, -EOPNOTSUPP,
			     "frontend must use request-rx-copy");
		return -EOPNOTSUPP;
	}
	fe->sg = xnb_fe_flag(vif, "feature-sg", false);
	fe->gso_tcpv4 = xnb_fe_flag(vif, "feature-gso-tcpv4", false);
	fe->gso_tcpv6 = xnb_fe_flag(vif, "feature-gso-tcpv6", false);
	fe->ip_csum = !xnb_fe_flag(vif, "feature-no-csum-offload", false);
	fe->ipv6_csum = xnb_fe_flag(vif, "feature-ipv6-csum-offload", false);
	fe->rx_notify = xnb_fe_flag(vif, "feature-rx-notify", false);
	if (!fe->rx_notify)
		xnb_vif_log(vif, warn,
			    "frontend lacks feature-rx-notify; RX may stall until drained\n");
	return 0;
}

static int xnb_read_num_queues(struct xnb_vif *vif, unsigned int *nq)
{
	u32 val = 1;
	int err;

	err = xnb_fe_read_u32(vif, "multi-queue-num-queues", &val);
	if (err && err != -ENOENT) {
		xnb_fe_fatal(vif, err, "bad multi-queue-num-queues from frontend");
		return err;
	}
	if (err == -ENOENT)
		val = 1;
	if (!val || val > vif->max_queues) {
		xnb_fe_fatal(vif, -EINVAL, "frontend asks for %u queues, at most %u",
			     val, vif->max_queues);
		return -EINVAL;
	}
	*nq = val;
	return 0;
}

/* One key of queue @i; fatal (and logged) if malformed; -ENOENT if absent. */
int xnb_read_queue_key(struct xnb_vif *vif, unsigned int nq,
		       unsigned int i, const char *key, u32 *val)
{
	char path[XNB_KEY_LEN];
	int err;

	err = xnif_queue_key(path, sizeof(path), nq, i, key);
	if (err < 0)
		return err;
	err = xnb_fe_read_u32(vif, path, val);
	if (err && err != -ENOENT)
		xnb_fe_fatal(vif, err, "bad %s/%s", vif->xdev->otherend, path);
	return err;
}

/* Event channels of queue @i: split if offered and given, else shared. */
static int xnb_read_evtchns(struct xnb_vif *vif, unsigned int nq,
			    unsigned int i, u32 *tx, u32 *rx)
{
	int err;

	if (xnb_separate_tx_rx_irq) {
		err = xnb_read_queue_key(vif, nq, i, "event-channel-tx", tx);
		if (!err)
			err = xnb_read_queue_key(vif, nq, i, "event-channel-rx",
						 rx);
		if (err != -ENOENT)
			return err;
	}
	err = xnb_read_queue_key(vif, nq, i, "event-channel", tx);
	if (err == -ENOENT)
		xnb_fe_fatal(vif, err, "no event channel for queue %u", i);
	*rx = *tx;
	return err;
}

static int xnb_connect_queue(struct xnb_vif *vif, unsigned int nq,
			     unsigned int i)
{
	grant_ref_t tx_refs[XNIF_RING_MAX_PAGES], rx_refs[XNIF_RING_MAX_PAGES];
	u32 tx_evtchn, rx_evtchn;
	int err;

	err = xnb_ring_read_refs(vif, nq, i, vif->ring_order, tx_refs, rx_refs);
	if (!err)
		err = xnb_read_evtchns(vif, nq, i, &tx_evtchn, &rx_evtchn);
	if (err)
		return err;
	return xnb_queue_connect(&vif->queues[i], nq, tx_refs, rx_refs,
				 vif->ring_order, tx_evtchn, rx_evtchn);
}

/* "xdp-headroom" from the frontend: absent or garbage is none. */
static void xnb_read_xdp_headroom(struct xnb_vif *vif)
{
	u32 val = 0;
	int err;

	err = xnb_fe_read_u32(vif, "xdp-headroom", &val);
	if (err && err != -ENOENT)
		xnb_vif_log(vif, warn, "bad xdp-headroom, using none\n");
	if (err)
		val = 0;
	val = min_t(u32, val, XNIF_MAX_XDP_HEADROOM);
	/* a slot must still hold data after the headroom */
	if (val > XNB_XDP_HEADROOM_USABLE) {
		xnb_vif_log(vif, warn,
			    "xdp-headroom %u leaves no room for data, using none\n",
			    val);
		val = 0;
	}
	WRITE_ONCE(vif->xdp_headroom, val);
}

/* Frontend went Reconfiguring: it changed xdp-headroom. */
static void xnb_reconfigure(struct xnb_vif *vif)
{
	xnb_read_xdp_headroom(vif);
	xenbus_switch_state(vif->xdev, XenbusStateReconfigured);
}

/* Watch <@dir>/<@key>.  The watch's node is set exactly while it is
 * registered (xenbus_watch_path() clears it on failure), so
 * xnb_unwatch() may be called on one never set up or already undone.
 */
static int xnb_watch(struct xnb_vif *vif, struct xenbus_watch *watch,
		     const char *dir, const char *key,
		     void (*cb)(struct xenbus_watch *, const char *,
				const char *))
{
	return xenbus_watch_pathfmt(vif->xdev, watch, NULL, cb, "%s/%s", dir,
				    key);
}

static void xnb_unwatch(struct xenbus_watch *watch)
{
	if (!watch->node)
		return;
	unregister_xenbus_watch(watch);
	kfree(watch->node);
	watch->node = NULL;
}

static void xnb_mcast_ctrl_changed(struct xenbus_watch *watch,
				   const char *path, const char *token)
{
	struct xnb_vif *vif = container_of(watch, struct xnb_vif,
					   mcast_watch);

	WRITE_ONCE(vif->mcast_ctrl,
		   xnb_fe_flag(vif, "request-multicast-control", false));
}

static int xnb_watch_mcast_ctrl(struct xnb_vif *vif)
{
	return xnb_watch(vif, &vif->mcast_watch, vif->xdev->otherend,
			 "request-multicast-control", xnb_mcast_ctrl_changed);
}

static void xnb_unwatch_mcast_ctrl(struct xnb_vif *vif)
{
	xnb_unwatch(&vif->mcast_watch);
	WRITE_ONCE(vif->mcast_ctrl, false);
}

/* The control ring, if the frontend wrote "ctrl-ring-ref". */
static int xnb_connect_ctrl_ring(struct xnb_vif *vif)
{
	u32 ref, evtchn;
	int err;

	err = xnb_fe_read_u32(vif, "ctrl-ring-ref", &ref);
	if (err == -ENOENT)
		return 0;
	if (!err)
		err = xnb_fe_read_u32(vif, "event-channel-ctrl", &evtchn);
	if (err) {
		xnb_fe_fatal(vif, err, "reading ctrl-ring-ref/event-channel-ctrl");
		return err;
	}
	err = xnb_ctrl_connect(vif, ref, evtchn);
	if (!err)
		xnb_vif_log(vif, info, "%s: control ring connected\n",
			    vif->name);
	return err;
}

/* What comes after the queues: XDP headroom, stall detection, the
 * multicast filter and the control ring.
 */
static int xnb_connect_extras(struct xnb_vif *vif)
{
	int err;

	xnb_read_xdp_headroom(vif);
	xnb_mcast_reset(vif);
	err = xnb_watch_mcast_ctrl(vif);
	if (err) {
		xnb_fe_fatal(vif, err, "watching request-multicast-control");
		return err;
	}
	err = xnb_connect_ctrl_ring(vif);
	if (err)
		xnb_unwatch_mcast_ctrl(vif);
	return err;
}

static void xnb_disconnect_extras(struct xnb_vif *vif)
{
	xnb_ctrl_disconnect(vif);
	xnb_unwatch_mcast_ctrl(vif);
}

static void xnb_disconnect(struct xnb_vif *vif)
{
	unsigned int i;

	if (!vif->data_connected)
		return;

	xnb_debugfs_del(vif);
	xnb_vif_carrier_off(vif);
	xnb_disconnect_extras(vif);
	for (i = 0; i < vif->num_queues; i++)
		xnb_queue_disconnect(&vif->queues[i]);
	xnb_queues_free(vif);
	vif->data_connected = false;
	xnb_vif_log(vif, info, "%s: disconnected\n", vif->name);
}

/* Tell the stack the queue count and what the frontend can take; an MTU
 * set before connect that needs SG the frontend lacks is lowered.
 */
static void xnb_apply_features(struct xnb_vif *vif, unsigned int nq)
{
	unsigned int mtu;

	rtnl_lock();
	netif_set_real_num_tx_queues(vif->dev, nq);
	netdev_update_features(vif->dev);
	mtu = READ_ONCE(vif->dev->mtu);
	if (!vif->fe.sg && mtu > ETH_DATA_LEN) {
		xnb_vif_log(vif, info,
			    "%s: frontend lacks feature-sg: MTU %u lowered to %u\n",
			    vif->name, mtu, ETH_DATA_LEN);
		if (dev_set_mtu(vif->dev, ETH_DATA_LEN))
			xnb_vif_log(vif, warn,
				    "%s: could not lower the MTU: packets over one page will not reach the guest\n",
				    vif->name);
	}
	rtnl_unlock();
}

static void xnb_connect(struct xnb_vif *vif)
{
	unsigned int i, nq;
	int err;

	if (vif->data_connected)
		return;

	err = xnb_read_fe_features(vif);
	if (!err)
		err = xnb_read_num_queues(vif, &nq);
	if (!err)
		err = xnb_ring_read_order(vif, nq, &vif->ring_order);
	if (err)
		return;
	err = xnb_queues_alloc(vif, nq);
	if (err) {
		xnb_fe_fatal(vif, err, "allocating %u queues", nq);
		return;
	}

	xnb_apply_features(vif, nq);
	/* Stall state before any kthread starts: a reconnect must not start
	 * stalled, nor count a queue's unstall against a fresh counter.
	 */
	vif->rx_stalled = 0;
	WRITE_ONCE(vif->rx_stall_timeout, vif->fe.rx_notify ?
		   msecs_to_jiffies(xnb_rx_stall_timeout_msecs) : 0);
	/* no queue or control ring runs: nothing else writes it now */
	WRITE_ONCE(vif->disabled, false);
	for (i = 0; i < nq; i++) {
		err = xnb_connect_queue(vif, nq, i);
		if (err)
			goto out_disconnect;
	}

	err = xnb_connect_extras(vif);
	if (err)
		goto out_disconnect;
	vif->data_connected = true;
	xnb_debugfs_add(vif);
	xnb_vif_carrier_on(vif);
	xnb_vif_log(vif, info,
		    "%s: connected, %u queue(s), %s event channels, ring order %u, staging tx %u rx %u\n",
		    vif->name, nq,
		    vif->queues[0].tx_irq == vif->queues[0].rx_irq ?
		    "shared" : "split", vif->ring_order,
		    vif->queues[0].stg_tx.len, vif->queues[0].stg_rx.len);
	xnb_maybe_connected(vif);
	return;

out_disconnect:
	/* no ndo_start_xmit may run on a queue being disconnected */
	xnb_vif_carrier_off(vif);
	while (i--)
		xnb_queue_disconnect(&vif->queues[i]);
	xnb_queues_free(vif);
}

/* The hotplug script reports through our "hotplug-status" key. */
static void xnb_hotplug_changed(struct xenbus_watch *watch,
				const char *path, const char *token)
{
	struct xnb_vif *vif = container_of(watch, struct xnb_vif,
					   hotplug_watch);
	char *str;

	str = xenbus_read(XBT_NIL, vif->xdev->nodename, "hotplug-status",
			  NULL);
	if (IS_ERR(str))
		return;
	if (!strcmp(str, "connected")) {
		vif->hotplug_connected = true;
		xnb_maybe_connected(vif);
	}
	kfree(str);
}

/* The toolstack's "rate" key, "<bytes>,<usecs>"; absent: unlimited. */
static void xnb_read_rate(struct xnb_vif *vif)
{
	u64 bytes = 0, usecs = 0;
	char *str;

	str = xenbus_read(XBT_NIL, vif->xdev->nodename, "rate", NULL);
	if (!IS_ERR(str)) {
		if (xnif_parse_rate(str, &bytes, &usecs)) {
			dev_warn(&vif->xdev->dev,
				 "bad rate \"%*pE\", not limiting\n",
				 xnb_log_len(str), str);
			bytes = 0;
		}
		kfree(str);
	}
	if (usecs > U32_MAX)
		bytes = 0;
	/* Interval first: the datapath reads bytes, then the interval. */
	WRITE_ONCE(vif->credit_usec, usecs);
	WRITE_ONCE(vif->credit_bytes, bytes);
}

static void xnb_rate_changed(struct xenbus_watch *watch,
			     const char *path, const char *token)
{
	struct xnb_vif *vif = container_of(watch, struct xnb_vif, rate_watch);

	xnb_read_rate(vif);
}

static int xnb_watch_rate(struct xnb_vif *vif)
{
	return xnb_watch(vif, &vif->rate_watch, vif->xdev->nodename, "rate",
			 xnb_rate_changed);
}

static int xnb_watch_hotplug(struct xnb_vif *vif)
{
	return xnb_watch(vif, &vif->hotplug_watch, vif->xdev->nodename,
			 "hotplug-status", xnb_hotplug_changed);
}

/* Frontend closed or vanished. May unregister (and so free) @xdev. */
static void xnb_frontend_closed(struct xenbus_device *xdev)
{
	struct xnb_vif *vif = dev_get_drvdata(&xdev->dev);

	xnb_disconnect(vif);
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
		/* A frontend starting over (e.g. reloaded) drops the old rings. */
		xnb_disconnect(vif);
		if (xnb_ring_advertise(vif))
			dev_warn(&xdev->dev, "could not write %s\n",
				 XNIF_KEY_MAX_RING_ORDER);
		if (xnb_stg_write_features(XBT_NIL, vif))
			dev_warn(&xdev->dev, "could not write %s\n",
				 XNIF_KEY_FEATURE_STAGING);
		xnb_set_state(xdev, XenbusStateInitWait);
		break;
	case XNB_FE_CONNECT:
		xnb_connect(vif);
		/* back from Reconfigured, or still waiting for hotplug */
		xnb_maybe_connected(vif);
		break;
	case XNB_FE_RECONFIGURE:
		xnb_reconfigure(vif);
		break;
	case XNB_FE_CLOSING:
		xnb_disconnect(vif);
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
		xenbus_dev_fatal(xdev, err, "invalid handle \"%*pE\" in %s",
				 xnb_log_len(str), str, xdev->nodename);
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

/* Control ring, multicast filter and XDP headroom, as stock offers them. */
static int xnb_write_ctrl_features(struct xenbus_transaction xbt,
				   struct xnb_vif *vif)
{
	static const char * const on[] = {
		"feature-ctrl-ring", "feature-multicast-control",
		"feature-dynamic-multicast-control",
	};
	const char *node = vif->xdev->nodename;
	unsigned int i;
	int err = 0;

	for (i = 0; i < ARRAY_SIZE(on) && !err; i++)
		err = xenbus_printf(xbt, node, on[i], "%d", 1);
	if (!err)
		err = xenbus_printf(xbt, node, "feature-xdp-headroom", "%d",
				    READ_ONCE(xnb_provides_xdp_headroom));
	return err;
}

/* What we implement, in the keys the stock frontend looks for. */
static int xnb_write_features(struct xnb_vif *vif)
{
	static const char * const on[] = {
		"feature-sg", "feature-gso-tcpv4", "feature-gso-tcpv6",
		"feature-ipv6-csum-offload", "feature-rx-copy",
	};
	struct xenbus_device *xdev = vif->xdev;
	struct xenbus_transaction xbt;
	unsigned int i;
	int err;

again:
	err = xenbus_transaction_start(&xbt);
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(on) && !err; i++)
		err = xenbus_printf(xbt, xdev->nodename, on[i], "%d", 1);
	if (!err)
		err = xenbus_printf(xbt, xdev->nodename, "feature-rx-flip",
				    "%d", 0);
	if (!err)
		err = xenbus_printf(xbt, xdev->nodename,
				    "feature-split-event-channels", "%d",
				    xnb_separate_tx_rx_irq);
	if (!err)
		err = xenbus_printf(xbt, xdev->nodename,
				    "multi-queue-max-queues", "%u",
				    vif->max_queues);
	if (!err)
		err = xnb_write_ctrl_features(xbt, vif);
	if (!err)
		err = xnb_stg_write_features(xbt, vif);
	if (err) {
		xenbus_transaction_end(xbt, 1);
		return err;
	}
	err = xenbus_transaction_end(xbt, 0);
	if (err == -EAGAIN)
		goto again;
	return err;
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

	err = xnb_write_features(vif);
	if (!err)
		err = xnb_ring_advertise(vif);
	if (err) {
		xenbus_dev_fatal(xdev, err, "writing feature keys");
		goto out_free_vif;
	}

	err = xnb_netdev_register(vif);
	if (err) {
		xenbus_dev_fatal(xdev, err, "creating %s", vif->name);
		goto out_free_vif;
	}

	dev_set_drvdata(&xdev->dev, vif);

	err = xnb_watch_hotplug(vif);
	if (err) {
		xenbus_dev_fatal(xdev, err, "watching hotplug-status");
		goto out_clear_drvdata;
	}

	err = xnb_watch_rate(vif);
	if (err) {
		xenbus_dev_fatal(xdev, err, "watching rate");
		goto out_unwatch_hotplug;
	}

	err = xenbus_switch_state(xdev, XenbusStateInitWait);
	if (err)
		goto out_unwatch_rate;

	return 0;

out_unwatch_rate:
	xnb_unwatch(&vif->rate_watch);
out_unwatch_hotplug:
	xnb_unwatch(&vif->hotplug_watch);
out_clear_drvdata:
	dev_set_drvdata(&xdev->dev, NULL);
	xnb_netdev_unregister(vif);
out_free_vif:
	xnb_vif_free(vif);
	return err;
}

/* Keys only we write.  A backend bound after us (the stock one, say)
 * must not appear to offer what it does not: a frontend would write
 * numbered ring refs or stage against it.  Gone already if the toolstack
 * removed the directory.
 */
static void xnb_forget_own_keys(struct xnb_vif *vif)
{
	static const char * const own[] = {
		XNIF_KEY_MAX_RING_ORDER, XNIF_KEY_FEATURE_STAGING,
		XNIF_KEY_STAGING_MAX_LEN,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(own); i++)
		xenbus_rm(XBT_NIL, vif->xdev->nodename, own[i]);
}

static void xnb_remove(struct xenbus_device *xdev)
{
	struct xnb_vif *vif = dev_get_drvdata(&xdev->dev);

	xnb_unwatch(&vif->rate_watch);
	xnb_unwatch(&vif->hotplug_watch);
	xnb_disconnect(vif);
	xnb_forget_own_keys(vif);
	xnb_set_state(xdev, XenbusStateClosed);
	dev_set_drvdata(&xdev->dev, NULL);
	xnb_netdev_unregister(vif);
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
