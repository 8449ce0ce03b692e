// SPDX-License-Identifier: GPL-2.0-only
/* xen-netfront: XDP. A program runs on every received frame that fits one
 * RX slot. The backend leaves XDP_PACKET_HEADROOM free in front of the
 * data once we ask for it in "xdp-headroom" (Reconfiguring, backend
 * Reconfigured, Connected again); without its "feature-xdp-headroom"
 * offer no program is accepted. XDP_TX and ndo_xdp_xmit send whole-page
 * frames as single-slot TX requests.
 */
#include "netfront.h"

#include <linux/bpf.h>
#include <linux/bpf_trace.h>
#include <linux/filter.h>
#include <linux/rtnetlink.h>
#include <net/xdp.h>
#include <xen/events.h>
#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>
#include XNIF_PAGE_POOL_H

/* How long the backend gets to acknowledge a new xdp-headroom. */
#define XNF_XDP_RECONF_TIMEOUT	(5 * HZ)

/* Where a frame must end so that the page still has room for an skb. */
#define XNF_XDP_FRAME_END \
	(PAGE_SIZE - SKB_DATA_ALIGN(sizeof(struct skb_shared_info)))

unsigned int xnf_xdp_max_mtu(void)
{
	return XNF_XDP_FRAME_END - XDP_PACKET_HEADROOM - ETH_HLEN;
}

bool xnf_xdp_attached(struct xnf_vif *vif)
{
	return rcu_access_pointer(vif->xdp_prog);
}

/* The headroom to write in "xdp-headroom" for the current program. */
u32 xnf_xdp_headroom(struct xnf_vif *vif)
{
	return xnf_xdp_attached(vif) ? XDP_PACKET_HEADROOM : 0;
}

int xnf_xdp_rxq_init(struct xnf_queue *q)
{
	int err;

	err = xdp_rxq_info_reg(&q->xdp_rxq, q->vif->netdev, q->id, 0);
	if (err)
		return err;
	err = xdp_rxq_info_reg_mem_model(&q->xdp_rxq, MEM_TYPE_PAGE_POOL,
					 q->pool);
	if (err)
		xdp_rxq_info_unreg(&q->xdp_rxq);
	return err;
}

void xnf_xdp_rxq_fini(struct xnf_queue *q)
{
	if (xdp_rxq_info_is_reg(&q->xdp_rxq))
		xdp_rxq_info_unreg(&q->xdp_rxq);
}

static void xnf_xdp_count(struct xnf_queue *q, u64_stats_t *ctr)
{
	u64_stats_update_begin(&q->rx_stats.syncp);
	u64_stats_inc(ctr);
	u64_stats_update_end(&q->rx_stats.syncp);
}

/* XDP_TX: send the frame back out on this queue's TX ring. */
static void xnf_xdp_tx(struct xnf_queue *q, struct xdp_frame *xdpf)
{
	int err;

	spin_lock(&q->tx_lock);
	err = xnf_tx_xdp_frame(q, xdpf);
	if (!err)
		xnf_tx_push(q);
	spin_unlock(&q->tx_lock);
	if (err) {
		xdp_return_frame_rx_napi(xdpf);
		xnf_xdp_count(q, &q->rx_stats.xdp_drop);
		return;
	}
	xnf_xdp_count(q, &q->rx_stats.xdp_tx);
}

/* Run @prog on the frame in @page; returns true if the frame was consumed. */
static bool xnf_xdp_act(struct xnf_queue *q, struct bpf_prog *prog,
			struct page *page, union xnif_rx_slot *slot)
{
	struct net_device *dev = q->vif->netdev;
	struct xdp_frame *xdpf;
	struct xdp_buff xdp;
	u32 act;

