// SPDX-License-Identifier: GPL-2.0-only
/* xen-netback: the control ring (feature-ctrl-ring) and what it sets up:
 * Toeplitz hashing of guest RX packets, the hash-to-queue mapping and the
 * HASH extra the frontend gets with each hashed packet; plus the
 * multicast filter the frontend fills with MCAST_ADD/DEL extras.
 *
 * The checks and state changes of each request are the shared code in
 * drivers/net/xen-netif/ctrl.c; this file moves requests and data.
 * Requests are handled in a work item, XNB_CTRL_BUDGET per run: a key or
 * mapping is grant-copied from the frontend there, outside the hash lock.
 */
#include "common.h"

#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/ipv6.h>
#include <net/flow_dissector.h>
#include <xen/events.h>
#include <xen/page.h>

/* Grant-copy @len bytes from offset 0 of the frontend's @gref into
 * vif->ctrl_page.
 */
int xnb_ctrl_copy_in(struct xnb_vif *vif, u32 gref, u32 len)
{
	struct gnttab_copy op = {
		.source.u.ref = gref,
		.source.domid = vif->domid,
		.source.offset = 0,
		.dest.u.gmfn = virt_to_gfn(vif->ctrl_page),
		.dest.domid = DOMID_SELF,
		.dest.offset = 0,
		.len = len,
		.flags = GNTCOPY_source_gref,
	};

	if (!len)
		return 0;
	gnttab_batch_copy(&op, 1);
	return op.status == GNTST_okay ? 0 : -EFAULT;
}

/* Answer one request; the key or mapping is copied before it is taken. */
static void xnb_ctrl_one(struct xnb_vif *vif,
			 const struct xnif_ctrl_request *req,
			 struct xnif_ctrl_response *rsp)
{
	struct xnif_ctrl_copy copy;
	enum xnif_ctrl_action act;
	unsigned long flags;

	if (req->type >= XNIF_CTRL_TYPE_GET_GREF_MAPPING_SIZE &&
	    req->type <= XNIF_CTRL_TYPE_DEL_GREF_MAPPING) {
		rsp->id = req->id;
		rsp->type = req->type;
		xnb_gref_ctrl(vif, req, rsp);
		return;
	}

	spin_lock_irqsave(&vif->hash_lock, flags);
	act = xnif_ctrl_handle(&vif->hash, req, rsp, &copy);
	spin_unlock_irqrestore(&vif->hash_lock, flags);
	if (act == XNIF_CTRL_DONE)
		return;

	if (xnb_ctrl_copy_in(vif, copy.gref, copy.len)) {
		rsp->status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
		return;
	}

	spin_lock_irqsave(&vif->hash_lock, flags);
	if (act == XNIF_CTRL_COPY_KEY)
		rsp->status = xnif_ctrl_set_key(&vif->hash, vif->ctrl_page,
						copy.len);
	else
		rsp->status = xnif_ctrl_set_mapping(&vif->hash,
						    vif->ctrl_page,
						    copy.len / sizeof(u32),
						    copy.first,
						    vif->num_queues);
	spin_unlock_irqrestore(&vif->hash_lock, flags);
}

/* Requests posted and not taken yet; negative if the producer is bogus. */
static int xnb_ctrl_avail(struct xnb_vif *vif)
{
	struct xnif_ctrl_back_ring *ring = &vif->ctrl;

	return xnif_ring_unconsumed_requests(READ_ONCE(ring->sring->req_prod),
					     ring->req_cons, ring->rsp_prod_pvt,
					     XNIF_CTRL_RING_SIZE);
}

/* Handle up to @budget posted requests.  Return: true if more are left
 * (the caller runs again later), false once the ring is empty with the
 * event re-armed, or garbage (the vif is disabled).
 */
