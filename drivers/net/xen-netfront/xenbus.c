// SPDX-License-Identifier: GPL-2.0-only
/* xen-netfront: XenStore side. Reads our own device directory and the
 * backend's feature keys, sets up the queues, writes their rings and event
 * channels in one transaction and follows the backend's state.
 */
#include "netfront.h"

#include <linux/delay.h>
#include <linux/err.h>
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <xen-netif/xnif.h>

/* How long remove waits for each backend state change. */
#define XNF_CLOSE_TIMEOUT_MS	5000
/* How long a reconnect keeps the link up while the backend answers. */
#define XNF_RECONNECT_TIMEOUT_MS	10000

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

/* A backend boolean: absent or unparsable means "no". */
static bool xnf_be_bool(struct xnf_vif *vif, const char *key)
{
	bool val = false;
	char *str;

	str = xenbus_read(XBT_NIL, vif->xdev->otherend, key, NULL);
	if (IS_ERR(str))
		return false;
	if (xnif_parse_bool(str, &val))
		val = false;
	kfree(str);
	return val;
}

/* A backend number in [min, max]; -ENOENT if absent, -EINVAL if bad. */
static int xnf_be_u32(struct xnf_vif *vif, const char *key, u32 min, u32 max,
		      u32 *val)
{
	char *str;
	int err;

	str = xenbus_read(XBT_NIL, vif->xdev->otherend, key, NULL);
	if (IS_ERR(str))
		return -ENOENT;
	err = xnif_parse_u32(str, min, max, val);
	kfree(str);
	return err;
}

static void xnf_read_be_features(struct xnf_vif *vif)
{
	struct xnf_be_features *be = &vif->be;
	int err;

	err = xnf_be_u32(vif, "multi-queue-max-queues", 1, U16_MAX,
			 &be->max_queues);
	be->has_mq = !err;
	if (err) {
		if (err != -ENOENT)
			dev_warn(&vif->xdev->dev,
				 "bad multi-queue-max-queues, using 1\n");
		be->max_queues = 1;
	}
	be->split_evtchn = xnf_be_bool(vif, "feature-split-event-channels");
	be->rx_copy = xnf_be_bool(vif, "feature-rx-copy");
	be->sg = xnf_be_bool(vif, "feature-sg");
	be->gso_tcpv4 = xnf_be_bool(vif, "feature-gso-tcpv4");
	be->gso_tcpv6 = xnf_be_bool(vif, "feature-gso-tcpv6");
	be->ipv6_csum = xnf_be_bool(vif, "feature-ipv6-csum-offload");
	xnf_ring_read_be_order(vif);
	be->xdp_headroom = xnf_be_bool(vif, "feature-xdp-headroom");
	be->ctrl_ring = xnf_be_bool(vif, "feature-ctrl-ring");
	/* staging grants: both keys, or none (a stock backend has neither) */
	if (!xnf_be_bool(vif, XNIF_KEY_FEATURE_STAGING) ||
	    xnf_be_u32(vif, XNIF_KEY_STAGING_MAX_LEN, 1, XNIF_STAGING_MAX_LEN,
		       &be->staging_max))
		be->staging_max = 0;
	/* after a refusal: the one-page protocol (xnf_fallback()) */
	if (vif->ext_fallback) {
		be->max_ring_order = 0;
		be->staging_max = 0;
	}
}

/* Bounce TX data unless both the module and our "trusted" key trust. */
static bool xnf_need_bounce(struct xnf_vif *vif)
{
	bool trusted = true;
	char *str;

	str = xenbus_read(XBT_NIL, vif->xdev->nodename, "trusted", NULL);
	if (!IS_ERR(str)) {
		if (xnif_parse_bool(str, &trusted))
			trusted = false;
		kfree(str);
	}
	return !(trusted && READ_ONCE(xnf_trusted));
}

