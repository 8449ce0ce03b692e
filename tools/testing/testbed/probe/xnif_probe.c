// SPDX-License-Identifier: GPL-2.0-only
/*
 * xnif-probe: a test-only Xen netif frontend for the test bed, loaded in
 * a guest instead of a netfront.  Neither Linux netfront uses the control
 * ring, so this module drives it: it connects one queue plus a control
 * ring, sends control requests with good and bad arguments and checks
 * each answer.  With rogue=<kind> it then puts one malformed request on
 * the TX ring, to see that the backend refuses it as it should.
 *
 * Results are in /sys/module/xnif_probe/parameters/{ctrl_pass,ctrl_fail,
 * rogue_status,done} and in the kernel log ("xnif-probe: ...").
 * It passes no traffic and is not a network driver.
 */
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/interface/io/ring.h>
#include <xen/page.h>
#include <xen/xen.h>
#include <xen/xenbus.h>
#include <xen-netif/netif.h>

DEFINE_RING_TYPES(probe_tx, struct xnif_tx_request, struct xnif_tx_response);
DEFINE_RING_TYPES(probe_rx, struct xnif_rx_request, struct xnif_rx_response);
DEFINE_RING_TYPES(probe_ctrl, struct xnif_ctrl_request,
		  struct xnif_ctrl_response);

static char *rogue = "";
module_param(rogue, charp, 0444);
MODULE_PARM_DESC(rogue,
		 "malformed TX request to send once connected: runt, cross, slots, gref, extra, size, prod");

static bool use_ctrl = true;
module_param_named(ctrl, use_ctrl, bool, 0444);
MODULE_PARM_DESC(ctrl, "set up and test the control ring (default true)");

static int ctrl_pass;
module_param(ctrl_pass, int, 0444);
static int ctrl_fail;
module_param(ctrl_fail, int, 0444);
/* status of the TX response to the rogue request; 99: none came */
static int rogue_status = 99;
module_param(rogue_status, int, 0444);
static int done;
module_param(done, int, 0444);

struct probe {
	struct xenbus_device	*xdev;
	struct probe_tx_front_ring tx;
	struct probe_rx_front_ring rx;
	struct probe_ctrl_front_ring ctrl;
	grant_ref_t		tx_ref, rx_ref, ctrl_ref;
	evtchn_port_t		evtchn, ctrl_evtchn;
	int			irq, ctrl_irq;
	void			*data;		/* granted read-only */
	grant_ref_t		data_ref;
	u16			next_id;
	bool			started;
	struct work_struct	work;
};

/* The key of Microsoft's RSS verification suite. */
static const u8 probe_key[40] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2,
	0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
	0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4,
	0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
	0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

static irqreturn_t probe_interrupt(int irq, void *data)
{
	return IRQ_HANDLED;
}

/* Send one control request and wait (up to 5 s) for its answer. */
static int probe_ctrl_req(struct probe *p, u16 type, u32 d0, u32 d1, u32 d2,
			  u32 *status, u32 *data)
{
	struct xnif_ctrl_response rsp;
	struct xnif_ctrl_request *req;
	u16 id = ++p->next_id;
	int n;

	req = RING_GET_REQUEST(&p->ctrl, p->ctrl.req_prod_pvt);
	req->id = id;
	req->type = type;
	req->data[0] = d0;
	req->data[1] = d1;
	req->data[2] = d2;
	p->ctrl.req_prod_pvt++;
	RING_PUSH_REQUESTS(&p->ctrl);
	notify_remote_via_irq(p->ctrl_irq);

	for (n = 0; n < 500; n++) {
		if (READ_ONCE(p->ctrl.sring->rsp_prod) != p->ctrl.rsp_cons)
			break;
		msleep(10);
	}
	if (n == 500)
		return -ETIMEDOUT;
	virt_rmb();
	rsp = *RING_GET_RESPONSE(&p->ctrl, p->ctrl.rsp_cons);
	p->ctrl.rsp_cons++;
	if (rsp.id != id || rsp.type != type)
		return -EPROTO;
	*status = rsp.status;
	*data = rsp.data;
	return 0;
}

