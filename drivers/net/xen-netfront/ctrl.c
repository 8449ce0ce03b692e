// SPDX-License-Identifier: GPL-2.0-only
/* xen-netfront: the control ring (Xen's io/netif.h, keys "ctrl-ring-ref"
 * and "event-channel-ctrl") and the receive-side scaling it sets up on
 * the backend: the Toeplitz key, the hash types and the hash-to-queue
 * mapping, which ethtool -x/-X and rx-flow-hash (-n/-N) show and change.
 *
 * Requests are synchronous, one in flight at a time, sent and waited for
 * under RTNL for at most ctrl_timeout_ms.  A request that timed out may
 * still be answered later: that answer is consumed and dropped.  Each
 * response is copied once from the ring and checked before it is used.
 * Keys and mappings travel in one page granted read-only to the backend
 * for the life of the ring.  The ring is built and torn down with the
 * queues (xenbus.c); RSS is set up once the backend is Connected, as
 * before that it does not serve the ring.
 */
#include "netfront.h"

#include <linux/ethtool.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include <xen-netif/param.h>
#include <xen-netif/xnif.h>

/* The request holds RTNL meanwhile: a minute at most. */
unsigned int xnf_ctrl_timeout_ms = 2000;
xnif_param_uint(ctrl_timeout_ms, xnf_ctrl_timeout_ms, 1, 60000, 0644);
MODULE_PARM_DESC(ctrl_timeout_ms,
		 "How long a control request waits for the backend, 1..60000 ms (default 2000)");

/* Late EOI: an event is work only if the producer moved on (ring.c). */
static irqreturn_t xnf_ctrl_interrupt(int irq, void *data)
{
	struct xnf_ctrl *c = data;
	enum xnif_evt e;
	u32 cons, prod, req;

	cons = READ_ONCE(c->ring.rsp_cons);
	virt_rmb();	/* our consumer before the backend's producer */
	prod = READ_ONCE(c->ring.sring->rsp_prod);
	virt_rmb();	/* that producer before the requests it is judged by */
	req = READ_ONCE(c->ring.req_prod_pvt);
	e = xnif_ring_event_check(prod, cons, req, XNIF_CTRL_RING_SIZE,
				  &c->prod_seen);
	if (e != XNIF_EVT_NONE)
		wake_up(&c->wq);
	xen_irq_lateeoi(irq, e == XNIF_EVT_NEW ? 0 : XEN_EOI_FLAG_SPURIOUS);
	return IRQ_HANDLED;
}

static int xnf_ctrl_ring_setup(struct xnf_vif *vif, struct xnf_ctrl *c)
{
	struct xnif_ctrl_sring *sring;
	int err;

	err = xenbus_setup_ring(vif->xdev, GFP_KERNEL, (void **)&sring, 1,
				&c->ring_ref);
	if (err)
		return err;
	XEN_FRONT_RING_INIT(&c->ring, sring, XEN_PAGE_SIZE);
	return 0;
}

static void xnf_ctrl_ring_teardown(struct xnf_ctrl *c)
{
	void *addr = c->ring.sring;

	xenbus_teardown_ring(&addr, 1, &c->ring_ref);
	c->ring.sring = NULL;
}

/* The page keys and mappings are copied from, granted read-only. */
static int xnf_ctrl_data_setup(struct xnf_vif *vif, struct xnf_ctrl *c)
{
	int ref;

	c->data = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!c->data)
		return -ENOMEM;
	ref = gnttab_grant_foreign_access(vif->xdev->otherend_id,
					  xen_page_to_gfn(c->data), 1);
	if (ref < 0) {
		__free_page(c->data);
		c->data = NULL;
		return ref;
	}
	c->data_ref = ref;
	return 0;
}

/* The grant table frees the page once the backend no longer maps it. */
static void xnf_ctrl_data_teardown(struct xnf_ctrl *c)
{
	gnttab_end_foreign_access(c->data_ref, c->data);
	c->data = NULL;
}

static int xnf_ctrl_bind(struct xnf_vif *vif, struct xnf_ctrl *c)
{
	int err;

	err = xenbus_alloc_evtchn(vif->xdev, &c->evtchn);
	if (err)
		return err;
	snprintf(c->irq_name, sizeof(c->irq_name), "%s-ctrl",
		 vif->netdev->name);
	err = bind_evtchn_to_irqhandler_lateeoi(c->evtchn, xnf_ctrl_interrupt,
						0, c->irq_name, c);
	if (err < 0) {
		xenbus_free_evtchn(vif->xdev, c->evtchn);
		return err;
	}
	c->irq = err;
	return 0;
}