static bool xnb_ctrl_action(struct xnb_vif *vif, unsigned int budget)
{
	struct xnif_ctrl_back_ring *ring = &vif->ctrl;
	struct xnif_ctrl_response rsp;
	struct xnif_ctrl_request req;
	unsigned int done = 0;
	int avail, notify;

	for (;;) {
		avail = xnb_ctrl_avail(vif);
		if (avail < 0) {
			xnb_vif_fatal(&vif->queues[0],
				      "control request producer beyond the ring");
			return false;
		}
		if (!avail) {
			RING_FINAL_CHECK_FOR_REQUESTS(ring, avail);
			if (!avail)
				return false;
			continue;
		}
		if (done++ == budget)
			return true;
		/* The requests must not be read before req_prod. */
		virt_rmb();
		RING_COPY_REQUEST(ring, ring->req_cons, &req);
		ring->req_cons++;

		xnb_ctrl_one(vif, &req, &rsp);

		*RING_GET_RESPONSE(ring, ring->rsp_prod_pvt) = rsp;
		ring->rsp_prod_pvt++;
		RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(ring, notify);
		if (notify)
			notify_remote_via_irq(vif->ctrl_irq);
	}
}

/**
 * xnb_ctrl_work - serve the control ring, a budget at a time
 * @work: vif->ctrl_work
 *
 * Queued by the interrupt, whose EOI waits until the ring is empty: a
 * frontend that keeps the producer moving gets XNB_CTRL_BUDGET requests
 * a tick and no more events meanwhile.
 */
void xnb_ctrl_work(struct work_struct *work)
{
	struct xnb_vif *vif = container_of(to_delayed_work(work),
					   struct xnb_vif, ctrl_work);

	if (!xnb_vif_disabled(vif) && xnb_ctrl_action(vif, XNB_CTRL_BUDGET)) {
		schedule_delayed_work(&vif->ctrl_work, 1);
		return;
	}
	xen_irq_lateeoi(READ_ONCE(vif->ctrl_irq), 0);
}

/* An event with nothing posted (or for a disabled vif) is spurious. */
static irqreturn_t xnb_ctrl_interrupt(int irq, void *data)
{
	struct xnb_vif *vif = data;

	/* an event may come before the bind returned the number */
	WRITE_ONCE(vif->ctrl_irq, irq);
	if (xnb_vif_disabled(vif) || !xnb_ctrl_avail(vif)) {
		xen_irq_lateeoi(irq, XEN_EOI_FLAG_SPURIOUS);
		return IRQ_HANDLED;
	}
	schedule_delayed_work(&vif->ctrl_work, 0);
	return IRQ_HANDLED;
}

/**
 * xnb_ctrl_connect - map the frontend's control ring and serve it
 * @vif: the vif, its queues connected
 * @ref: grant of the ring page ("ctrl-ring-ref")
 * @evtchn: the frontend's "event-channel-ctrl"
 *
 * Return: 0 or a negative errno (already reported with xenbus_dev_fatal).
 */
int xnb_ctrl_connect(struct xnb_vif *vif, grant_ref_t ref,
		     evtchn_port_t evtchn)
{
	struct xenbus_device *xdev = vif->xdev;
	struct xnif_ctrl_sring *sring;
	int err, irq;

	vif->ctrl_page = (void *)get_zeroed_page(GFP_KERNEL);
	if (!vif->ctrl_page) {
		xnb_fe_fatal(vif, -ENOMEM, "allocating control page");
		return -ENOMEM;
	}

	err = xenbus_map_ring_valloc(xdev, &ref, 1, (void **)&sring);
	if (err) {
		xnb_fe_fatal(vif, err, "mapping control ring ref %u", ref);
		goto out_free_page;
	}
	BACK_RING_INIT(&vif->ctrl, sring, XEN_PAGE_SIZE);

	irq = bind_interdomain_evtchn_to_irqhandler_lateeoi(xdev, evtchn,
							    xnb_ctrl_interrupt,
							    0,
							    "xen-netback-ctrl",
							    vif);
	if (irq < 0) {
		err = irq;
		xnb_fe_fatal(vif, err, "binding control event channel %u",
			     evtchn);
		goto out_unmap;
	}
	vif->ctrl_irq = irq;
	return 0;

out_unmap:
	xenbus_unmap_ring_vfree(xdev, vif->ctrl.sring);
	vif->ctrl.sring = NULL;
out_free_page:
	free_page((unsigned long)vif->ctrl_page);
	vif->ctrl_page = NULL;
	return err;
}