/* One request and what its answer must be; counts and logs the result. */
static void probe_expect(struct probe *p, const char *what, u16 type,
			 u32 d0, u32 d1, u32 d2, u32 want_status,
			 bool check_data, u32 want_data)
{
	u32 status = ~0U, data = ~0U;
	int err;

	err = probe_ctrl_req(p, type, d0, d1, d2, &status, &data);
	if (err || status != want_status ||
	    (check_data && data != want_data)) {
		ctrl_fail++;
		pr_err("xnif-probe: ctrl FAIL %s: err %d status %u (want %u) data %#x (want %#x)\n",
		       what, err, status, want_status, data, want_data);
		return;
	}
	ctrl_pass++;
	pr_info("xnif-probe: ctrl ok %s: status %u data %#x\n", what, status,
		data);
}

static void probe_ctrl_tests(struct probe *p)
{
	u32 *map = p->data;

	probe_expect(p, "get flags", XNIF_CTRL_TYPE_GET_HASH_FLAGS, 0, 0, 0,
		     XNIF_CTRL_STATUS_SUCCESS, true, XNIF_CTRL_HASH_TYPE_KNOWN);
	probe_expect(p, "get mapping size",
		     XNIF_CTRL_TYPE_GET_HASH_MAPPING_SIZE, 0, 0, 0,
		     XNIF_CTRL_STATUS_SUCCESS, true, 128);
	probe_expect(p, "flags before algorithm",
		     XNIF_CTRL_TYPE_SET_HASH_FLAGS, XNIF_CTRL_HASH_TYPE_IPV4,
		     0, 0, XNIF_CTRL_STATUS_INVALID_PARAMETER, false, 0);
	probe_expect(p, "unknown algorithm",
		     XNIF_CTRL_TYPE_SET_HASH_ALGORITHM, 2, 0, 0,
		     XNIF_CTRL_STATUS_INVALID_PARAMETER, false, 0);
	probe_expect(p, "toeplitz", XNIF_CTRL_TYPE_SET_HASH_ALGORITHM,
		     XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ, 0, 0,
		     XNIF_CTRL_STATUS_SUCCESS, false, 0);
	probe_expect(p, "all flags", XNIF_CTRL_TYPE_SET_HASH_FLAGS,
		     XNIF_CTRL_HASH_TYPE_KNOWN, 0, 0,
		     XNIF_CTRL_STATUS_SUCCESS, false, 0);
	probe_expect(p, "unknown flag", XNIF_CTRL_TYPE_SET_HASH_FLAGS, 0x10,
		     0, 0, XNIF_CTRL_STATUS_INVALID_PARAMETER, false, 0);

	memcpy(p->data, probe_key, sizeof(probe_key));
	probe_expect(p, "key", XNIF_CTRL_TYPE_SET_HASH_KEY, p->data_ref, 40,
		     0, XNIF_CTRL_STATUS_SUCCESS, false, 0);
	probe_expect(p, "key too long", XNIF_CTRL_TYPE_SET_HASH_KEY,
		     p->data_ref, 41, 0, XNIF_CTRL_STATUS_BUFFER_OVERFLOW,
		     false, 0);
	probe_expect(p, "key bad gref", XNIF_CTRL_TYPE_SET_HASH_KEY,
		     0xfffff0, 40, 0, XNIF_CTRL_STATUS_INVALID_PARAMETER,
		     false, 0);

	probe_expect(p, "mapping size too big",
		     XNIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE, 129, 0, 0,
		     XNIF_CTRL_STATUS_INVALID_PARAMETER, false, 0);
	probe_expect(p, "mapping size", XNIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE,
		     64, 0, 0, XNIF_CTRL_STATUS_SUCCESS, false, 0);
	memset(p->data, 0, XEN_PAGE_SIZE);
	probe_expect(p, "mapping", XNIF_CTRL_TYPE_SET_HASH_MAPPING,
		     p->data_ref, 64, 0, XNIF_CTRL_STATUS_SUCCESS, false, 0);
	map[1] = 1;	/* one queue only: queue 1 does not exist */
	probe_expect(p, "mapping to a missing queue",
		     XNIF_CTRL_TYPE_SET_HASH_MAPPING, p->data_ref, 2, 0,
		     XNIF_CTRL_STATUS_INVALID_PARAMETER, false, 0);
	probe_expect(p, "mapping past the table",
		     XNIF_CTRL_TYPE_SET_HASH_MAPPING, p->data_ref, 1, 64,
		     XNIF_CTRL_STATUS_INVALID_PARAMETER, false, 0);
	probe_expect(p, "unknown request", 99, 0, 0, 0,
		     XNIF_CTRL_STATUS_NOT_SUPPORTED, false, 0);
	probe_expect(p, "algorithm none", XNIF_CTRL_TYPE_SET_HASH_ALGORITHM,
		     XNIF_CTRL_HASH_ALGORITHM_NONE, 0, 0,
		     XNIF_CTRL_STATUS_SUCCESS, false, 0);
	pr_info("xnif-probe: ctrl results: %d passed, %d failed\n", ctrl_pass,
		ctrl_fail);
}

