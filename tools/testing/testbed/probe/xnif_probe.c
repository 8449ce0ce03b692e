// SPDX-License-Identifier: GPL-2.0-only
/*
 * xnif-probe: a test-only Xen netif frontend for the test bed, loaded in
 * a guest instead of a netfront.  Neither Linux netfront uses the control
 * ring, so this module drives it: it connects one queue plus a control
 * ring, sends control requests with good and bad arguments and checks
 * each answer.  With rogue=<kind> it then puts one malformed request on
 * the TX ring, to see that the backend refuses it as it should.
 *
 * It is also the hostile frontend of the bed's backend checks
 * (scenarios/hostile.sh), each selected by a module parameter:
 *   storm=SECS      notify the TX, RX and control channels without end
 *   ctrl_flood=SECS keep a full ring of control requests pending
 *   order=N stg=KIND  rings of 2^N pages and staging data lists that are
 *                   good or abusive (distinct, same, overlap, badgref;
 *                   noref: the lengths without the list keys)
 *   cycles=N        Connected -> Closing -> Closed -> Initialising N times
 *   rx_notify=1     write feature-rx-notify (it still posts no RX buffer)
 *   gref_map=N      Xen's gref mapping requests: the size, an ADD of N
 *                   pages, tables a backend must refuse, a DEL (with
 *                   gref_hold=1: no DEL, the backend unmaps at disconnect;
 *                   with gref_io=1: a UDP datagram sent from mapped pages
 *                   and an ARP request awaited in mapped RX pages first)
 *
 * Results are in /sys/module/xnif_probe/parameters/ (ctrl_pass,
 * ctrl_fail, rogue_status, storm_sends, flood_reqs, stg_mapped,
 * cycles_done, leaked, gref_pass, gref_fail, gref_size, gref_busy,
 * gref_ready, gref_tx_status, gref_rx, gref_rx_ro, done) and in the
 * kernel log ("xnif-probe: ...").
 * It passes no traffic (but gref_io's two frames) and is not a network
 * driver.
 */
#include <linux/delay.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <linux/jiffies.h>
#include <linux/interrupt.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/wait.h>
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

static unsigned int skew;
module_param(skew, uint, 0444);
MODULE_PARM_DESC(skew, "start both rings with their indexes at this value, as a frontend kept Connected across a backend swap would");

static bool skew_over;
module_param(skew_over, bool, 0444);
MODULE_PARM_DESC(skew_over, "with skew: TX req_prod one more than a ring ahead of rsp_prod");

static bool use_ctrl = true;
module_param_named(ctrl, use_ctrl, bool, 0444);
MODULE_PARM_DESC(ctrl, "set up and test the control ring (default true)");

static bool rx_notify;
module_param(rx_notify, bool, 0444);
MODULE_PARM_DESC(rx_notify, "write feature-rx-notify=1 (no RX buffer is ever posted)");

static bool split;
module_param(split, bool, 0444);
MODULE_PARM_DESC(split, "use split TX/RX event channels when the backend offers them");

static unsigned int storm;
module_param(storm, uint, 0444);
MODULE_PARM_DESC(storm, "once connected, notify every event channel without end for this many seconds");

static unsigned int ctrl_flood;
module_param(ctrl_flood, uint, 0444);
MODULE_PARM_DESC(ctrl_flood, "once connected, keep the control ring full of requests for this many seconds");

static unsigned int order;
module_param(order, uint, 0444);
MODULE_PARM_DESC(order, "ring page order (0..4; above 0 writes ring-page-order)");

static char *stg = "";
module_param(stg, charp, 0444);
MODULE_PARM_DESC(stg, "staging data lists: good, distinct (one page per id), same (one grant, offset 0, for every id), overlap, badgref, noref (lengths only)");

static unsigned int stg_len = 64;
module_param(stg_len, uint, 0444);
MODULE_PARM_DESC(stg_len, "staging data length written as tx-data-len and rx-data-len");

static unsigned int cycles;
module_param(cycles, uint, 0444);

static unsigned int gref_map;
module_param(gref_map, uint, 0444);
MODULE_PARM_DESC(gref_map, "gref mapping control requests: GET_GREF_MAPPING_SIZE, ADD of this many pages, bad tables, DEL (0: none; at most 500)");

static bool gref_hold;
module_param(gref_hold, bool, 0444);
MODULE_PARM_DESC(gref_hold, "with gref_map: leave the pages mapped (no DEL), for the backend to unmap at disconnect");

/* gref_map results: requests answered as expected and not; the size the
 * backend answered (0: NOT_SUPPORTED, -1: not asked); pages still mapped
 * after the DEL (or after the backend went away, with gref_hold).
 */
static int gref_pass;
module_param(gref_pass, int, 0444);
static int gref_fail;
module_param(gref_fail, int, 0444);
static int gref_size = -1;
module_param(gref_size, int, 0444);
static int gref_busy = -1;
module_param(gref_busy, int, 0444);

static bool gref_io;
module_param(gref_io, bool, 0444);
MODULE_PARM_DESC(gref_io, "with gref_map >= 10: once the pages are mapped, send a UDP packet to 192.168.0.1 from two of them, post RX requests on others, set gref_ready and wait up to 60 s for an ARP request for 192.168.0.77 to land in one");

/* gref_io: 1 once the packet is sent and RX posted; TX response status
 * (99: none); 1 when the ARP request arrived intact in a mapped page,
 * -1 when it did not come.
 */
static int gref_ready;
module_param(gref_ready, int, 0444);
static int gref_tx_status = 99;
module_param(gref_tx_status, int, 0444);
static int gref_rx;
module_param(gref_rx, int, 0444);
/* bytes of the frame that came into page 0, mapped read-only: the
 * backend must grant-copy it (0: none came)
 */
static int gref_rx_ro;
module_param(gref_rx_ro, int, 0444);
MODULE_PARM_DESC(cycles, "once connected, go Closing/Closed/Initialising/Connected this many times");

static int ctrl_pass;
module_param(ctrl_pass, int, 0444);
static int ctrl_fail;
module_param(ctrl_fail, int, 0444);
/* status of the TX response to the rogue request; 99: none came */
static int rogue_status = 99;
module_param(rogue_status, int, 0444);
static int done;
module_param(done, int, 0444);
/* event channel sends made by the storm */
static unsigned long storm_sends;
module_param(storm_sends, ulong, 0444);
/* control requests made available to the backend by the flood */
static unsigned long flood_reqs;
module_param(flood_reqs, ulong, 0444);
/* status of a control request sent after the flood; 99: none answered */
static int flood_after = 99;
module_param(flood_after, int, 0444);
/* staging grants the backend held at the last stg_mapped write; -1: none */
static int stg_mapped = -1;
static int stg_granted;
module_param(stg_granted, int, 0444);
static int cycles_done;
module_param(cycles_done, int, 0444);
/* grants still mapped by the backend after it reached Closed (all cycles) */
static int leaked;
module_param(leaked, int, 0444);
/* the reconnect loop's first failure (a negative errno), 0 if none */
static int cycle_err;
module_param(cycle_err, int, 0444);