/* min(online CPUs, backend max, max_queues), or what ethtool -L asked. */
static unsigned int xnf_pick_queues(struct xnf_vif *vif)
{
	unsigned int n;

	n = min3(num_online_cpus(), vif->be.max_queues,
		 READ_ONCE(xnf_max_queues));
	if (vif->want_queues)
		n = min3(vif->want_queues, vif->be.max_queues,
			 (unsigned int)XNF_MAX_QUEUES);
	return max(n, 1U);
}

/* Most XenStore nodes one vif's keys may take.  xenstored allows a
 * domain 1000 by default, for all its devices and the toolstack's keys
 * in its tree, and one transaction 1024 (a reconnect deletes the old
 * keys and writes the new in one): 16 queues at order 4 with staging
 * would take 857.
 */
#define XNF_XS_NODES_MAX	400

/* Keep the next connection's keys within XNF_XS_NODES_MAX: step the
 * ring order down first, then staging, then the queue count (the
 * order forced for a test stays).  One log line when anything gives.
 */
static void xnf_fit_xenstore(struct xnf_vif *vif, unsigned int *nr)
{
	bool split = vif->be.split_evtchn;
	bool forced = xnf_ring_forced_order() >= 0;
	unsigned int order = vif->ring_order, n = *nr, staged, want;

	vif->stg_no_room = false;
	staged = xnf_stg_wanted(vif) ? 2 : 0;
	want = xnif_fe_nodes(n, order, split, staged);
	if (want <= XNF_XS_NODES_MAX)
		return;
	while (xnif_fe_nodes(n, order, split, staged) > XNF_XS_NODES_MAX) {
		if (order && !forced)
			order--;
		else if (staged)
			staged = 0;
		else if (n > 1)
			n--;
		else
			break;
	}
	dev_info(&vif->xdev->dev,
		 "XenStore: %u queue(s) at ring order %u%s would take %u nodes, over %u: %u at order %u%s (%u nodes)\n",
		 *nr, vif->ring_order, xnf_stg_wanted(vif) ? " with staging" : "",
		 want, XNF_XS_NODES_MAX, n, order,
		 staged ? " with staging" : " without staging",
		 xnif_fe_nodes(n, order, split, staged));
	vif->stg_no_room = !staged;
	if (order != vif->ring_order) {
		vif->ring_order = order;
		vif->ring_order_key = order;
	}
	*nr = n;
}

/* Write @key = @val: a queue's own key if @q, else a device-wide one. */
static int xnf_write_u32(struct xenbus_transaction xbt, struct xnf_vif *vif,
			 struct xnf_queue *q, const char *key, u32 val)
{
	char path[64];
	int err;

	if (!q)
		return xenbus_printf(xbt, vif->xdev->nodename, key, "%u", val);

	err = xnif_queue_key(path, sizeof(path), xnf_num_queues(vif), q->id,
			     key);
	if (err < 0)
		return err;
	return xenbus_printf(xbt, vif->xdev->nodename, path, "%u", val);
}

static int xnf_write_queue_keys(struct xenbus_transaction xbt,
				struct xnf_vif *vif, struct xnf_queue *q)
{
	int err;

	err = xnf_ring_write_keys(xbt, vif, q);
	if (!err)
		err = xnf_stg_write_keys(xbt, vif, q);
	if (err)
		return err;
	if (!vif->be.split_evtchn)
		return xnf_write_u32(xbt, vif, q, "event-channel",
				     q->tx_evtchn);
	err = xnf_write_u32(xbt, vif, q, "event-channel-tx", q->tx_evtchn);
	if (!err)
		err = xnf_write_u32(xbt, vif, q, "event-channel-rx",
				    q->rx_evtchn);
	return err;
}

static const char * const xnf_fe_features[] = {
	"request-rx-copy",
	"feature-rx-notify",
	"feature-sg",
	"feature-gso-tcpv4",
	"feature-gso-tcpv6",
	"feature-ipv6-csum-offload",
};