static struct xnif_tx_request *probe_tx_slot(struct probe *p, u16 size,
					     u16 flags, u16 offset)
{
	struct xnif_tx_request *req;

	req = RING_GET_REQUEST(&p->tx, p->tx.req_prod_pvt);
	req->gref = p->data_ref;
	req->offset = offset;
	req->flags = flags;
	req->id = p->tx.req_prod_pvt & 0xff;
	req->size = size;
	p->tx.req_prod_pvt++;
	return req;
}

/* Queue the malformed request named by @kind. Return: false if unknown. */
static bool probe_build_rogue(struct probe *p, const char *kind)
{
	struct xnif_extra_info *ex;
	unsigned int i;

	if (!strcmp(kind, "runt")) {		/* size 0: dropped */
		probe_tx_slot(p, 0, 0, 0);
	} else if (!strcmp(kind, "cross")) {	/* beyond the page: fatal */
		probe_tx_slot(p, 200, 0, 4000);
	} else if (!strcmp(kind, "slots")) {	/* 21 slots: fatal */
		probe_tx_slot(p, 2100, XNIF_TXF_MORE_DATA, 0);
		for (i = 1; i < 21; i++)
			probe_tx_slot(p, 100, i < 20 ? XNIF_TXF_MORE_DATA : 0,
				      0);
	} else if (!strcmp(kind, "gref")) {	/* copy fails: dropped */
		probe_tx_slot(p, 100, 0, 0)->gref = 0xfffff0;
	} else if (!strcmp(kind, "size")) {	/* more data than size */
		probe_tx_slot(p, 60, XNIF_TXF_MORE_DATA, 0);
		probe_tx_slot(p, 100, 0, 0);
	} else if (!strcmp(kind, "extra")) {	/* unknown extra: fatal */
		probe_tx_slot(p, 100, XNIF_TXF_EXTRA_INFO, 0);
		ex = (void *)RING_GET_REQUEST(&p->tx, p->tx.req_prod_pvt);
		memset(ex, 0, sizeof(*ex));
		ex->type = 9;
		p->tx.req_prod_pvt++;
	} else if (!strcmp(kind, "prod")) {	/* producer beyond: fatal */
		probe_tx_slot(p, 100, 0, 0);
		p->tx.req_prod_pvt += 1000;
	} else {
		return false;
	}
	return true;
}

static void probe_rogue(struct probe *p)
{
	int n;

	if (!probe_build_rogue(p, rogue)) {
		pr_err("xnif-probe: unknown rogue kind '%s'\n", rogue);
		return;
	}
	memset(p->data, 0xab, 64);
	RING_PUSH_REQUESTS(&p->tx);
	notify_remote_via_irq(p->irq);
	pr_info("xnif-probe: rogue '%s' request sent\n", rogue);

	for (n = 0; n < 300; n++) {
		if (READ_ONCE(p->tx.sring->rsp_prod) != p->tx.rsp_cons)
			break;
		msleep(10);
	}
	if (n == 300) {
		pr_info("xnif-probe: rogue '%s': no TX response\n", rogue);
		return;
	}
	virt_rmb();
	rogue_status = RING_GET_RESPONSE(&p->tx, p->tx.rsp_cons)->status;
	p->tx.rsp_cons++;
	pr_info("xnif-probe: rogue '%s': TX response status %d\n", rogue,
		rogue_status);
}