	xdp_init_buff(&xdp, PAGE_SIZE, &q->xdp_rxq);
	xdp_prepare_buff(&xdp, page_address(page), slot->rsp.offset,
			 slot->rsp.status, false);
	act = bpf_prog_run_xdp(prog, &xdp);
	switch (act) {
	case XDP_PASS:
		slot->rsp.offset = xdp.data - xdp.data_hard_start;
		slot->rsp.status = xdp.data_end - xdp.data;
		xnf_rx_put_page(q, q->rx.rsp_cons, page);
		return false;
	case XDP_TX:
		xdpf = xdp_convert_buff_to_frame(&xdp);
		if (!xdpf)
			break;
		xnf_xdp_tx(q, xdpf);
		return true;
	case XDP_REDIRECT:
		if (xdp_do_redirect(dev, &xdp, prog)) {
			page_pool_put_full_page(q->pool, page, false);
			xnf_xdp_count(q, &q->rx_stats.xdp_drop);
			return true;
		}
		q->xdp_flush = true;
		xnf_xdp_count(q, &q->rx_stats.xdp_redirect);
		return true;
	default:
		bpf_warn_invalid_xdp_action(dev, prog, act);
		fallthrough;
	case XDP_ABORTED:
		trace_xdp_exception(dev, prog, act);
		fallthrough;
	case XDP_DROP:
		break;
	}
	xnf_rx_put_page(q, q->rx.rsp_cons, page);
	xnf_xdp_count(q, &q->rx_stats.xdp_drop);
	return true;
}

/* The XDP step of one validated packet at rsp_cons. Returns 0 to go on
 * with the (possibly moved) data in slots[0], 1 if XDP consumed it, or
 * -EPROTO if the device broke. The grant ends before the program runs:
 * the backend cannot change what the program decides on.
 */
int xnf_xdp_rx(struct xnf_queue *q, union xnif_rx_slot *slots,
	       const struct xnif_rx_pkt *pkt)
{
	struct xnif_rx_response *rsp = &slots[0].rsp;
	struct bpf_prog *prog;
	struct page *page;
	bool consumed;

	rcu_read_lock();
	prog = rcu_dereference(q->vif->xdp_prog);
	if (!prog) {
		rcu_read_unlock();
		return 0;
	}
	/* Trust withdrawn while a program stayed attached (xnf_xdp_setup
	 * refuses it otherwise): neither bypass the program nor show the
	 * backend what it writes.  Drop.
	 */
	if (unlikely(READ_ONCE(q->vif->bounce))) {
		rcu_read_unlock();
		xnf_xdp_count(q, &q->rx_stats.xdp_unfit);
		return 1;
	}
	/* One data slot, no GSO, and room for an skb after the data. */
	if (pkt->nr_slots != 1 + pkt->extras.count ||
	    xnif_extras_has(&pkt->extras, XNIF_EXTRA_TYPE_GSO) ||
	    rsp->status < ETH_HLEN ||
	    rsp->offset + rsp->status > XNF_XDP_FRAME_END) {
		rcu_read_unlock();
		xnf_xdp_count(q, &q->rx_stats.xdp_unfit);
		return 1;
	}
	page = xnf_rx_take_page(q, q->rx.rsp_cons);
	if (!page) {
		rcu_read_unlock();
		return -EPROTO;
	}
	consumed = xnf_xdp_act(q, prog, page, &slots[0]);
	rcu_read_unlock();
	return consumed;
}

/* After a NAPI poll: send what XDP_REDIRECT queued. */
void xnf_xdp_rx_done(struct xnf_queue *q)
{
	if (q->xdp_flush) {
		q->xdp_flush = false;
		xdp_do_flush();
	}
}