/* Whatever an earlier connection left, ours or another frontend's (a
 * kernel before a kexec, the stock driver before a module swap): the
 * keys of xnif_fe_conn_key()'s families that exist, found with one
 * listing, so a new layout (queues, order, staging) never sits beside
 * an old one and nothing is deleted blindly.
 */
static int xnf_remove_stale_keys(struct xenbus_transaction xbt,
				 struct xnf_vif *vif)
{
	const char *node = vif->xdev->nodename;
	unsigned int i, n;
	char **names;
	int err = 0;

	names = xenbus_directory(xbt, node, "", &n);
	if (IS_ERR(names))
		return PTR_ERR(names);
	for (i = 0; i < n && !err; i++) {
		if (!xnif_fe_conn_key(names[i]))
			continue;
		err = xenbus_rm(xbt, node, names[i]);
		if (err == -ENOENT)
			err = 0;
	}
	kfree(names);
	return err;
}

static int xnf_write_keys_once(struct xenbus_transaction xbt,
			       struct xnf_vif *vif)
{
	unsigned int i;
	int err;

	err = xnf_remove_stale_keys(xbt, vif);
	if (err)
		return err;
	if (vif->be.has_mq) {
		err = xnf_write_u32(xbt, vif, NULL, "multi-queue-num-queues",
				    xnf_num_queues(vif));
		if (err)
			return err;
	}
	err = xnf_ring_write_order(xbt, vif);
	if (!err)
		err = xnf_ctrl_write_keys(xbt, vif);
	if (err)
		return err;
	for (i = 0; i < xnf_num_queues(vif); i++) {
		err = xnf_write_queue_keys(xbt, vif, xnf_queue_at(vif, i));
		if (err)
			return err;
	}
	for (i = 0; i < ARRAY_SIZE(xnf_fe_features); i++) {
		err = xnf_write_u32(xbt, vif, NULL, xnf_fe_features[i], 1);
		if (err)
			return err;
	}
	/* A program attached before a reconnect keeps its headroom. */
	if (vif->be.xdp_headroom)
		return xnf_write_u32(xbt, vif, NULL, "xdp-headroom",
				     xnf_xdp_headroom(vif));
	return 0;
}

/* All keys in one transaction, retried while XenStore says -EAGAIN. */
static int xnf_write_keys(struct xnf_vif *vif)
{
	struct xenbus_transaction xbt;
	int err;

	do {
		err = xenbus_transaction_start(&xbt);
		if (err)
			return err;
		err = xnf_write_keys_once(xbt, vif);
		if (err) {
			xenbus_transaction_end(xbt, 1);
			return err;
		}
		err = xenbus_transaction_end(xbt, 0);
	} while (err == -EAGAIN);
	return err;
}

/* End the pause xnf_pause_link() began, if any. Caller holds RTNL. */
static void xnf_unpause_link(struct xnf_vif *vif)
{
	ASSERT_RTNL();
	if (vif->keep_link) {
		vif->keep_link = false;
		netif_device_attach(vif->netdev);
	}
}

/* The link is down until the next connect: carrier off, and a device a
 * reconnect detached is attached again, so the stack stops holding
 * packets for it. Caller holds RTNL.
 */
static void xnf_link_down(struct xnf_vif *vif)
{
	netif_carrier_off(vif->netdev);
	xnf_unpause_link(vif);
}

/* Stop and free the queues. Caller holds RTNL. */
static void xnf_disconnect(struct xnf_vif *vif)
{
	ASSERT_RTNL();
	WRITE_ONCE(vif->connected, false);
	if (!vif->keep_link)
		netif_carrier_off(vif->netdev);
	xnf_ctrl_destroy(vif);
	if (!xnf_num_queues(vif))
		return;
	if (netif_running(vif->netdev))
		xnf_queues_stop(vif);
	xnf_queues_destroy(vif);
}