static void probe_work(struct work_struct *work)
{
	struct probe *p = container_of(work, struct probe, work);

	if (use_ctrl)
		probe_ctrl_tests(p);
	if (*rogue)
		probe_rogue(p);
	done = 1;
}

static int probe_ring(struct probe *p, void **sring, grant_ref_t *ref)
{
	return xenbus_setup_ring(p->xdev, GFP_KERNEL, sring, 1, ref);
}

static int probe_evtchn(struct probe *p, evtchn_port_t *port, int *irq,
			const char *name)
{
	int err;

	err = xenbus_alloc_evtchn(p->xdev, port);
	if (err)
		return err;
	err = bind_evtchn_to_irqhandler(*port, probe_interrupt, 0, name, p);
	if (err < 0) {
		xenbus_free_evtchn(p->xdev, *port);
		return err;
	}
	*irq = err;
	return 0;
}

static int probe_setup(struct probe *p)
{
	struct probe_ctrl_sring *cs;
	struct probe_tx_sring *txs;
	struct probe_rx_sring *rxs;
	int err;

	err = probe_ring(p, (void **)&txs, &p->tx_ref);
	if (err)
		return err;
	XEN_FRONT_RING_INIT(&p->tx, txs, XEN_PAGE_SIZE);
	err = probe_ring(p, (void **)&rxs, &p->rx_ref);
	if (err)
		return err;
	XEN_FRONT_RING_INIT(&p->rx, rxs, XEN_PAGE_SIZE);
	err = probe_evtchn(p, &p->evtchn, &p->irq, "xnif-probe");
	if (err)
		return err;
	if (use_ctrl) {
		err = probe_ring(p, (void **)&cs, &p->ctrl_ref);
		if (err)
			return err;
		XEN_FRONT_RING_INIT(&p->ctrl, cs, XEN_PAGE_SIZE);
		err = probe_evtchn(p, &p->ctrl_evtchn, &p->ctrl_irq,
				   "xnif-probe-ctrl");
		if (err)
			return err;
	}

	p->data = (void *)get_zeroed_page(GFP_KERNEL);
	if (!p->data)
		return -ENOMEM;
	err = gnttab_grant_foreign_access(p->xdev->otherend_id,
					  virt_to_gfn(p->data), 1);
	if (err < 0) {
		free_page((unsigned long)p->data);
		p->data = NULL;
		return err;
	}
	p->data_ref = err;
	return 0;
}

static int probe_write_keys(struct probe *p)
{
	struct xenbus_device *xdev = p->xdev;
	struct xenbus_transaction xbt;
	int err;

again:
	err = xenbus_transaction_start(&xbt);
	if (err)
		return err;
	err = xenbus_printf(xbt, xdev->nodename, "tx-ring-ref", "%u",
			    p->tx_ref);
	if (!err)
		err = xenbus_printf(xbt, xdev->nodename, "rx-ring-ref", "%u",
				    p->rx_ref);
	if (!err)
		err = xenbus_printf(xbt, xdev->nodename, "event-channel", "%u",
				    p->evtchn);
	if (!err)
		err = xenbus_printf(xbt, xdev->nodename, "request-rx-copy",
				    "%u", 1);
	if (!err && use_ctrl)
		err = xenbus_printf(xbt, xdev->nodename, "ctrl-ring-ref", "%u",
				    p->ctrl_ref);
	if (!err && use_ctrl)
		err = xenbus_printf(xbt, xdev->nodename, "event-channel-ctrl",
				    "%u", p->ctrl_evtchn);
	if (err) {
		xenbus_transaction_end(xbt, 1);
		return err;
	}
	err = xenbus_transaction_end(xbt, 0);
	if (err == -EAGAIN)
		goto again;
	return err;
}