/**
 * xnf_ctrl_create - build the control ring of the next connection
 * @vif: the vif, its backend's features read
 *
 * Only when the backend offers feature-ctrl-ring.  The ring is optional:
 * if it cannot be built the vif connects without (and says so).  Caller
 * holds RTNL.
 */
void xnf_ctrl_create(struct xnf_vif *vif)
{
	struct xnf_ctrl *c;
	int err;

	ASSERT_RTNL();
	if (!vif->be.ctrl_ring || vif->ctrl)
		return;
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c) {
		err = -ENOMEM;
		goto out_log;
	}
	init_waitqueue_head(&c->wq);
	err = xnf_ctrl_ring_setup(vif, c);
	if (err)
		goto out_free;
	err = xnf_ctrl_data_setup(vif, c);
	if (err)
		goto out_ring;
	err = xnf_ctrl_bind(vif, c);
	if (err)
		goto out_data;
	vif->ctrl = c;
	return;

out_data:
	xnf_ctrl_data_teardown(c);
out_ring:
	xnf_ctrl_ring_teardown(c);
out_free:
	kfree(c);
out_log:
	dev_warn(&vif->xdev->dev,
		 "no control ring (error %d): connecting without RSS\n", err);
}

/* Undo xnf_ctrl_create(); no request waits (both hold RTNL). */
void xnf_ctrl_destroy(struct xnf_vif *vif)
{
	struct xnf_ctrl *c = vif->ctrl;

	ASSERT_RTNL();
	if (!c)
		return;
	vif->ctrl = NULL;
	unbind_from_irqhandler(c->irq, c);	/* closes the channel */
	xnf_ctrl_data_teardown(c);
	xnf_ctrl_ring_teardown(c);
	kfree(c);
}

/* "ctrl-ring-ref" and "event-channel-ctrl", in the handshake's
 * transaction (which removed an earlier connection's first).
 */
int xnf_ctrl_write_keys(struct xenbus_transaction xbt, struct xnf_vif *vif)
{
	const char *node = vif->xdev->nodename;
	struct xnf_ctrl *c = vif->ctrl;
	int err;

	if (!c)
		return 0;
	err = xenbus_printf(xbt, node, "ctrl-ring-ref", "%u", c->ring_ref);
	if (!err)
		err = xenbus_printf(xbt, node, "event-channel-ctrl", "%u",
				    c->evtchn);
	return err;
}

/* On remove: a frontend loaded after us that knows no control ring must
 * not leave ours for the backend to map (the stock netback would, and
 * fail the connection).
 */
void xnf_ctrl_forget_keys(struct xnf_vif *vif)
{
	xenbus_rm(XBT_NIL, vif->xdev->nodename, "ctrl-ring-ref");
	xenbus_rm(XBT_NIL, vif->xdev->nodename, "event-channel-ctrl");
}

/* Take one published response: 0, -EAGAIN if none, -EPROTO if the
 * producer is beyond our requests.
 */
static int xnf_ctrl_take(struct xnf_ctrl *c, struct xnif_ctrl_response *rsp)
{
	u32 prod = READ_ONCE(c->ring.sring->rsp_prod);
	int n;

	n = xnif_ring_unconsumed_responses(prod, c->ring.rsp_cons,
					   c->ring.req_prod_pvt,
					   XNIF_CTRL_RING_SIZE);
	if (n < 0)
		return -EPROTO;
	if (!n)
		return -EAGAIN;
	virt_rmb();	/* the response only after the producer */
	RING_COPY_RESPONSE(&c->ring, c->ring.rsp_cons, rsp);
	WRITE_ONCE(c->ring.rsp_cons, c->ring.rsp_cons + 1);
	return 0;
}

static bool xnf_ctrl_answered(struct xnf_ctrl *c)
{
	return READ_ONCE(c->ring.sring->rsp_prod) != c->ring.rsp_cons;
}