/* Build queues for the backend and tell it about them. Holds RTNL. */
static int xnf_connect(struct xnf_vif *vif)
{
	struct xenbus_device *xdev = vif->xdev;
	unsigned int nr;
	int err;

	vif->be_was_connected = false;
	vif->fallback_pending = false;
	xnf_read_be_features(vif);
	if (!vif->be.rx_copy) {
		xenbus_dev_fatal(xdev, -EOPNOTSUPP,
				 "backend does not offer feature-rx-copy");
		return -EOPNOTSUPP;
	}

	rtnl_lock();
	xnf_disconnect(vif);
	WRITE_ONCE(vif->broken, false);
	WRITE_ONCE(vif->bounce, xnf_need_bounce(vif));
	if (vif->bounce && xnf_xdp_attached(vif))
		netdev_warn(vif->netdev,
			    "backend not trusted: the attached XDP program drops every frame\n");
	nr = xnf_pick_queues(vif);
	xnf_ring_pick_order(vif, nr);
	xnf_fit_xenstore(vif, &nr);
	err = xnf_queues_create(vif, nr);
	if (err) {
		xenbus_dev_fatal(xdev, err, "creating queues");
		goto out_unlock;
	}
	netdev_update_features(vif->netdev);
	xnf_ctrl_create(vif);

	err = xnf_write_keys(vif);
	if (err) {
		xenbus_dev_fatal(xdev, err, "writing ring keys");
		goto out_destroy;
	}
	err = xenbus_switch_state(xdev, XenbusStateConnected);
	if (err)
		goto out_destroy;

	/* Release: pairs with the acquire in xnf_start_xmit() and
	 * xnf_xdp_xmit(); what was set up after the queues were published
	 * (staging) is complete before they see the flag.
	 */
	smp_store_release(&vif->connected, true);
	if (netif_running(vif->netdev))
		xnf_queues_start(vif);
	/* A backend that broke the rings at once keeps the link down; the
	 * handler may mark it broken while the carrier goes on: look again.
	 */
	if (!READ_ONCE(vif->broken)) {
		netif_carrier_on(vif->netdev);
		/* carrier on before broken is read again; pairs with the
		 * fully ordered bit operation of netif_carrier_off() after
		 * broken is set in xnf_set_broken(): one side sees the other.
		 */
		smp_mb();
		if (READ_ONCE(vif->broken))
			netif_carrier_off(vif->netdev);
	}
	xnf_unpause_link(vif);
	rtnl_unlock();
	wake_up_all(&vif->state_wq);
	dev_info(&xdev->dev, "%pM: connected, %u queue(s), ring order %u, staging %u%s%s%s\n",
		 vif->mac, nr, vif->ring_order_key, vif->stg_len,
		 vif->be.split_evtchn ? ", split event channels" : "",
		 vif->ctrl ? ", control ring" : "",
		 vif->bounce ? ", TX bounced (untrusted backend)" : "");
	return 0;

out_destroy:
	xnf_ctrl_destroy(vif);
	xnf_queues_destroy(vif);
out_unlock:
	xnf_link_down(vif);
	rtnl_unlock();
	return err;
}

static void xnf_backend_gone(struct xnf_vif *vif)
{
	rtnl_lock();
	WRITE_ONCE(vif->connected, false);
	xnf_link_down(vif);
	rtnl_unlock();
}

/* Poll: the xenbus core no longer delivers backend changes in remove. */
static bool xnf_wait_backend(struct xenbus_device *xdev, bool closing_ok)
{
	enum xenbus_state s;
	unsigned int ms;

	for (ms = 0; ms < XNF_CLOSE_TIMEOUT_MS; ms += 20) {
		s = xenbus_read_driver_state(xdev->otherend);
		if (s == XenbusStateClosed || s == XenbusStateUnknown ||
		    (closing_ok && s == XenbusStateClosing))
			return true;
		msleep(20);
	}
	return false;
}