/*
 * Remove what probe_write_keys() wrote: a netfront bound next must not
 * leave our control ring keys behind for the backend to find.
 */
static void probe_rm_keys(struct probe *p)
{
	static const char * const keys[] = {
		"tx-ring-ref", "rx-ring-ref", "event-channel",
		"request-rx-copy", "ctrl-ring-ref", "event-channel-ctrl",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		xenbus_rm(XBT_NIL, p->xdev->nodename, keys[i]);
}

static void probe_teardown(struct probe *p)
{
	if (p->ctrl_irq > 0)
		unbind_from_irqhandler(p->ctrl_irq, p);
	if (p->irq > 0)
		unbind_from_irqhandler(p->irq, p);
	p->ctrl_irq = 0;
	p->irq = 0;
	xenbus_teardown_ring((void **)&p->ctrl.sring, 1, &p->ctrl_ref);
	xenbus_teardown_ring((void **)&p->rx.sring, 1, &p->rx_ref);
	xenbus_teardown_ring((void **)&p->tx.sring, 1, &p->tx_ref);
	if (p->data) {
		gnttab_end_foreign_access(p->data_ref, virt_to_page(p->data));
		p->data = NULL;
	}
}

static void probe_backend_changed(struct xenbus_device *xdev,
				  enum xenbus_state state)
{
	struct probe *p = dev_get_drvdata(&xdev->dev);
	int err;

	switch (state) {
	case XenbusStateInitWait:
		if (xdev->state != XenbusStateInitialising || p->started)
			break;
		p->started = true;
		err = probe_setup(p);
		if (!err)
			err = probe_write_keys(p);
		if (err) {
			xenbus_dev_fatal(xdev, err, "xnif-probe setup");
			break;
		}
		xenbus_switch_state(xdev, XenbusStateConnected);
		break;
	case XenbusStateConnected:
		pr_info("xnif-probe: backend connected\n");
		schedule_work(&p->work);
		break;
	case XenbusStateClosing:
	case XenbusStateClosed:
		/*
		 * A fresh probe can see the previous frontend's Closed before
		 * the backend has seen our Initialising: wait for InitWait.
		 */
		if (!p->started || xdev->state == XenbusStateClosed)
			break;
		xenbus_frontend_closed(xdev);
		break;
	default:
		break;
	}
}

static int probe_probe(struct xenbus_device *xdev,
		       const struct xenbus_device_id *id)
{
	struct probe *p;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->xdev = xdev;
	p->tx_ref = INVALID_GRANT_REF;
	p->rx_ref = INVALID_GRANT_REF;
	p->ctrl_ref = INVALID_GRANT_REF;
	INIT_WORK(&p->work, probe_work);
	dev_set_drvdata(&xdev->dev, p);
	return xenbus_switch_state(xdev, XenbusStateInitialising);
}

static void probe_remove(struct xenbus_device *xdev)
{
	struct probe *p = dev_get_drvdata(&xdev->dev);

	cancel_work_sync(&p->work);
	probe_rm_keys(p);
	xenbus_switch_state(xdev, XenbusStateClosing);
	xenbus_switch_state(xdev, XenbusStateClosed);
	probe_teardown(p);
	dev_set_drvdata(&xdev->dev, NULL);
	kfree(p);
}

static const struct xenbus_device_id probe_ids[] = {
	{ "vif" },
	{ "" }
};

static struct xenbus_driver probe_driver = {
	.ids			= probe_ids,
	.probe			= probe_probe,
	.remove			= probe_remove,
	.otherend_changed	= probe_backend_changed,
};

static int __init probe_init(void)
{
	if (!xen_domain())
		return -ENODEV;
	return xenbus_register_frontend(&probe_driver);
}
module_init(probe_init);

static void __exit probe_exit(void)
{
	xenbus_unregister_driver(&probe_driver);
}
module_exit(probe_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test-only Xen netif frontend: control ring and rogue requests");