static void xnf_ctrl_send(struct xnf_vif *vif, u16 id, u16 type,
			  u32 d0, u32 d1, u32 d2)
{
	struct xnf_ctrl *c = vif->ctrl;
	struct xnif_ctrl_request *req;
	int notify;

	req = RING_GET_REQUEST(&c->ring, c->ring.req_prod_pvt);
	req->id = id;
	req->type = type;
	req->data[0] = d0;
	req->data[1] = d1;
	req->data[2] = d2;
	WRITE_ONCE(c->ring.req_prod_pvt, c->ring.req_prod_pvt + 1);
	/* an event for the next response (the push orders this too) */
	c->ring.sring->rsp_event = c->ring.rsp_cons + 1;
	RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&c->ring, notify);
	if (notify)
		notify_remote_via_irq(c->irq);
	vif->ctrl_stats.requests++;
}

/* Wait for the answer to request @id: 0 with *@rsp, or an errno. */
static int xnf_ctrl_wait(struct xnf_vif *vif, u16 id, u16 type,
			 struct xnif_ctrl_response *rsp)
{
	unsigned long end = jiffies +
			    msecs_to_jiffies(READ_ONCE(xnf_ctrl_timeout_ms));
	struct xnf_ctrl *c = vif->ctrl;
	long left;
	int err;

	for (;;) {
		left = (long)(end - jiffies);
		if (left > 0)
			wait_event_timeout(c->wq, xnf_ctrl_answered(c), left);
		err = xnf_ctrl_take(c, rsp);
		if (err == -EAGAIN && time_before(jiffies, end))
			continue;
		if (err)
			return err;
		if (!xnif_ctrl_rsp_check(rsp, id, type))
			return 0;
		/* the late answer to a request that timed out: drop it */
		if (!c->late)
			return -EPROTO;
		c->late--;
	}
}

/**
 * xnf_ctrl_call - one control request, answered or timed out
 * @vif: the vif, its control ring ready
 * @type: XNIF_CTRL_TYPE_*
 * @d0: data[0] of the request
 * @d1: data[1]
 * @d2: data[2]
 * @data: if not NULL, receives the response's data
 *
 * Caller holds RTNL, so requests go one at a time.
 *
 * Return: 0, the errno of a failed status, -ETIMEDOUT, -EPROTO for a
 * response that answers no request, -EBUSY if the ring is full of
 * requests that were never answered.
 */
static int xnf_ctrl_call(struct xnf_vif *vif, u16 type, u32 d0, u32 d1,
			 u32 d2, u32 *data)
{
	struct xnf_ctrl *c = vif->ctrl;
	struct xnif_ctrl_response rsp;
	u16 id = c->next_id++;
	int err;

	ASSERT_RTNL();
	if (!xnif_ring_free_requests(c->ring.req_prod_pvt, c->ring.rsp_cons,
				     XNIF_CTRL_RING_SIZE))
		return -EBUSY;
	xnf_ctrl_send(vif, id, type, d0, d1, d2);
	err = xnf_ctrl_wait(vif, id, type, &rsp);
	if (err == -EAGAIN) {
		c->late++;
		vif->ctrl_stats.timeouts++;
		netdev_warn(vif->netdev,
			    "control request type %u: no answer from the backend within %u ms\n",
			    type, READ_ONCE(xnf_ctrl_timeout_ms));
		return -ETIMEDOUT;
	}
	if (err) {
		vif->ctrl_stats.failed++;
		netdev_warn(vif->netdev,
			    "control request type %u: the backend's answer answers no request\n",
			    type);
		return err;
	}
	err = xnif_ctrl_status_errno(rsp.status);
	if (err) {
		vif->ctrl_stats.failed++;
		netdev_dbg(vif->netdev, "control request type %u: status %u\n",
			   type, rsp.status);
		return err;
	}
	if (data)
		*data = rsp.data;
	return 0;
}

/* Send @len bytes through the granted page with request @type. */
static int xnf_ctrl_call_data(struct xnf_vif *vif, u16 type, const void *buf,
			      u32 len, u32 d1, u32 d2)
{
	struct xnf_ctrl *c = vif->ctrl;

	memcpy(page_address(c->data), buf, len);
	return xnf_ctrl_call(vif, type, c->data_ref, d1, d2, NULL);
}

/* The control ring is usable for RSS now.  Caller holds RTNL. */
static struct xnf_ctrl *xnf_ctrl_ready(struct xnf_vif *vif)
{
	struct xnf_ctrl *c = vif->ctrl;