/* Take the backend through Closing to Closed before freeing the rings. */
static void xnf_close_backend(struct xenbus_device *xdev)
{
	enum xenbus_state s = xenbus_read_driver_state(xdev->otherend);

	if (s == XenbusStateClosed || s == XenbusStateUnknown)
		return;
	if (xdev->state != XenbusStateClosed) {
		xenbus_switch_state(xdev, XenbusStateClosing);
		if (!xnf_wait_backend(xdev, true))
			dev_warn(&xdev->dev, "backend did not close\n");
		xenbus_switch_state(xdev, XenbusStateClosed);
	}
	if (!xnf_wait_backend(xdev, false))
		dev_warn(&xdev->dev, "backend did not reach Closed\n");
}

/* A running device is detached rather than losing its carrier: the stack
 * holds its packets in the qdisc and keeps its neighbour entries, so
 * connections see a pause, not a link flap. Caller holds RTNL.
 */
static void xnf_pause_link(struct xnf_vif *vif)
{
	ASSERT_RTNL();
	WRITE_ONCE(vif->connected, false);
	if (netif_running(vif->netdev) && netif_carrier_ok(vif->netdev)) {
		vif->keep_link = true;
		netif_device_detach(vif->netdev);
	} else {
		netif_carrier_off(vif->netdev);
	}
}

/* Redo the handshake with the backend, e.g. for a new queue count: close
 * it, free our queues, and start again from Initialising; the backend's
 * InitWait then brings us to xnf_connect(). If it has not within
 * XNF_RECONNECT_TIMEOUT_MS, the link goes down. Runs without RTNL.
 */
static void xnf_reconnect_work(struct work_struct *work)
{
	struct xnf_vif *vif = container_of(work, struct xnf_vif,
					   reconnect_work);
	struct xenbus_device *xdev = vif->xdev;

	dev_info(&xdev->dev, "reconnecting\n");
	rtnl_lock();
	xnf_pause_link(vif);
	rtnl_unlock();
	xnf_close_backend(xdev);
	rtnl_lock();
	xnf_disconnect(vif);
	rtnl_unlock();
	xenbus_switch_state(xdev, XenbusStateInitialising);

	wait_event_timeout(vif->state_wq, READ_ONCE(vif->connected),
			   msecs_to_jiffies(XNF_RECONNECT_TIMEOUT_MS));
	rtnl_lock();
	if (vif->keep_link && !vif->connected) {
		dev_warn(&xdev->dev, "backend did not reconnect within %u ms, link down\n",
			 XNF_RECONNECT_TIMEOUT_MS);
		xnf_link_down(vif);
	}
	rtnl_unlock();
}

/* Caller holds RTNL. */
int xnf_reconnect(struct xnf_vif *vif)
{
	if (!vif->connected)
		return -EBUSY;
	schedule_work(&vif->reconnect_work);
	return 0;
}

/* The backend closed without going Connected since we wrote our keys,
 * and the toolstack is not detaching it ("online" still 1): it refused
 * them.  If they used one of our extensions (a ring order, staging), try
 * once more without: the backend may offer more than it accepts (a
 * limit lowered, a stale key of another backend), and the guest keeps a
 * network.  Runs in the xenbus watch thread; the handshake is redone by
 * the reconnect work.
 */
static bool xnf_fallback(struct xnf_vif *vif)
{
	struct xenbus_device *xdev = vif->xdev;

	if (xdev->state != XenbusStateConnected || vif->be_was_connected ||
	    vif->ext_fallback || !(vif->ring_order_key || vif->stg_len))
		return false;
	if (!xnf_be_bool(vif, "online"))
		return false;
	vif->ext_fallback = true;
	vif->fallback_pending = true;
	dev_warn(&xdev->dev,
		 "backend refused the connection (ring order %u, staging %u): retrying once without them\n",
		 vif->ring_order_key, vif->stg_len);
	schedule_work(&vif->reconnect_work);
	return true;
}

static void xnf_backend_changed(struct xenbus_device *xdev,
				enum xenbus_state be_state)
{
	struct xnf_vif *vif = dev_get_drvdata(&xdev->dev);