/* Undo xnb_ctrl_connect() and forget the hash settings. */
void xnb_ctrl_disconnect(struct xnb_vif *vif)
{
	unsigned long flags;

	if (vif->ctrl_irq) {
		/* no new work once this returns; the last one EOIs, then goes */
		disable_irq(vif->ctrl_irq);
		cancel_delayed_work_sync(&vif->ctrl_work);
		unbind_from_irqhandler(vif->ctrl_irq, vif);
		vif->ctrl_irq = 0;
	}
	xnb_gref_disconnect(vif);
	if (vif->ctrl.sring) {
		xenbus_unmap_ring_vfree(vif->xdev, vif->ctrl.sring);
		vif->ctrl.sring = NULL;
	}
	free_page((unsigned long)vif->ctrl_page);
	vif->ctrl_page = NULL;

	spin_lock_irqsave(&vif->hash_lock, flags);
	xnif_hash_reset(&vif->hash);
	spin_unlock_irqrestore(&vif->hash_lock, flags);
}

/* The Toeplitz input of @skb for hash type @type (addresses, ports). */
static unsigned int xnb_hash_input(const struct flow_keys *fk, int type,
				   u8 *buf)
{
	bool v6 = type == XNIF_CTRL_HASH_TYPE_IPV6_BIT ||
		  type == XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT;
	bool l4 = type == XNIF_CTRL_HASH_TYPE_IPV4_TCP_BIT ||
		  type == XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT;
	unsigned int n;

	if (v6) {
		memcpy(buf, &fk->addrs.v6addrs.src, 16);
		memcpy(buf + 16, &fk->addrs.v6addrs.dst, 16);
		n = 32;
	} else {
		memcpy(buf, &fk->addrs.v4addrs.src, 4);
		memcpy(buf + 4, &fk->addrs.v4addrs.dst, 4);
		n = 8;
	}
	if (l4) {
		memcpy(buf + n, &fk->ports.src, 2);
		memcpy(buf + n + 2, &fk->ports.dst, 2);
		n += 4;
	}
	return n;
}

/* Hash @skb as the frontend asked (or clear its hash if no enabled type
 * applies) and return the queue the mapping gives.
 */
static unsigned int xnb_hash_skb(struct xnb_vif *vif, struct sk_buff *skb,
				 unsigned int nq)
{
	struct flow_keys fk;
	unsigned long flags;
	unsigned int n, qi;
	bool v6, tcp;
	u8 buf[36];
	u32 hash;
	int type;

	if (skb->protocol == htons(ETH_P_IP))
		v6 = false;
	else if (skb->protocol == htons(ETH_P_IPV6))
		v6 = true;
	else
		goto none;

	memset(&fk, 0, sizeof(fk));
	if (!skb_flow_dissect_flow_keys(skb, &fk, 0))
		goto none;
	tcp = fk.basic.ip_proto == IPPROTO_TCP &&
	      !(fk.control.flags & FLOW_DIS_IS_FRAGMENT);

	spin_lock_irqsave(&vif->hash_lock, flags);
	type = xnif_hash_type(vif->hash.flags, v6, tcp);
	if (type < 0) {
		spin_unlock_irqrestore(&vif->hash_lock, flags);
		goto none;
	}
	n = xnb_hash_input(&fk, type, buf);
	hash = xnif_toeplitz(vif->hash.key, sizeof(vif->hash.key), buf, n);
	qi = xnif_hash_queue(&vif->hash, hash, nq);
	spin_unlock_irqrestore(&vif->hash_lock, flags);

	__skb_set_sw_hash(skb, hash,
			  type == XNIF_CTRL_HASH_TYPE_IPV4_TCP_BIT ||
			  type == XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT);
	return qi;
none:
	skb_clear_hash(skb);
	spin_lock_irqsave(&vif->hash_lock, flags);
	qi = xnif_hash_queue(&vif->hash, 0, nq);
	spin_unlock_irqrestore(&vif->hash_lock, flags);
	return qi;
}