	return c && c->ready && READ_ONCE(vif->connected) ? c : NULL;
}

/* What to send to the backend (xnf_rss_push()). */
#define XNF_RSS_KEY	BIT(0)
#define XNF_RSS_MAP	BIT(1)
#define XNF_RSS_FLAGS	BIT(2)
#define XNF_RSS_ALL	(XNF_RSS_KEY | XNF_RSS_MAP | XNF_RSS_FLAGS)

/* Send @rss; everything (algorithm first, then the mapping size) if
 * Toeplitz is not set up yet.
 */
static int xnf_rss_push(struct xnf_vif *vif, const struct xnf_rss *rss,
			unsigned int what)
{
	struct xnf_ctrl *c = vif->ctrl;
	int err = 0;

	if (!c->active) {
		what = XNF_RSS_ALL;
		err = xnf_ctrl_call(vif, XNIF_CTRL_TYPE_SET_HASH_ALGORITHM,
				    XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ, 0, 0,
				    NULL);
		if (!err && c->map_size)
			err = xnf_ctrl_call(vif,
					    XNIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE,
					    c->map_size, 0, 0, NULL);
		if (err)
			return err;
		c->active = true;
	}
	if (what & XNF_RSS_KEY)
		err = xnf_ctrl_call_data(vif, XNIF_CTRL_TYPE_SET_HASH_KEY,
					 rss->key, sizeof(rss->key),
					 sizeof(rss->key), 0);
	if (!err && (what & XNF_RSS_FLAGS))
		err = xnf_ctrl_call(vif, XNIF_CTRL_TYPE_SET_HASH_FLAGS,
				    rss->flags, 0, 0, NULL);
	if (!err && (what & XNF_RSS_MAP) && c->map_size)
		err = xnf_ctrl_call_data(vif, XNIF_CTRL_TYPE_SET_HASH_MAPPING,
					 rss->indir,
					 c->map_size * sizeof(u32),
					 c->map_size, 0);
	return err;
}

/* GET_HASH_FLAGS; the stock netback answers it NOT_SUPPORTED until an
 * algorithm is set, so then once more with Toeplitz set (*@alg_set).
 */
static int xnf_ctrl_get_types(struct xnf_vif *vif, u32 *types, bool *alg_set)
{
	int err;

	*alg_set = false;
	err = xnf_ctrl_call(vif, XNIF_CTRL_TYPE_GET_HASH_FLAGS, 0, 0, 0,
			    types);
	if (err != -EOPNOTSUPP)
		return err;
	err = xnf_ctrl_call(vif, XNIF_CTRL_TYPE_SET_HASH_ALGORITHM,
			    XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ, 0, 0, NULL);
	if (err)
		return err;
	*alg_set = true;
	return xnf_ctrl_call(vif, XNIF_CTRL_TYPE_GET_HASH_FLAGS, 0, 0, 0,
			     types);
}

/* What the backend can do: its hash types and mapping size. */
static int xnf_ctrl_probe(struct xnf_vif *vif, bool *alg_set)
{
	struct xnf_ctrl *c = vif->ctrl;
	u32 types, size = 0;
	int err;

	err = xnf_ctrl_get_types(vif, &types, alg_set);
	if (err)
		return err;
	c->be_types = types & XNIF_CTRL_HASH_TYPE_KNOWN;
	err = xnf_ctrl_call(vif, XNIF_CTRL_TYPE_GET_HASH_MAPPING_SIZE, 0, 0, 0,
			    &size);
	if (err && err != -EOPNOTSUPP)
		return err;
	c->map_size = min_t(u32, size, XNIF_HASH_MAPPING_MAX);
	return 0;
}

/* The settings for this connection: the admin's where they still fit,
 * else the defaults (random key, all hash types the backend has, even
 * mapping).
 */