/* ndo_xdp_xmit: frames redirected to us, on this CPU's queue. */
int xnf_xdp_xmit(struct net_device *dev, int n, struct xdp_frame **frames,
		 u32 flags)
{
	struct xnf_vif *vif = netdev_priv(dev);
	struct xnf_queue_set *qs;
	struct xnf_queue *q;
	int i;

	if (unlikely(flags & ~XDP_XMIT_FLAGS_MASK))
		return -EINVAL;
	/* Runs in softirq (NAPI of the redirecting device), an RCU reader:
	 * xnf_queues_destroy() waits for it.
	 */
	qs = rcu_dereference_bh(vif->qs);
	/* Acquire pairs with the release in xnf_connect(): what was set up
	 * after the queues were published (staging) is seen as complete.
	 */
	if (unlikely(!qs || !smp_load_acquire(&vif->connected) ||
		     READ_ONCE(vif->broken)))
		return -ENETDOWN;

	q = &qs->q[smp_processor_id() % qs->num];
	spin_lock(&q->tx_lock);
	for (i = 0; i < n; i++)
		if (xnf_tx_xdp_frame(q, frames[i]))
			break;
	if (i)
		xnf_tx_push(q);
	spin_unlock(&q->tx_lock);
	return i;
}

/* Tell the backend the headroom we want: write it, go Reconfiguring and
 * wait for its Reconfigured, then be Connected again. Holds RTNL.
 */
static int xnf_xdp_negotiate(struct xnf_vif *vif, u32 headroom)
{
	struct xenbus_device *xdev = vif->xdev;
	long left;
	int err;

	err = xenbus_printf(XBT_NIL, xdev->nodename, "xdp-headroom", "%u",
			    headroom);
	if (err)
		return err;
	err = xenbus_switch_state(xdev, XenbusStateReconfiguring);
	if (err)
		return err;
	left = wait_event_timeout(vif->state_wq,
				  xenbus_read_driver_state(xdev->otherend) ==
				  XenbusStateReconfigured,
				  XNF_XDP_RECONF_TIMEOUT);
	xenbus_switch_state(xdev, XenbusStateConnected);
	return left ? 0 : -ETIMEDOUT;
}

static int xnf_xdp_setup(struct xnf_vif *vif, struct bpf_prog *prog,
			 struct netlink_ext_ack *extack)
{
	struct bpf_prog *old;
	int err;

	ASSERT_RTNL();
	if (prog && !vif->be.xdp_headroom) {
		NL_SET_ERR_MSG_MOD(extack,
				   "backend does not offer feature-xdp-headroom");
		return -EOPNOTSUPP;
	}
	if (prog && vif->netdev->mtu > xnf_xdp_max_mtu()) {
		NL_SET_ERR_MSG_MOD(extack,
				   "MTU too large for XDP: a frame must fit one page with headroom");
		return -EINVAL;
	}
	if (prog && !vif->connected) {
		NL_SET_ERR_MSG_MOD(extack, "not connected to the backend");
		return -ENOTCONN;
	}
	/* A program's page goes back to the backend: XDP_TX and
	 * XDP_REDIRECT write a struct xdp_frame (kernel pointers) at its
	 * start, and the program itself may write metadata and headroom.
	 * An untrusted backend must not read that.
	 */
	if (prog && (vif->bounce || !READ_ONCE(xnf_trusted))) {
		NL_SET_ERR_MSG_MOD(extack,
				   "backend not trusted (trusted=0): XDP would show it kernel memory");
		netdev_warn(vif->netdev,
			    "XDP refused: the backend is not trusted\n");
		return -EPERM;
	}
	if (!!prog != xnf_xdp_attached(vif) && vif->connected) {
		err = xnf_xdp_negotiate(vif, prog ? XDP_PACKET_HEADROOM : 0);
		/* A detach must not fail: the core warns if it does. */
		if (err && prog) {
			NL_SET_ERR_MSG_MOD(extack,
					   "backend did not acknowledge xdp-headroom");
			return err;
		}
	}
	old = rcu_replace_pointer(vif->xdp_prog, prog, lockdep_rtnl_is_held());
	if (old)
		bpf_prog_put(old);
	netdev_info(vif->netdev, "XDP program %s\n",
		    prog ? "attached" : "detached");
	return 0;
}

int xnf_bpf(struct net_device *dev, struct netdev_bpf *bpf)
{
	struct xnf_vif *vif = netdev_priv(dev);

	switch (bpf->command) {
	case XDP_SETUP_PROG:
		return xnf_xdp_setup(vif, bpf->prog, bpf->extack);
	default:
		return -EINVAL;
	}
}