#define PROBE_MAX_ORDER		4
#define PROBE_MAX_PAGES		(1U << PROBE_MAX_ORDER)
#define PROBE_LIST_PAGES	(XNIF_DATA_MAX_IDS / XNIF_DATA_ENTRIES_PER_PAGE)

/* One direction's staging: the data list pages and the buffer pages. */
struct probe_stg {
	void			*list[PROBE_LIST_PAGES];
	grant_ref_t		list_ref[PROBE_LIST_PAGES];
	unsigned int		nr_list;
	unsigned long		*buf;		/* page addresses */
	grant_ref_t		*buf_ref;	/* INVALID_GRANT_REF: ended */
	unsigned int		nr_buf;
};

struct probe {
	struct xenbus_device	*xdev;
	struct probe_tx_front_ring tx;
	struct probe_rx_front_ring rx;
	struct probe_ctrl_front_ring ctrl;
	grant_ref_t		tx_ref[PROBE_MAX_PAGES], rx_ref[PROBE_MAX_PAGES];
	grant_ref_t		ctrl_ref;
	unsigned int		order;		/* of this connection's rings */
	evtchn_port_t		evtchn, rx_evtchn, ctrl_evtchn;
	int			irq, rx_irq, ctrl_irq;
	struct probe_stg	stg[2];		/* TX, RX */
	bool			staging;
	int			be_state;
	wait_queue_head_t	be_wq;
	bool			cycling;
	bool			stop;
	/* gref_map: pages offered for mapping, and the table page */
	unsigned long		*gref_page;
	grant_ref_t		*gref_ref;
	unsigned int		nr_gref;
	struct xnif_gref	*gref_tbl;
	grant_ref_t		gref_tbl_ref;
	void			*data;		/* granted read-only */
	grant_ref_t		data_ref;
	u16			next_id;
	bool			started;
	bool			worked;
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

/* ------------------------------------------------------------------ */
/* Gref mapping (ctrl types 8-10)                                      */

#define PROBE_GREF_MAX		500

static bool probe_end_page(grant_ref_t *ref, unsigned long addr);
static struct xnif_tx_request *probe_tx_slot(struct probe *p, u16 size,
					     u16 flags, u16 offset);

static void probe_gref_result(bool ok, const char *what)
{
	if (ok) {
		gref_pass++;
		pr_info("xnif-probe: gref ok %s\n", what);
	} else {
		gref_fail++;
		pr_err("xnif-probe: gref FAIL %s\n", what);
	}
}

/* Send a gref request on the table page; true if the status is @want. */
static bool probe_gref_req(struct probe *p, const char *what, u16 type,
			   u32 queue, u32 tbl, u32 nr, u32 want, u32 *data)
{
	u32 status = ~0U, d = ~0U;
	int err;

	err = probe_ctrl_req(p, type, queue, tbl, nr, &status, &d);
	if (data)
		*data = d;
	if (err || status != want) {
		pr_err("xnif-probe: gref %s: err %d status %u (want %u) data %u\n",
		       what, err, status, want, d);
		return false;
	}
	return true;
}

/* Entries [0, nr) of the table have status @want? */
static bool probe_gref_statuses(struct probe *p, unsigned int from,
				unsigned int nr, u16 want)
{
	unsigned int i;

	for (i = from; i < from + nr; i++)
		if (READ_ONCE(p->gref_tbl[i].status) != want) {
			pr_err("xnif-probe: gref entry %u status %u, want %u\n",
			       i, p->gref_tbl[i].status, want);
			return false;
		}
	return true;
}

static void probe_gref_fill(struct probe *p, unsigned int i, u32 ref,
			    u16 flags)
{
	p->gref_tbl[i].ref = ref;
	p->gref_tbl[i].flags = flags;
	p->gref_tbl[i].status = 0xeeee;	/* the backend must write it */
}

/* How many of the offered pages the backend maps now.  Ending a grant is
 * the only way to ask: a page found unmapped is ended and freed.
 */
static int probe_gref_busy(struct probe *p)
{
	unsigned int i;
	int busy = 0;

	for (i = 0; i < p->nr_gref; i++) {
		if (p->gref_ref[i] == INVALID_GRANT_REF)
			continue;
		if (gnttab_try_end_foreign_access(p->gref_ref[i])) {
			free_page(p->gref_page[i]);
			p->gref_ref[i] = INVALID_GRANT_REF;
		} else {
			busy++;
		}
	}
	return busy;
}

static int probe_gref_alloc(struct probe *p, unsigned int nr)
{
	domid_t be = p->xdev->otherend_id;
	unsigned int i;
	int ref;

	p->gref_page = kcalloc(nr, sizeof(*p->gref_page), GFP_KERNEL);
	p->gref_ref = kcalloc(nr, sizeof(*p->gref_ref), GFP_KERNEL);
	p->gref_tbl = (void *)get_zeroed_page(GFP_KERNEL);
	if (!p->gref_page || !p->gref_ref || !p->gref_tbl)
		return -ENOMEM;
	ref = gnttab_grant_foreign_access(be, virt_to_gfn(p->gref_tbl), 0);
	if (ref < 0)
		return ref;
	p->gref_tbl_ref = ref;
	for (i = 0; i < nr; i++) {
		p->gref_page[i] = get_zeroed_page(GFP_KERNEL);
		if (!p->gref_page[i])
			return -ENOMEM;
		ref = gnttab_grant_foreign_access(be, virt_to_gfn((void *)
						  p->gref_page[i]), 0);
		if (ref < 0) {
			free_page(p->gref_page[i]);
			return ref;
		}
		p->gref_ref[i] = ref;
		p->nr_gref++;
	}
	return 0;
}

/* At teardown: end every grant (deferred if the backend still maps it). */
static void probe_gref_free(struct probe *p)
{
	unsigned int i;

	for (i = 0; i < p->nr_gref; i++)
		probe_end_page(&p->gref_ref[i], p->gref_page[i]);
	if (p->gref_tbl) {
		if (p->gref_tbl_ref)
			probe_end_page(&p->gref_tbl_ref,
				       (unsigned long)p->gref_tbl);
		else
			free_page((unsigned long)p->gref_tbl);
	}
	kfree(p->gref_ref);
	kfree(p->gref_page);
	p->gref_ref = NULL;
	p->gref_page = NULL;
	p->gref_tbl = NULL;
	p->gref_tbl_ref = 0;
	p->nr_gref = 0;
}

/* Tables a backend must refuse, each with INVALID_PARAMETER; none of
 * them may leave a grant mapped.
 */
static void probe_gref_bad(struct probe *p, unsigned int n)
{
	const u16 ro = XNIF_CTRLF_GREF_READONLY;
	const u32 inval = XNIF_CTRL_STATUS_INVALID_PARAMETER;
	u32 tbl = p->gref_tbl_ref;
	bool ok;

	probe_gref_fill(p, 0, p->data_ref, ro);
	probe_gref_result(probe_gref_req(p, "get size, queue 1",
					 XNIF_CTRL_TYPE_GET_GREF_MAPPING_SIZE,
					 1, 0, 0, inval, NULL),
			  "size of a queue that does not exist refused");
	probe_gref_result(probe_gref_req(p, "add to queue 1",
					 XNIF_CTRL_TYPE_ADD_GREF_MAPPING, 1,
					 tbl, 1, inval, NULL),
			  "add to a queue that does not exist refused");
	probe_gref_result(probe_gref_req(p, "add 0 entries",
					 XNIF_CTRL_TYPE_ADD_GREF_MAPPING, 0,
					 tbl, 0, inval, NULL),
			  "add of 0 entries refused");
	probe_gref_result(probe_gref_req(p, "add 513 entries",
					 XNIF_CTRL_TYPE_ADD_GREF_MAPPING, 0,
					 tbl, XNIF_GREFS_PER_PAGE + 1, inval,
					 NULL),
			  "add of more entries than a page holds refused");
	probe_gref_result(probe_gref_req(p, "add, bad table gref",
					 XNIF_CTRL_TYPE_ADD_GREF_MAPPING, 0,
					 0xfffff0, 1, inval, NULL),
			  "add with a table grant that does not exist refused");

	/* the same grant twice: both entries refused */
	probe_gref_fill(p, 0, p->data_ref, ro);
	probe_gref_fill(p, 1, p->data_ref, ro);
	ok = probe_gref_req(p, "add a duplicate",
			    XNIF_CTRL_TYPE_ADD_GREF_MAPPING, 0, tbl, 2, inval,
			    NULL) &&
	     probe_gref_statuses(p, 0, 2, inval);
	probe_gref_result(ok, "add naming one grant twice refused, both entries");

	/* a grant already mapped (by the good ADD), and an unknown flag */
	probe_gref_fill(p, 0, p->gref_ref[0], 0);
	probe_gref_fill(p, 1, p->data_ref, 0x8000 | ro);
	ok = probe_gref_req(p, "add mapped + bad flag",
			    XNIF_CTRL_TYPE_ADD_GREF_MAPPING, 0, tbl, 2, inval,
			    NULL) &&
	     probe_gref_statuses(p, 0, 2, inval);
	probe_gref_result(ok, "add of a mapped grant and of an unknown flag refused");

	/* one good entry, one grant the hypervisor refuses: none added */
	probe_gref_fill(p, 0, p->data_ref, ro);
	probe_gref_fill(p, 1, 0x7fff0000, 0);
	ok = probe_gref_req(p, "add good + unmappable",
			    XNIF_CTRL_TYPE_ADD_GREF_MAPPING, 0, tbl, 2, inval,
			    NULL) &&
	     probe_gref_statuses(p, 0, 1, XNIF_CTRL_STATUS_SUCCESS) &&
	     probe_gref_statuses(p, 1, 1, inval);
	probe_gref_result(ok, "add with one unmappable grant: that entry refused, none added");

	/* ... so deleting the good one finds nothing */
	probe_gref_fill(p, 0, p->data_ref, 0);
	ok = probe_gref_req(p, "del of the rolled-back grant",
			    XNIF_CTRL_TYPE_DEL_GREF_MAPPING, 0, tbl, 1, inval,
			    NULL) &&
	     probe_gref_statuses(p, 0, 1, inval);
	probe_gref_result(ok, "nothing of a refused add stays mapped");
}

/* ADD the @n pages (the first read-only), check them mapped. */
static bool probe_gref_add(struct probe *p, unsigned int n)
{
	unsigned int i;
	bool ok;

	for (i = 0; i < n; i++)
		probe_gref_fill(p, i, p->gref_ref[i],
				i ? 0 : XNIF_CTRLF_GREF_READONLY);
	ok = probe_gref_req(p, "add", XNIF_CTRL_TYPE_ADD_GREF_MAPPING, 0,
			    p->gref_tbl_ref, n, XNIF_CTRL_STATUS_SUCCESS,
			    NULL) &&
	     probe_gref_statuses(p, 0, n, XNIF_CTRL_STATUS_SUCCESS);
	probe_gref_result(ok, "add of the pages, every entry mapped");
	return ok;
}

/* DEL the @n pages: each unmapped, the count right; then again: none. */
static void probe_gref_del(struct probe *p, unsigned int n)
{
	u32 done = ~0U;
	unsigned int i;
	bool ok;

	for (i = 0; i < n; i++)
		probe_gref_fill(p, i, p->gref_ref[i], 0);
	ok = probe_gref_req(p, "del", XNIF_CTRL_TYPE_DEL_GREF_MAPPING, 0,
			    p->gref_tbl_ref, n, XNIF_CTRL_STATUS_SUCCESS,
			    &done) &&
	     done == n && probe_gref_statuses(p, 0, n, XNIF_CTRL_STATUS_SUCCESS);
	probe_gref_result(ok, "del of the pages, every entry unmapped");

	for (i = 0; i < n; i++)
		probe_gref_fill(p, i, p->gref_ref[i], 0);
	ok = probe_gref_req(p, "del again", XNIF_CTRL_TYPE_DEL_GREF_MAPPING,
			    0, p->gref_tbl_ref, n,
			    XNIF_CTRL_STATUS_INVALID_PARAMETER, &done) &&
	     done == 0 &&
	     probe_gref_statuses(p, 0, n, XNIF_CTRL_STATUS_INVALID_PARAMETER);
	probe_gref_result(ok, "del of pages not mapped: every entry refused");
}

/* gref_io: the UDP datagram's layout.  1400 bytes: slot 0 takes 700 at
 * offset 100 of page 0 (mapped read-only), slot 1 the rest from page 1.
 */
#define PROBE_IO_SIZE		1400
#define PROBE_IO_SLOT0		700
#define PROBE_IO_OFF0		100
#define PROBE_IO_RX_FIRST	2	/* pages 2.. get RX requests */
#define PROBE_IO_RX_PAGES	8

/* The frame: broadcast, to 192.168.0.1:9 from 192.168.0.250, no UDP
 * checksum offload (dom0 checks it: bad bytes would be InCsumErrors).
 */
static void probe_io_frame(u8 *f)
{
	struct ethhdr *eth = (struct ethhdr *)f;
	struct iphdr *ip = (struct iphdr *)(f + ETH_HLEN);
	struct udphdr *udp = (struct udphdr *)(ip + 1);
	unsigned int ulen = PROBE_IO_SIZE - ETH_HLEN - sizeof(*ip);
	u8 *data = (u8 *)(udp + 1);
	unsigned int i;

	memset(eth->h_dest, 0xff, ETH_ALEN);
	memcpy(eth->h_source, "\x00\x16\x3e\x77\x77\x77", ETH_ALEN);
	eth->h_proto = htons(ETH_P_IP);
	memset(ip, 0, sizeof(*ip));
	ip->version = 4;
	ip->ihl = 5;
	ip->tot_len = htons(PROBE_IO_SIZE - ETH_HLEN);
	ip->ttl = 64;
	ip->protocol = IPPROTO_UDP;
	ip->saddr = htonl(0xc0a800fa);
	ip->daddr = htonl(0xc0a80001);
	ip->check = ip_fast_csum(ip, ip->ihl);
	udp->source = htons(40000);
	udp->dest = htons(9);
	udp->len = htons(ulen);
	udp->check = 0;
	for (i = 0; i < ulen - sizeof(*udp); i++)
		data[i] = (u8)(i * 7 + 3);
	udp->check = csum_tcpudp_magic(ip->saddr, ip->daddr, ulen, IPPROTO_UDP,
				       csum_partial(udp, ulen, 0));
	if (!udp->check)
		udp->check = CSUM_MANGLED_0;
}

/* Send the datagram from pages 0 and 1; wait for its TX response. */
static void probe_io_tx(struct probe *p)
{
	u8 *frame = kmalloc(PROBE_IO_SIZE, GFP_KERNEL);
	struct xnif_tx_request *req;
	int n;

	if (!frame)
		return;
	probe_io_frame(frame);
	memcpy((u8 *)p->gref_page[0] + PROBE_IO_OFF0, frame, PROBE_IO_SLOT0);
	memcpy((u8 *)p->gref_page[1], frame + PROBE_IO_SLOT0,
	       PROBE_IO_SIZE - PROBE_IO_SLOT0);
	kfree(frame);

	req = probe_tx_slot(p, PROBE_IO_SIZE, XNIF_TXF_MORE_DATA,
			    PROBE_IO_OFF0);
	req->gref = p->gref_ref[0];
	req = probe_tx_slot(p, PROBE_IO_SIZE - PROBE_IO_SLOT0, 0, 0);
	req->gref = p->gref_ref[1];
	RING_PUSH_REQUESTS(&p->tx);
	notify_remote_via_irq(p->irq);
	for (n = 0; n < 300; n++) {
		if (READ_ONCE(p->tx.sring->rsp_prod) - p->tx.rsp_cons >= 2)
			break;
		msleep(10);
	}
	if (n == 300) {
		pr_err("xnif-probe: gref io: no TX response\n");
		return;
	}
	virt_rmb();	/* responses after rsp_prod */
	gref_tx_status = RING_GET_RESPONSE(&p->tx, p->tx.rsp_cons)->status;
	p->tx.rsp_cons += 2;
	pr_info("xnif-probe: gref io: UDP datagram sent from mapped pages, TX status %d\n",
		gref_tx_status);
}

/* Post an RX request for mapped page @i (id @i). */
static void probe_io_rx_post(struct probe *p, unsigned int i)
{
	struct xnif_rx_request *req;

	req = RING_GET_REQUEST(&p->rx, p->rx.req_prod_pvt);
	req->id = i;
	req->gref = p->gref_ref[i];
	p->rx.req_prod_pvt++;
}

/* Is the frame in page @i, @len bytes, the ARP request for .77? */
static bool probe_io_is_arp(struct probe *p, unsigned int i, int len)
{
	static const u8 target[4] = { 192, 168, 0, 77 };
	const u8 *f = (const u8 *)p->gref_page[i];

	return len >= 42 && !memcmp(f, "\xff\xff\xff\xff\xff\xff", 6) &&
	       f[12] == 0x08 && f[13] == 0x06 && !memcmp(f + 38, target, 4);
}

/* The frame that came into page 0 (read-only map): @len bytes there? */
static void probe_io_rx_ro(struct probe *p, int len)
{
	const u8 *f = (const u8 *)p->gref_page[0];

	gref_rx_ro = len > ETH_HLEN && memchr_inv(f + ETH_ALEN, 0, ETH_ALEN) ?
		     len : -1;
	pr_info("xnif-probe: gref io: %d bytes into the read-only mapped page (%d)\n",
		len, gref_rx_ro);
}

/* Wait up to 60 s for the ARP request, reposting every page used but
 * page 0: the first frame goes there, which the backend maps read-only.
 */
static void probe_io_rx(struct probe *p)
{
	unsigned int i, n;

	memset((void *)p->gref_page[0], 0, XEN_PAGE_SIZE);
	probe_io_rx_post(p, 0);
	for (i = PROBE_IO_RX_FIRST; i < PROBE_IO_RX_FIRST + PROBE_IO_RX_PAGES;
	     i++)
		probe_io_rx_post(p, i);
	RING_PUSH_REQUESTS(&p->rx);
	notify_remote_via_irq(p->rx_irq > 0 ? p->rx_irq : p->irq);
	gref_ready = 1;
	for (n = 0; n < 6000 && gref_rx != 1; n++) {
		while (READ_ONCE(p->rx.sring->rsp_prod) != p->rx.rsp_cons) {
			struct xnif_rx_response r;

			virt_rmb();	/* the response after rsp_prod */
			r = *RING_GET_RESPONSE(&p->rx, p->rx.rsp_cons);
			p->rx.rsp_cons++;
			if (r.id == 0 && !gref_rx_ro) {
				probe_io_rx_ro(p, r.status);
				continue;
			}
			if (r.id < PROBE_IO_RX_FIRST ||
			    r.id >= PROBE_IO_RX_FIRST + PROBE_IO_RX_PAGES)
				continue;	/* an extra, not a frame */
			if (probe_io_is_arp(p, r.id, r.status)) {
				pr_info("xnif-probe: gref io: ARP request for 192.168.0.77 in mapped page %u (%d bytes)\n",
					r.id, r.status);
				gref_rx = 1;
			}
			memset((void *)p->gref_page[r.id], 0, XEN_PAGE_SIZE);
			probe_io_rx_post(p, r.id);
			RING_PUSH_REQUESTS(&p->rx);
			notify_remote_via_irq(p->rx_irq > 0 ? p->rx_irq :
							      p->irq);
		}
		msleep(10);
	}
	if (gref_rx != 1) {
		gref_rx = -1;
		pr_err("xnif-probe: gref io: no ARP request for 192.168.0.77 arrived\n");
	}
}

static void probe_gref_io(struct probe *p, unsigned int n)
{
	if (n < PROBE_IO_RX_FIRST + PROBE_IO_RX_PAGES) {
		probe_gref_result(false, "gref_io needs gref_map >= 10");
		return;
	}
	probe_io_tx(p);
	probe_gref_result(gref_tx_status == XNIF_RSP_OKAY,
			  "UDP datagram from mapped pages sent");
	probe_io_rx(p);
	probe_gref_result(gref_rx == 1,
			  "ARP request received intact in a mapped page");
}

static void probe_gref_tests(struct probe *p)
{
	unsigned int n = min_t(unsigned int, gref_map, PROBE_GREF_MAX);
	u32 status = ~0U, size = 0;
	int err;

	err = probe_ctrl_req(p, XNIF_CTRL_TYPE_GET_GREF_MAPPING_SIZE, 0, 0, 0,
			     &status, &size);
	if (!err && status == XNIF_CTRL_STATUS_NOT_SUPPORTED) {
		/* no gref mapping: the frontend grant-copies as before */
		gref_size = 0;
		probe_gref_result(true, "get size: not supported, no mapping");
		goto out;
	}
	if (err || status != XNIF_CTRL_STATUS_SUCCESS || size < n) {
		pr_err("xnif-probe: gref get size: err %d status %u size %u (want >= %u)\n",
		       err, status, size, n);
		probe_gref_result(false, "get size");
		goto out;
	}
	gref_size = size;
	probe_gref_result(true, "get size");
	if (probe_gref_alloc(p, n)) {
		probe_gref_result(false, "allocating and granting the pages");
		goto out;
	}
	if (!probe_gref_add(p, n))
		goto out;
	if (gref_io)
		probe_gref_io(p, n);
	probe_gref_bad(p, n);
	if (gref_hold) {
		pr_info("xnif-probe: gref: %u pages left mapped\n", n);
		goto out;
	}
	probe_gref_del(p, n);
	gref_busy = probe_gref_busy(p);
	probe_gref_result(!gref_busy, "every page ends (no grant left mapped)");
out:
	pr_info("xnif-probe: gref results: %d passed, %d failed, size %d\n",
		gref_pass, gref_fail, gref_size);
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

/* Notify every event channel of the vif, without end, for @storm s. */
static void probe_storm(struct probe *p)
{
	unsigned long end = jiffies + storm * HZ;

	pr_info("xnif-probe: event storm for %u s: ports %u%s, ctrl %u\n",
		storm, p->evtchn, p->rx_irq > 0 ? " and rx" : "",
		p->ctrl_evtchn);
	while (time_before(jiffies, end) && !READ_ONCE(p->stop)) {
		notify_remote_via_evtchn(p->evtchn);
		if (p->rx_irq > 0)
			notify_remote_via_evtchn(p->rx_evtchn);
		if (p->ctrl_irq > 0)
			notify_remote_via_evtchn(p->ctrl_evtchn);
		storm_sends++;
		cond_resched();
	}
	pr_info("xnif-probe: event storm over: %lu rounds\n", storm_sends);
}

/*
 * Keep a whole ring of control requests pending for @ctrl_flood s: each
 * time the backend answers some, the producer moves on by as many, so a
 * backend that serves "until the ring is empty" never gets there.
 */
static void probe_ctrl_flood(struct probe *p)
{
	struct probe_ctrl_sring *s = p->ctrl.sring;
	unsigned int size = RING_SIZE(&p->ctrl), i, n;
	unsigned long end = jiffies + ctrl_flood * HZ;
	RING_IDX prod = p->ctrl.req_prod_pvt, next;
	struct xnif_ctrl_request *req;
	u32 status, data;
	int err;

	/* an answer keeps id and type in place: the slots stay requests */
	for (i = 0; i < size; i++) {
		req = RING_GET_REQUEST(&p->ctrl, i);
		req->id = 0xffff;
		req->type = XNIF_CTRL_TYPE_GET_HASH_FLAGS;
	}
	pr_info("xnif-probe: control ring flood for %u s\n", ctrl_flood);
	while (time_before(jiffies, end) && !READ_ONCE(p->stop)) {
		next = READ_ONCE(s->rsp_prod) + size;
		if (next != prod) {
			flood_reqs += next - prod;
			prod = next;
			virt_wmb();
			WRITE_ONCE(s->req_prod, prod);
			notify_remote_via_irq(p->ctrl_irq);
		}
		cond_resched();
	}
	/* let the backend drain what is left, then see that it still answers */
	for (n = 0; n < 500 && READ_ONCE(s->rsp_prod) != prod; n++)
		msleep(10);
	pr_info("xnif-probe: flood over: %lu requests, %u unanswered\n",
		flood_reqs, prod - READ_ONCE(s->rsp_prod));
	p->ctrl.req_prod_pvt = prod;
	p->ctrl.rsp_cons = READ_ONCE(s->rsp_prod);
	err = probe_ctrl_req(p, XNIF_CTRL_TYPE_GET_HASH_FLAGS, 0, 0, 0,
			     &status, &data);
	flood_after = err ? err : status;
	pr_info("xnif-probe: control request after the flood: %d\n",
		flood_after);
}

static int probe_connect(struct probe *p);
static int probe_teardown(struct probe *p);

/* Wait until the backend's state is within [@lo, @hi]. */
static int probe_wait_be(struct probe *p, int lo, int hi, unsigned int secs)
{
	int st;

	wait_event_timeout(p->be_wq,
			   (READ_ONCE(p->be_state) >= lo &&
			    READ_ONCE(p->be_state) <= hi) ||
			   READ_ONCE(p->stop), secs * HZ);
	st = READ_ONCE(p->be_state);
	if (st >= lo && st <= hi)
		return 0;
	pr_err("xnif-probe: backend in state %d, waited for %d..%d\n", st,
	       lo, hi);
	return READ_ONCE(p->stop) ? -EINTR : -ETIMEDOUT;
}

static DEFINE_MUTEX(probe_mutex);	/* probe_dev, teardown vs stg_mapped */
static struct probe *probe_dev;

/* From Connected through Closing and Closed back to Connected. */
static int probe_reconnect(struct probe *p)
{
	struct xenbus_device *xdev = p->xdev;
	int err, busy;

	xenbus_switch_state(xdev, XenbusStateClosing);
	err = probe_wait_be(p, XenbusStateClosing, XenbusStateClosed, 30);
	if (err)
		return err;
	xenbus_switch_state(xdev, XenbusStateClosed);
	err = probe_wait_be(p, XenbusStateClosed, XenbusStateClosed, 30);
	if (err)
		return err;
	mutex_lock(&probe_mutex);
	busy = probe_teardown(p);
	mutex_unlock(&probe_mutex);
	if (busy) {
		leaked += busy;
		pr_err("xnif-probe: %d grants still mapped with the backend Closed\n",
		       busy);
	}
	xenbus_switch_state(xdev, XenbusStateInitialising);
	err = probe_wait_be(p, XenbusStateInitWait, XenbusStateInitWait, 30);
	if (err)
		return err;
	err = probe_connect(p);
	if (err)
		return err;
	return probe_wait_be(p, XenbusStateConnected, XenbusStateConnected,
			     60);
}

static void probe_cycles(struct probe *p)
{
	unsigned int i;
	int err;

	WRITE_ONCE(p->cycling, true);
	for (i = 0; i < cycles && !READ_ONCE(p->stop); i++) {
		err = probe_reconnect(p);
		if (err) {
			cycle_err = err;
			pr_err("xnif-probe: reconnect cycle %u failed: %d\n",
			       i + 1, err);
			break;
		}
		cycles_done++;
	}
	pr_info("xnif-probe: %d reconnect cycles, %d grants still mapped after Closed\n",
		cycles_done, leaked);
}

static void probe_work(struct work_struct *work)
{
	struct probe *p = container_of(work, struct probe, work);

	if (use_ctrl)
		probe_ctrl_tests(p);
	if (use_ctrl && gref_map)
		probe_gref_tests(p);
	if (*rogue)
		probe_rogue(p);
	if (storm)
		probe_storm(p);
	if (ctrl_flood && use_ctrl)
		probe_ctrl_flood(p);
	if (cycles)
		probe_cycles(p);
	done = 1;
}

/* ------------------------------------------------------------------ */
/* Staging data lists, good and abusive                               */

enum { PROBE_STG_NONE, PROBE_STG_GOOD, PROBE_STG_DISTINCT, PROBE_STG_SAME,
       PROBE_STG_OVERLAP, PROBE_STG_BADGREF, PROBE_STG_NOREF };

static int probe_stg_kind(void)
{
	static const char * const names[] = {
		[PROBE_STG_GOOD] = "good", [PROBE_STG_DISTINCT] = "distinct",
		[PROBE_STG_SAME] = "same", [PROBE_STG_OVERLAP] = "overlap",
		[PROBE_STG_BADGREF] = "badgref", [PROBE_STG_NOREF] = "noref",
	};
	int i;

	if (!*stg)
		return PROBE_STG_NONE;
	for (i = PROBE_STG_GOOD; i < ARRAY_SIZE(names); i++)
		if (!strcmp(stg, names[i]))
			return i;
	return -EINVAL;
}

/* End a grant and free its page; false if the backend still maps it. */
static bool probe_end_page(grant_ref_t *ref, unsigned long addr)
{
	if (*ref == INVALID_GRANT_REF)
		return true;
	if (gnttab_try_end_foreign_access(*ref)) {
		free_page(addr);
		*ref = INVALID_GRANT_REF;
		return true;
	}
	/* the grant code frees the page once the backend lets go */
	gnttab_end_foreign_access(*ref, virt_to_page((void *)addr));
	*ref = INVALID_GRANT_REF;
	return false;
}

/* Free one direction; returns how many of its grants were still mapped. */
static int probe_stg_free(struct probe_stg *st)
{
	unsigned int i;
	int busy = 0;

	for (i = 0; i < st->nr_buf; i++)
		busy += !probe_end_page(&st->buf_ref[i], st->buf[i]);
	for (i = 0; i < st->nr_list; i++)
		busy += !probe_end_page(&st->list_ref[i],
					(unsigned long)st->list[i]);
	kvfree(st->buf);
	kvfree(st->buf_ref);
	memset(st, 0, sizeof(*st));
	return busy;
}

/*
 * How many buffer grants of @st the backend maps now.  Ending a grant is
 * the only way a guest can ask, so every grant found unmapped is ended
 * (and stays ended): call it once the backend has settled.
 */
static int probe_stg_count(struct probe_stg *st)
{
	unsigned int i;
	int busy = 0;

	for (i = 0; i < st->nr_buf; i++) {
		if (st->buf_ref[i] == INVALID_GRANT_REF)
			continue;
		if (gnttab_try_end_foreign_access(st->buf_ref[i])) {
			free_page(st->buf[i]);
			st->buf_ref[i] = INVALID_GRANT_REF;
		} else {
			busy++;
		}
	}
	return busy;
}

static int probe_stg_alloc(struct probe *p, struct probe_stg *st,
			   unsigned int nr_buf, unsigned int nr_list, bool ro)
{
	domid_t be = p->xdev->otherend_id;
	unsigned int i;
	int ref;

	st->buf = kvcalloc(nr_buf ?: 1, sizeof(*st->buf), GFP_KERNEL);
	st->buf_ref = kvcalloc(nr_buf ?: 1, sizeof(*st->buf_ref), GFP_KERNEL);
	if (!st->buf || !st->buf_ref)
		return -ENOMEM;
	for (i = 0; i < nr_buf; i++) {
		st->buf[i] = get_zeroed_page(GFP_KERNEL);
		if (!st->buf[i])
			return -ENOMEM;
		ref = gnttab_grant_foreign_access(be,
				virt_to_gfn((void *)st->buf[i]), ro);
		if (ref < 0) {
			free_page(st->buf[i]);
			return ref;
		}
		st->buf_ref[i] = ref;
		st->nr_buf++;
		stg_granted++;
	}
	for (i = 0; i < nr_list; i++) {
		st->list[i] = (void *)get_zeroed_page(GFP_KERNEL);
		if (!st->list[i])
			return -ENOMEM;
		ref = gnttab_grant_foreign_access(be, virt_to_gfn(st->list[i]),
						  1);
		if (ref < 0) {
			free_page((unsigned long)st->list[i]);
			return ref;
		}
		st->list_ref[i] = ref;
		st->nr_list++;
	}
	return 0;
}

/* Build one direction's list for @ids request ids, as stg= asks. */
static int probe_stg_build(struct probe *p, struct probe_stg *st,
			   unsigned int ids, bool rx)
{
	unsigned int stride = ALIGN(stg_len, 64), per, nr_buf, i;
	int kind = probe_stg_kind(), err;
	struct xnif_data_entry *e;

	stride = min_t(unsigned int, stride, XEN_PAGE_SIZE);
	per = XEN_PAGE_SIZE / stride;
	switch (kind) {
	case PROBE_STG_DISTINCT:
		nr_buf = ids;
		break;
	case PROBE_STG_SAME:
		nr_buf = 1;
		break;
	case PROBE_STG_BADGREF:
		nr_buf = 0;
		break;
	default:
		nr_buf = DIV_ROUND_UP(ids, per);
		break;
	}
	err = probe_stg_alloc(p, st, nr_buf,
			      DIV_ROUND_UP(ids, XNIF_DATA_ENTRIES_PER_PAGE), !rx);
	if (err)
		return err;
	for (i = 0; i < ids; i++) {
		e = (struct xnif_data_entry *)st->list[i / XNIF_DATA_ENTRIES_PER_PAGE] +
		    i % XNIF_DATA_ENTRIES_PER_PAGE;
		e->flags = 0;
		switch (kind) {
		case PROBE_STG_DISTINCT:
			e->gref = st->buf_ref[i];
			e->offset = 0;
			break;
		case PROBE_STG_SAME:
			e->gref = st->buf_ref[0];
			e->offset = 0;
			break;
		case PROBE_STG_BADGREF:	/* far beyond any grant table */
			e->gref = 0x7fff0000 + i;
			e->offset = 0;
			break;
		default:
			e->gref = st->buf_ref[i / per];
			e->offset = (i % per) * stride;
			break;
		}
	}
	if (kind == PROBE_STG_OVERLAP && ids > 1) {	/* id 1 halfway into id 0 */
		e = st->list[0];
		e[1].gref = e[0].gref;
		e[1].offset = e[0].offset + stg_len / 2;
	}
	return 0;
}

static int probe_stg_setup(struct probe *p)
{
	int err;

	if (probe_stg_kind() <= PROBE_STG_NONE)
		return 0;
	p->staging = true;
	err = probe_stg_build(p, &p->stg[0], RING_SIZE(&p->tx), false);
	if (!err)
		err = probe_stg_build(p, &p->stg[1], RING_SIZE(&p->rx), true);
	return err;
}

/* Writing anything counts the staging grants the backend maps now. */
static int probe_stg_mapped_set(const char *val, const struct kernel_param *kp)
{
	int n = -ENODEV;

	mutex_lock(&probe_mutex);
	if (probe_dev && probe_dev->staging)
		n = probe_stg_count(&probe_dev->stg[0]) +
		    probe_stg_count(&probe_dev->stg[1]);
	stg_mapped = n;
	mutex_unlock(&probe_mutex);
	pr_info("xnif-probe: %d staging grants mapped by the backend\n", n);
	return 0;
}

static const struct kernel_param_ops probe_stg_mapped_ops = {
	.set = probe_stg_mapped_set,
	.get = param_get_int,
};
module_param_cb(stg_mapped, &probe_stg_mapped_ops, &stg_mapped, 0644);
MODULE_PARM_DESC(stg_mapped, "write: count the staging grants the backend maps now; read: that count (-1: never counted)");

/* ------------------------------------------------------------------ */
/* Rings, event channels, keys                                        */

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
	unsigned int pages = 1U << order;
	struct probe_ctrl_sring *cs;
	struct probe_tx_sring *txs;
	struct probe_rx_sring *rxs;
	int err;

	p->order = order;
	err = xenbus_setup_ring(p->xdev, GFP_KERNEL, (void **)&txs, pages,
				p->tx_ref);
	if (err)
		return err;
	XEN_FRONT_RING_INIT(&p->tx, txs, XEN_PAGE_SIZE << order);
	err = xenbus_setup_ring(p->xdev, GFP_KERNEL, (void **)&rxs, pages,
				p->rx_ref);
	if (err)
		return err;
	XEN_FRONT_RING_INIT(&p->rx, rxs, XEN_PAGE_SIZE << order);
	/* rings whose indexes have run on, as if used before (skew=) */
	txs->rsp_prod = skew;
	txs->req_prod = skew + (skew_over ? RING_SIZE(&p->tx) + 1 : 0);
	p->tx.rsp_cons = skew;
	p->tx.req_prod_pvt = txs->req_prod;
	rxs->rsp_prod = skew;
	rxs->req_prod = skew;
	p->rx.rsp_cons = skew;
	p->rx.req_prod_pvt = skew;
	err = probe_evtchn(p, &p->evtchn, &p->irq, "xnif-probe");
	if (err)
		return err;
	if (split && xenbus_read_unsigned(p->xdev->otherend,
					  "feature-split-event-channels", 0)) {
		err = probe_evtchn(p, &p->rx_evtchn, &p->rx_irq,
				   "xnif-probe-rx");
		if (err)
			return err;
	}
	if (use_ctrl) {
		err = xenbus_setup_ring(p->xdev, GFP_KERNEL, (void **)&cs, 1,
					&p->ctrl_ref);
		if (err)
			return err;
		XEN_FRONT_RING_INIT(&p->ctrl, cs, XEN_PAGE_SIZE);
		err = probe_evtchn(p, &p->ctrl_evtchn, &p->ctrl_irq,
				   "xnif-probe-ctrl");
		if (err)
			return err;
	}
	err = probe_stg_setup(p);
	if (err)
		return err;

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

static int probe_write_refs(struct probe *p, struct xenbus_transaction xbt,
			    const char *name, grant_ref_t *refs)
{
	const char *dir = p->xdev->nodename;
	unsigned int i;
	int err = 0;

	if (!p->order)
		return xenbus_printf(xbt, dir, name, "%u", refs[0]);
	for (i = 0; i < (1U << p->order) && !err; i++) {
		char key[24];

		snprintf(key, sizeof(key), "%s%u", name, i);
		err = xenbus_printf(xbt, dir, key, "%u", refs[i]);
	}
	return err;
}

static int probe_write_stg(struct probe *p, struct xenbus_transaction xbt)
{
	const char *dir = p->xdev->nodename;
	unsigned int d, i;
	char key[24];
	int err = 0;

	for (d = 0; d < 2 && !err; d++) {
		struct probe_stg *st = &p->stg[d];
		const char *nm = d ? "rx" : "tx";

		/* noref: a good list, but only its length is written */
		for (i = 0; i < st->nr_list && !err &&
		     probe_stg_kind() != PROBE_STG_NOREF; i++) {
			/* named like the ring refs: numbered above order 0 */
			if (!p->order)
				snprintf(key, sizeof(key), "%s-data-ref", nm);
			else
				snprintf(key, sizeof(key), "%s-data-ref%u", nm,
					 i);
			err = xenbus_printf(xbt, dir, key, "%u",
					    st->list_ref[i]);
		}
		snprintf(key, sizeof(key), "%s-data-len", nm);
		if (!err)
			err = xenbus_printf(xbt, dir, key, "%u", stg_len);
	}
	return err;
}

static int probe_write_keys(struct probe *p)
{
	struct xenbus_device *xdev = p->xdev;
	const char *dir = xdev->nodename;
	struct xenbus_transaction xbt;
	int err;

again:
	err = xenbus_transaction_start(&xbt);
	if (err)
		return err;
	if (p->order)
		err = xenbus_printf(xbt, dir, "ring-page-order", "%u",
				    p->order);
	if (!err)
		err = probe_write_refs(p, xbt, "tx-ring-ref", p->tx_ref);
	if (!err)
		err = probe_write_refs(p, xbt, "rx-ring-ref", p->rx_ref);
	if (!err && p->rx_irq > 0)
		err = xenbus_printf(xbt, dir, "event-channel-tx", "%u",
				    p->evtchn);
	if (!err && p->rx_irq > 0)
		err = xenbus_printf(xbt, dir, "event-channel-rx", "%u",
				    p->rx_evtchn);
	if (!err && p->rx_irq <= 0)
		err = xenbus_printf(xbt, dir, "event-channel", "%u",
				    p->evtchn);
	if (!err)
		err = xenbus_printf(xbt, dir, "request-rx-copy", "%u", 1);
	if (!err && rx_notify)
		err = xenbus_printf(xbt, dir, "feature-rx-notify", "%u", 1);
	if (!err && use_ctrl)
		err = xenbus_printf(xbt, dir, "ctrl-ring-ref", "%u",
				    p->ctrl_ref);
	if (!err && use_ctrl)
		err = xenbus_printf(xbt, dir, "event-channel-ctrl", "%u",
				    p->ctrl_evtchn);
	if (!err && p->staging)
		err = probe_write_stg(p, xbt);
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
 * leave our control ring, ring order or staging keys behind for the
 * backend to find.
 */
static void probe_rm_keys(struct probe *p)
{
	static const char * const keys[] = {
		"tx-ring-ref", "rx-ring-ref", "event-channel",
		"event-channel-tx", "event-channel-rx", "request-rx-copy",
		"feature-rx-notify", "ctrl-ring-ref", "event-channel-ctrl",
		"ring-page-order", "tx-data-ref", "rx-data-ref",
		"tx-data-len", "rx-data-len",
	};
	const char *dir = p->xdev->nodename;
	unsigned int i;
	char key[24];

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		xenbus_rm(XBT_NIL, dir, keys[i]);
	for (i = 0; i < PROBE_MAX_PAGES; i++) {
		snprintf(key, sizeof(key), "tx-ring-ref%u", i);
		xenbus_rm(XBT_NIL, dir, key);
		snprintf(key, sizeof(key), "rx-ring-ref%u", i);
		xenbus_rm(XBT_NIL, dir, key);
	}
	for (i = 0; i < PROBE_LIST_PAGES; i++) {
		snprintf(key, sizeof(key), "tx-data-ref%u", i);
		xenbus_rm(XBT_NIL, dir, key);
		snprintf(key, sizeof(key), "rx-data-ref%u", i);
		xenbus_rm(XBT_NIL, dir, key);
	}
}

/*
 * End a ring's grants and free it; returns how many grants the backend
 * still maps.  Pages it still maps are left to it (leaked, and counted).
 */
static int probe_ring_free(void **vaddr, unsigned int pages,
			   grant_ref_t *refs)
{
	unsigned int i;
	int busy = 0;

	for (i = 0; i < pages; i++) {
		if (refs[i] == INVALID_GRANT_REF)
			continue;
		if (!gnttab_try_end_foreign_access(refs[i])) {
			gnttab_end_foreign_access(refs[i], NULL);
			busy++;
		}
		refs[i] = INVALID_GRANT_REF;
	}
	if (busy)
		*vaddr = NULL;
	xenbus_teardown_ring(vaddr, pages, refs);
	return busy;
}

/* Undo probe_setup(); returns how many grants the backend still maps. */
static int probe_teardown(struct probe *p)
{
	unsigned int pages = 1U << p->order;
	int busy = 0;

	if (p->ctrl_irq > 0)
		unbind_from_irqhandler(p->ctrl_irq, p);
	if (p->rx_irq > 0)
		unbind_from_irqhandler(p->rx_irq, p);
	if (p->irq > 0)
		unbind_from_irqhandler(p->irq, p);
	p->ctrl_irq = 0;
	p->rx_irq = 0;
	p->irq = 0;
	busy += probe_ring_free((void **)&p->ctrl.sring, 1, &p->ctrl_ref);
	busy += probe_ring_free((void **)&p->rx.sring, pages, p->rx_ref);
	busy += probe_ring_free((void **)&p->tx.sring, pages, p->tx_ref);
	busy += probe_stg_free(&p->stg[0]);
	busy += probe_stg_free(&p->stg[1]);
	/* (a backend unmaps held grefs only once we are gone: not counted) */
	probe_gref_free(p);
	p->staging = false;
	if (p->data) {
		gnttab_end_foreign_access(p->data_ref, virt_to_page(p->data));
		p->data = NULL;
	}
	return busy;
}

/* Set everything up, write the keys and go Connected. */
static int probe_connect(struct probe *p)
{
	int err;

	mutex_lock(&probe_mutex);
	err = probe_setup(p);
	mutex_unlock(&probe_mutex);
	if (!err)
		err = probe_write_keys(p);
	if (err) {
		xenbus_dev_fatal(p->xdev, err, "xnif-probe setup");
		return err;
	}
	pr_info("xnif-probe: keys written (order %u, staging '%s', %d grants for it)\n",
		p->order, stg, stg_granted);
	return xenbus_switch_state(p->xdev, XenbusStateConnected);
}

static void probe_backend_changed(struct xenbus_device *xdev,
				  enum xenbus_state state)
{
	struct probe *p = dev_get_drvdata(&xdev->dev);

	WRITE_ONCE(p->be_state, state);
	wake_up(&p->be_wq);
	if (READ_ONCE(p->cycling))
		return;		/* probe_cycles() drives the states */

	switch (state) {
	case XenbusStateInitWait:
		if (xdev->state != XenbusStateInitialising || p->started)
			break;
		p->started = true;
		probe_connect(p);
		break;
	case XenbusStateConnected:
		pr_info("xnif-probe: backend connected\n");
		if (!p->worked) {
			p->worked = true;
			queue_work(system_long_wq, &p->work);
		}
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
	unsigned int i;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->xdev = xdev;
	for (i = 0; i < PROBE_MAX_PAGES; i++) {
		p->tx_ref[i] = INVALID_GRANT_REF;
		p->rx_ref[i] = INVALID_GRANT_REF;
	}
	p->ctrl_ref = INVALID_GRANT_REF;
	INIT_WORK(&p->work, probe_work);
	init_waitqueue_head(&p->be_wq);
	dev_set_drvdata(&xdev->dev, p);
	mutex_lock(&probe_mutex);
	if (!probe_dev)
		probe_dev = p;
	mutex_unlock(&probe_mutex);
	return xenbus_switch_state(xdev, XenbusStateInitialising);
}

static void probe_remove(struct xenbus_device *xdev)
{
	struct probe *p = dev_get_drvdata(&xdev->dev);
	int busy;

	WRITE_ONCE(p->stop, true);
	wake_up(&p->be_wq);
	cancel_work_sync(&p->work);
	probe_rm_keys(p);
	xenbus_switch_state(xdev, XenbusStateClosing);
	xenbus_switch_state(xdev, XenbusStateClosed);
	mutex_lock(&probe_mutex);
	if (probe_dev == p)
		probe_dev = NULL;
	busy = probe_teardown(p);
	mutex_unlock(&probe_mutex);
	if (busy)
		pr_info("xnif-probe: %d grants still mapped at remove (the backend may not have closed yet)\n",
			busy);
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
	if (order > PROBE_MAX_ORDER || probe_stg_kind() < 0 || !stg_len ||
	    stg_len > XEN_PAGE_SIZE) {
		pr_err("xnif-probe: bad order, stg or stg_len\n");
		return -EINVAL;
	}
	return xenbus_register_frontend(&probe_driver);
}
module_init(probe_init);

static void __exit probe_exit(void)
{
	xenbus_unregister_driver(&probe_driver);
}
module_exit(probe_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test-only Xen netif frontend: control ring, rogue requests, hostile peer");