static void xnf_rss_defaults(struct xnf_vif *vif)
{
	struct xnf_rss *rss = &vif->rss;
	struct xnf_ctrl *c = vif->ctrl;
	unsigned int nq = xnf_num_queues(vif);

	if (!rss->key_set) {
		netdev_rss_key_fill(rss->key, sizeof(rss->key));
		rss->key_set = true;
	}
	if (!rss->flags_set) {
		rss->flags = c->be_types;
	} else if (rss->flags & ~c->be_types) {
		netdev_info(vif->netdev,
			    "backend has hash types %#x, not all of %#x: using %#x\n",
			    c->be_types, rss->flags, rss->flags & c->be_types);
		rss->flags &= c->be_types;
	}
	if (!c->map_size)
		return;
	if (netif_is_rxfh_configured(vif->netdev) &&
	    !xnif_hash_mapping_fits(rss->indir, c->map_size, nq)) {
		netdev_info(vif->netdev,
			    "indirection table does not fit %u queue(s) of %u entries: reset to even\n",
			    nq, c->map_size);
		vif->netdev->priv_flags &= ~IFF_RXFH_CONFIGURED;
	}
	if (!netif_is_rxfh_configured(vif->netdev))
		xnif_hash_mapping_fill(rss->indir, c->map_size, nq);
}

/* The backend went Connected: it serves the ring from now on.  Learn
 * what it offers and set up RSS: by default with more than one queue,
 * else only what the admin chose.  Caller holds RTNL.
 */
static void xnf_ctrl_start(struct xnf_vif *vif)
{
	struct xnf_ctrl *c = vif->ctrl;
	bool alg_set;
	int err;

	c->ready = true;
	err = xnf_ctrl_probe(vif, &alg_set);
	if (err) {
		netdev_warn(vif->netdev,
			    "control ring: the backend does not tell its hash abilities (%d): no RSS\n",
			    err);
		c->ready = false;
		return;
	}
	xnf_rss_defaults(vif);
	if (xnf_num_queues(vif) < 2 && !vif->rss.flags_set &&
	    !netif_is_rxfh_configured(vif->netdev)) {
		/* no RSS yet: the backend steers as it did before the probe */
		if (alg_set)
			xnf_ctrl_call(vif, XNIF_CTRL_TYPE_SET_HASH_ALGORITHM,
				      XNIF_CTRL_HASH_ALGORITHM_NONE, 0, 0,
				      NULL);
		return;
	}
	err = xnf_rss_push(vif, &vif->rss, XNF_RSS_ALL);
	if (err)
		netdev_warn(vif->netdev, "setting up RSS on the backend: %d\n",
			    err);
	else
		netdev_info(vif->netdev,
			    "RSS: Toeplitz, hash types %#x, %u mapping entries\n",
			    vif->rss.flags, c->map_size);
}

/**
 * xnf_ctrl_work - set up RSS once the backend is Connected
 * @work: vif->ctrl_work, queued when the backend reports Connected
 */
void xnf_ctrl_work(struct work_struct *work)
{
	struct xnf_vif *vif = container_of(work, struct xnf_vif, ctrl_work);

	rtnl_lock();
	/* a reconnect may have begun since: the backend must still be up */
	if (vif->ctrl && !vif->ctrl->ready && READ_ONCE(vif->connected) &&
	    xenbus_read_driver_state(vif->xdev->otherend) ==
	    XenbusStateConnected)
		xnf_ctrl_start(vif);
	rtnl_unlock();
}

/* ethtool: key size, 0 without a usable control ring. */
u32 xnf_rss_key_size(struct xnf_vif *vif)
{
	return xnf_ctrl_ready(vif) ? XNIF_HASH_KEY_SIZE : 0;
}

/* ethtool: indirection table size, 0 without a mapping. */
u32 xnf_rss_indir_size(struct xnf_vif *vif)
{
	struct xnf_ctrl *c = xnf_ctrl_ready(vif);

	return c ? c->map_size : 0;
}

/* ethtool -x: what we asked the backend for (or will at the first -X). */
int xnf_rss_get(struct xnf_vif *vif, u32 *indir, u8 *key)
{
	struct xnf_ctrl *c = xnf_ctrl_ready(vif);

	if (!c)
		return -EOPNOTSUPP;
	if (indir)
		memcpy(indir, vif->rss.indir, c->map_size * sizeof(u32));
	if (key)
		memcpy(key, vif->rss.key, sizeof(vif->rss.key));
	return 0;
}