	dev_dbg(&xdev->dev, "backend %s, frontend %s\n",
		xenbus_strstate(be_state), xenbus_strstate(xdev->state));
	wake_up_all(&vif->state_wq);

	switch (be_state) {
	case XenbusStateInitWait:
		if (xdev->state == XenbusStateClosed)
			xenbus_switch_state(xdev, XenbusStateInitialising);
		if (xdev->state == XenbusStateInitialising)
			xnf_connect(vif);
		break;
	case XenbusStateConnected:
		vif->be_was_connected = true;
		netdev_notify_peers(vif->netdev);
		/* it serves the control ring now; RSS needs RTNL and waits */
		schedule_work(&vif->ctrl_work);
		break;
	case XenbusStateClosing:
	case XenbusStateClosed:
		if (xdev->state == XenbusStateClosing ||
		    xdev->state == XenbusStateClosed)
			break;
		/* Initialising: we are starting over (a fresh probe after a
		 * reload, or a reconnect) and the backend's Closing/Closed is
		 * what the previous round left; it answers our Initialising
		 * with InitWait.  Closing now would race that answer and can
		 * leave both ends Closed for good.
		 */
		if (xdev->state == XenbusStateInitialising)
			break;
		/* the reconnect work closes and starts over itself */
		if (vif->fallback_pending || xnf_fallback(vif))
			break;
		xnf_backend_gone(vif);
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

	vif = xnf_netdev_alloc(xdev);
	if (!vif) {
		xenbus_dev_fatal(xdev, -ENOMEM, "allocating netdev");
		return -ENOMEM;
	}

	err = xnf_read_mac(vif);
	if (err)
		goto out_free_netdev;
	eth_hw_addr_set(vif->netdev, vif->mac);

	INIT_WORK(&vif->reconnect_work, xnf_reconnect_work);
	INIT_WORK(&vif->ctrl_work, xnf_ctrl_work);
	dev_set_drvdata(&xdev->dev, vif);
	err = register_netdev(vif->netdev);
	if (err) {
		xenbus_dev_fatal(xdev, err, "registering netdev");
		goto out_clear_drvdata;
	}

	/* After an unbind we were left Closed: tell the backend we are back. */
	err = xenbus_switch_state(xdev, XenbusStateInitialising);
	if (err)
		goto out_unregister;
	return 0;

out_unregister:
	unregister_netdev(vif->netdev);
out_clear_drvdata:
	dev_set_drvdata(&xdev->dev, NULL);
out_free_netdev:
	xnf_netdev_free(vif);
	return err;
}

static void xnf_remove(struct xenbus_device *xdev)
{
	struct xnf_vif *vif = dev_get_drvdata(&xdev->dev);

	cancel_work_sync(&vif->reconnect_work);
	cancel_work_sync(&vif->ctrl_work);
	xnf_backend_gone(vif);
	xnf_close_backend(xdev);
	xnf_ring_forget_order(vif);
	xnf_ctrl_forget_keys(vif);
	rtnl_lock();	/* the queues are read under RTNL */
	xnf_stg_forget_keys(vif);
	rtnl_unlock();
	unregister_netdev(vif->netdev);
	rtnl_lock();
	xnf_disconnect(vif);
	rtnl_unlock();
	dev_set_drvdata(&xdev->dev, NULL);
	xnf_netdev_free(vif);
}

/* After save/restore or migration: drop the old rings, keep the netdev. */
static int xnf_resume(struct xenbus_device *xdev)
{
	struct xnf_vif *vif = dev_get_drvdata(&xdev->dev);

	dev_dbg(&xdev->dev, "resume\n");
	/* another host may accept what this one refused */
	vif->ext_fallback = false;
	vif->fallback_pending = false;
	netif_device_detach(vif->netdev);
	rtnl_lock();
	xnf_disconnect(vif);
	rtnl_unlock();
	netif_device_attach(vif->netdev);
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