/* ndo_select_queue: the frontend's hash and mapping, if it set them. */
u16 xnb_select_queue(struct net_device *dev, struct sk_buff *skb,
		     struct net_device *sb_dev)
{
	struct xnb_vif *vif = xnb_netdev_vif(dev);
	unsigned int nq = dev->real_num_tx_queues;

	if (READ_ONCE(vif->hash.alg) == XNIF_CTRL_HASH_ALGORITHM_NONE)
		return nq > 1 ? netdev_pick_tx(dev, skb, NULL) % nq : 0;
	return xnb_hash_skb(vif, skb, nq);
}

/**
 * xnb_hash_extra - the HASH extra for a guest RX packet, if it has one
 * @vif: the vif
 * @skb: a packet xnb_select_queue() hashed
 * @ex: filled in when returning true
 *
 * Return: true if the frontend chose an algorithm and @skb was hashed.
 */
bool xnb_hash_extra(struct xnb_vif *vif, const struct sk_buff *skb,
		    struct xnif_extra_info *ex)
{
	bool v4 = skb->protocol == htons(ETH_P_IP);
	u32 hash;

	if (READ_ONCE(vif->hash.alg) == XNIF_CTRL_HASH_ALGORITHM_NONE ||
	    !skb->sw_hash)
		return false;

	hash = skb_get_hash_raw(skb);
	memset(ex, 0, sizeof(*ex));
	ex->type = XNIF_EXTRA_TYPE_HASH;
	ex->u.hash.algorithm = XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ;
	if (skb->l4_hash)
		ex->u.hash.type = v4 ? XNIF_CTRL_HASH_TYPE_IPV4_TCP_BIT :
				       XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT;
	else
		ex->u.hash.type = v4 ? XNIF_CTRL_HASH_TYPE_IPV4_BIT :
				       XNIF_CTRL_HASH_TYPE_IPV6_BIT;
	ex->u.hash.value[0] = hash & 0xff;
	ex->u.hash.value[1] = (hash >> 8) & 0xff;
	ex->u.hash.value[2] = (hash >> 16) & 0xff;
	ex->u.hash.value[3] = hash >> 24;
	return true;
}

void xnb_mcast_reset(struct xnb_vif *vif)
{
	unsigned long flags;

	spin_lock_irqsave(&vif->mcast_lock, flags);
	vif->mcast.count = 0;
	spin_unlock_irqrestore(&vif->mcast_lock, flags);
}

/* MCAST_ADD from the guest. Return: 0 or a negative errno. */
int xnb_mcast_add(struct xnb_vif *vif, const u8 *addr)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&vif->mcast_lock, flags);
	err = xnif_mcast_add(&vif->mcast, addr);
	spin_unlock_irqrestore(&vif->mcast_lock, flags);
	if (err == -ENOSPC)
		net_warn_ratelimited("%s: more than %u multicast addresses\n",
				     vif->name, XNIF_MCAST_MAX);
	return err;
}

void xnb_mcast_del(struct xnb_vif *vif, const u8 *addr)
{
	unsigned long flags;

	spin_lock_irqsave(&vif->mcast_lock, flags);
	xnif_mcast_del(&vif->mcast, addr);
	spin_unlock_irqrestore(&vif->mcast_lock, flags);
}

/* May @skb (data at its Ethernet header, as in ndo_start_xmit) go to the
 * guest?  Multicast is filtered only once the frontend asked for it.
 */
bool xnb_mcast_pass(struct xnb_vif *vif, const struct sk_buff *skb)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	unsigned long flags;
	bool pass;

	if (!READ_ONCE(vif->mcast_ctrl) || skb_headlen(skb) < ETH_HLEN ||
	    !is_multicast_ether_addr(eth->h_dest))
		return true;

	spin_lock_irqsave(&vif->mcast_lock, flags);
	pass = xnif_mcast_match(&vif->mcast, eth->h_dest);
	spin_unlock_irqrestore(&vif->mcast_lock, flags);
	return pass;
}