/* ethtool -X: the core checked each entry against ETHTOOL_GRXRINGS. */
int xnf_rss_set(struct xnf_vif *vif, const u32 *indir, const u8 *key)
{
	struct xnf_ctrl *c = xnf_ctrl_ready(vif);
	struct xnf_rss *rss;
	unsigned int what = 0;
	int err;

	if (!c)
		return -EOPNOTSUPP;
	if (indir && !xnif_hash_mapping_fits(indir, c->map_size,
					     xnf_num_queues(vif)))
		return -EINVAL;
	rss = kmemdup(&vif->rss, sizeof(*rss), GFP_KERNEL);
	if (!rss)
		return -ENOMEM;
	if (key) {
		memcpy(rss->key, key, sizeof(rss->key));
		what |= XNF_RSS_KEY;
	}
	if (indir) {
		memcpy(rss->indir, indir, c->map_size * sizeof(u32));
		what |= XNF_RSS_MAP;
	}
	err = what ? xnf_rss_push(vif, rss, what) : 0;
	if (!err)
		vif->rss = *rss;
	kfree(rss);
	return err;
}

/* An ethtool flow type as the protocol's hash types see it. */
static int xnf_flow_kind(u32 flow_type, bool *ipv6, bool *tcp)
{
	switch (flow_type & ~(FLOW_EXT | FLOW_MAC_EXT | FLOW_RSS)) {
	case TCP_V4_FLOW:
		*ipv6 = false;
		*tcp = true;
		return 0;
	case TCP_V6_FLOW:
		*ipv6 = true;
		*tcp = true;
		return 0;
	case UDP_V4_FLOW:
	case SCTP_V4_FLOW:
	case AH_ESP_V4_FLOW:
	case AH_V4_FLOW:
	case ESP_V4_FLOW:
	case IPV4_FLOW:
		*ipv6 = false;
		*tcp = false;
		return 0;
	case UDP_V6_FLOW:
	case SCTP_V6_FLOW:
	case AH_ESP_V6_FLOW:
	case AH_V6_FLOW:
	case ESP_V6_FLOW:
	case IPV6_FLOW:
		*ipv6 = true;
		*tcp = false;
		return 0;
	default:
		return -EINVAL;
	}
}

#define XNF_RXH_ADDRS	(RXH_IP_SRC | RXH_IP_DST)
#define XNF_RXH_PORTS	(XNF_RXH_ADDRS | RXH_L4_B_0_1 | RXH_L4_B_2_3)

/* ethtool -n rx-flow-hash: the fields of @flow_type's packets. */
int xnf_rss_get_fields(struct xnf_vif *vif, u32 flow_type, u64 *data)
{
	bool ipv6, tcp;

	if (!xnf_ctrl_ready(vif))
		return -EOPNOTSUPP;
	*data = 0;
	if (xnf_flow_kind(flow_type, &ipv6, &tcp))
		return 0;	/* not IP: never hashed */
	switch (xnif_hash_fields_get(vif->rss.flags, ipv6, tcp)) {
	case XNIF_HASH_FIELDS_PORTS:
		*data = XNF_RXH_PORTS;
		break;
	case XNIF_HASH_FIELDS_ADDRS:
		*data = XNF_RXH_ADDRS;
		break;
	default:
		break;
	}
	return 0;
}

/* ethtool -N rx-flow-hash: "sd", "sdfn" (TCP only) or nothing. */
int xnf_rss_set_fields(struct xnf_vif *vif, u32 flow_type, u64 data)
{
	struct xnf_ctrl *c = xnf_ctrl_ready(vif);
	enum xnif_hash_fields fields;
	bool ipv6, tcp;
	u32 flags, old;
	int err;

	if (!c)
		return -EOPNOTSUPP;
	if (xnf_flow_kind(flow_type, &ipv6, &tcp))
		return -EINVAL;
	if (data == XNF_RXH_PORTS)
		fields = XNIF_HASH_FIELDS_PORTS;
	else if (data == XNF_RXH_ADDRS)
		fields = XNIF_HASH_FIELDS_ADDRS;
	else if (!data)
		fields = XNIF_HASH_FIELDS_NONE;
	else
		return -EINVAL;
	flags = vif->rss.flags;
	err = xnif_hash_fields_set(&flags, ipv6, tcp, fields);
	if (err)
		return err;
	if (flags & ~c->be_types)
		return -EOPNOTSUPP;
	if (flags == vif->rss.flags && c->active)
		return 0;
	old = vif->rss.flags;
	vif->rss.flags = flags;
	err = xnf_rss_push(vif, &vif->rss, XNF_RSS_FLAGS);
	if (err)
		vif->rss.flags = old;
	else
		vif->rss.flags_set = true;
	return err;
}
