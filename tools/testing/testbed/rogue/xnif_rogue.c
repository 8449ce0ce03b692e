// SPDX-License-Identifier: GPL-2.0-only
/*
 * xnif_rogue: a hostile netback in dom0 user space, for the test bed.
 *
 * It plays the backend of one vif of a guest without any netback module:
 * it writes the vif's XenStore directories itself (the backend one under
 * /local/domain/0/rogue/, where no kernel backend looks), drives the
 * XenBus state machine, maps the frontend's rings and buffers through
 * gntdev and binds its event channel through evtchn.  It answers honestly
 * (TX requests completed with OKAY, gratuitous ARP frames delivered into
 * posted RX buffers) and then misbehaves in the one way CLASS names, so
 * that the bed can see what the frontend does with it.
 *
 * Lines on stdout start with "rogue: "; "rogue: connected", "rogue:
 * misbehaved: ..." and "rogue: done" mark the phases for the scenario
 * (scenarios/rogue.sh).  SIGTERM ends the run: Closing, unmap, Closed,
 * both directories removed.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <xenevtchn.h>
#include <xengnttab.h>
#include <xenstore.h>
#include <xentoollog.h>

/* Wire layout (include/xen-netif/netif.h), kept local: user space. */
#define PG		4096u
#define SRING_HDR	64u
#define TX_SLOT		12u
#define RX_SLOT		8u
#define MAX_PAGES	16u

#define TXF_MORE	(1u << 2)
#define TXF_EXTRA	(1u << 3)
#define RXF_VALID	(1u << 0)
#define RXF_MORE	(1u << 2)
#define RXF_EXTRA	(1u << 3)
#define EXTRA_MORE	1u
#define RSP_OKAY	0
#define RSP_NULL	1

#define ST_INITIALISING	1
#define ST_INITWAIT	2
#define ST_INITIALISED	3
#define ST_CONNECTED	4
#define ST_CLOSING	5
#define ST_CLOSED	6

struct sring {
	volatile uint32_t req_prod, req_event, rsp_prod, rsp_event;
	uint8_t pad[SRING_HDR - 16];
	uint8_t ring[];
};

struct tx_req {
	uint32_t gref;
	uint16_t offset, flags, id, size;
};

struct tx_rsp {
	uint16_t id;
	int16_t status;
};

struct rx_req {
	uint16_t id, pad;
	uint32_t gref;
};

struct rx_rsp {
	uint16_t id, offset, flags;
	int16_t status;
};

struct extra {
	uint8_t type, flags;
	uint16_t pad[3];
};

struct rogue {
	struct xs_handle *xs;
	xengnttab_handle *xgt;
	xenevtchn_handle *xce;
	unsigned int domid, devid;
	const char *cls, *go_file;
	char be[96], fe[96], qp[128];
	unsigned int secs, loops;
	/* the connection */
	bool up;
	unsigned int order, npages;
	struct sring *tx, *rx;
	unsigned int tx_size, rx_size;
	evtchn_port_t lport_tx, lport_rx;	/* ours; equal if shared */
	uint32_t tx_cons, tx_prod;		/* our req_cons, rsp_prod_pvt */
	uint32_t rx_cons, rx_prod;
	bool tx_extra_next;			/* next TX slot is extra info */
	unsigned long tx_done, rx_done, notifies;
	/* bind-race: what the last connection used, guessed again */
	uint32_t last_ref[2];
	uint32_t last_port[2];
	unsigned int nr_last_port;
};

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("rogue: ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	va_end(ap);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void nap_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* ------------------------------------------------------------------ */
/* XenStore                                                            */

static char *xs_get(struct rogue *r, const char *dir, const char *key)
{
	char path[256];
	unsigned int len;

	snprintf(path, sizeof(path), "%s/%s", dir, key);
	return xs_read(r->xs, XBT_NULL, path, &len);
}

static bool xs_get_uint(struct rogue *r, const char *dir, const char *key,
			unsigned long *val)
{
	char *s = xs_get(r, dir, key), *end;
	bool ok;

	if (!s)
		return false;
	errno = 0;
	*val = strtoul(s, &end, 10);
	ok = !errno && end != s && !*end;
	free(s);
	return ok;
}

static bool xs_put(struct rogue *r, xs_transaction_t t, const char *dir,
		   const char *key, const char *fmt, ...)
{
	char path[256], val[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	snprintf(path, sizeof(path), "%s/%s", dir, key);
	if (xs_write(r->xs, t, path, val, strlen(val)))
		return true;
	say("cannot write %s: %s", path, strerror(errno));
	return false;
}

static int fe_state(struct rogue *r)
{
	unsigned long s;

	return xs_get_uint(r, r->fe, "state", &s) ? (int)s : -1;
}

static void be_state(struct rogue *r, int s)
{
	xs_put(r, XBT_NULL, r->be, "state", "%d", s);
}

/* The keys a backend offers, and the bad values of the xs-* classes. */
static bool be_keys(struct rogue *r, xs_transaction_t t)
{
	const char *c = r->cls;
	bool ok = true;

	ok &= xs_put(r, t, r->be, "frontend", "%s", r->fe);
	ok &= xs_put(r, t, r->be, "frontend-id", "%u", r->domid);
	ok &= xs_put(r, t, r->be, "online", "1");
	ok &= xs_put(r, t, r->be, "handle", "%u", r->devid);
	ok &= xs_put(r, t, r->be, "mac", "00:16:3e:ff:%02x:%02x",
		     r->domid & 0xff, r->devid & 0xff);
	ok &= xs_put(r, t, r->be, "feature-rx-copy", "1");
	ok &= xs_put(r, t, r->be, "feature-rx-flip", "0");
	ok &= xs_put(r, t, r->be, "feature-sg", "1");
	if (!strcmp(c, "xs-queues"))
		ok &= xs_put(r, t, r->be, "multi-queue-max-queues", "4294967295");
	if (!strcmp(c, "xs-order"))
		ok &= xs_put(r, t, r->be, "max-ring-page-order", "4294967295");
	if (!strcmp(c, "xs-stg-huge") || !strcmp(c, "xs-stg-garbage")) {
		ok &= xs_put(r, t, r->be, "feature-staging-grants", "1");
		ok &= xs_put(r, t, r->be, "staging-max-data-len", "%s",
			     !strcmp(c, "xs-stg-huge") ? "4294967295" : "12x!");
	}
	ok &= xs_put(r, t, r->be, "state", "%d", ST_INITWAIT);
	return ok;
}

static const char *fe_mac(struct rogue *r)
{
	static char mac[32];

	if (!strcmp(r->cls, "xs-mac-bad"))
		return "00:16:3e:zz:01:0";
	if (!strcmp(r->cls, "xs-mac-mcast"))
		return "01:16:3e:00:01:01";
	snprintf(mac, sizeof(mac), "00:16:3e:%02x:%02x:01",
		 r->domid & 0xff, r->devid & 0xff);
	return mac;
}

/*
 * Both directories in one transaction: the backend's (dom0 owns it, the
 * guest may read it) with state InitWait and its offers, and the
 * frontend's (the guest owns it, dom0 may read it) pointing at it.
 */
static bool make_dirs(struct rogue *r)
{
	struct xs_permissions be_perm[2] = {
		{ .id = 0, .perms = XS_PERM_NONE },
		{ .id = r->domid, .perms = XS_PERM_READ },
	};
	struct xs_permissions fe_perm[2] = {
		{ .id = r->domid, .perms = XS_PERM_NONE },
		{ .id = 0, .perms = XS_PERM_READ },
	};
	xs_transaction_t t;
	bool ok;

	for (;;) {
		t = xs_transaction_start(r->xs);
		if (!t)
			return false;
		ok = xs_mkdir(r->xs, t, r->be) &&
		     xs_set_permissions(r->xs, t, r->be, be_perm, 2) &&
		     be_keys(r, t) &&
		     xs_mkdir(r->xs, t, r->fe) &&
		     xs_set_permissions(r->xs, t, r->fe, fe_perm, 2) &&
		     xs_put(r, t, r->fe, "backend", "%s", r->be) &&
		     xs_put(r, t, r->fe, "backend-id", "0") &&
		     xs_put(r, t, r->fe, "handle", "%u", r->devid) &&
		     xs_put(r, t, r->fe, "mac", "%s", fe_mac(r)) &&
		     xs_put(r, t, r->fe, "state", "%d", ST_INITIALISING);
		if (!ok) {
			xs_transaction_end(r->xs, t, true);
			return false;
		}
		if (xs_transaction_end(r->xs, t, false))
			return true;
		if (errno != EAGAIN)
			return false;
	}
}

static void remove_dirs(struct rogue *r)
{
	xs_rm(r->xs, XBT_NULL, r->fe);
	xs_rm(r->xs, XBT_NULL, r->be);
}

/* ------------------------------------------------------------------ */
/* Rings and event channels                                            */

static unsigned int ring_entries(unsigned int pages, unsigned int slot)
{
	unsigned int n = (pages * PG - SRING_HDR) / slot, p = 1;

	while (p * 2 <= n)
		p *= 2;
	return p;
}

static struct sring *map_ring(struct rogue *r, const char *pfx)
{
	uint32_t refs[MAX_PAGES];
	unsigned long v;
	char key[64];
	unsigned int i;
	void *p;

	for (i = 0; i < r->npages; i++) {
		if (r->order)
			snprintf(key, sizeof(key), "%s-ring-ref%u", pfx, i);
		else
			snprintf(key, sizeof(key), "%s-ring-ref", pfx);
		if (!xs_get_uint(r, r->qp, key, &v)) {
			say("no %s/%s", r->qp, key);
			return NULL;
		}
		refs[i] = v;
	}
	r->last_ref[pfx[0] == 'r'] = refs[0];
	p = xengnttab_map_domain_grant_refs(r->xgt, r->npages, r->domid,
					    refs, PROT_READ | PROT_WRITE);
	if (!p)
		say("cannot map the %s ring (ref %u): %s", pfx, refs[0],
		    strerror(errno));
	return p;
}

static bool bind_port(struct rogue *r, const char *key, evtchn_port_t *lp)
{
	unsigned long v;
	xenevtchn_port_or_error_t p;

	if (!xs_get_uint(r, r->qp, key, &v))
		return false;
	p = xenevtchn_bind_interdomain(r->xce, r->domid, v);
	if (p < 0) {
		say("cannot bind %s %lu: %s", key, v, strerror(errno));
		return false;
	}
	if (r->nr_last_port < 2)
		r->last_port[r->nr_last_port++] = v;
	*lp = p;
	return true;
}

static void notify(struct rogue *r)
{
	xenevtchn_notify(r->xce, r->lport_rx);
	if (r->lport_tx != r->lport_rx)
		xenevtchn_notify(r->xce, r->lport_tx);
	r->notifies++;
}

/* Unmap and unbind whatever the connection holds. */
static void disconnect(struct rogue *r)
{
	if (r->tx)
		xengnttab_unmap(r->xgt, r->tx, r->npages);
	if (r->rx)
		xengnttab_unmap(r->xgt, r->rx, r->npages);
	r->tx = r->rx = NULL;
	if (r->up) {
		xenevtchn_unbind(r->xce, r->lport_rx);
		if (r->lport_tx != r->lport_rx)
			xenevtchn_unbind(r->xce, r->lport_tx);
	}
	r->up = false;
}

/*
 * Read the frontend's keys for queue 0, map its rings.  With @race, put a
 * response producer on the RX ring and signal the moment the port is
 * bound, before this end says Connected.
 */
static bool connect_rings(struct rogue *r, bool race)
{
	unsigned long v;

	snprintf(r->qp, sizeof(r->qp), "%s", r->fe);
	r->nr_last_port = 0;
	if (xs_get_uint(r, r->fe, "multi-queue-num-queues", &v) && v > 1)
		snprintf(r->qp, sizeof(r->qp), "%s/queue-0", r->fe);
	r->order = xs_get_uint(r, r->fe, "ring-page-order", &v) ? v : 0;
	if (r->order > 4) {
		say("frontend chose ring-page-order %u", r->order);
		return false;
	}
	r->npages = 1u << r->order;
	r->tx_size = ring_entries(r->npages, TX_SLOT);
	r->rx_size = ring_entries(r->npages, RX_SLOT);
	r->tx = map_ring(r, "tx");
	r->rx = map_ring(r, "rx");
	if (!r->tx || !r->rx)
		goto fail;
	r->tx_cons = r->tx_prod = r->tx->rsp_prod;
	r->rx_cons = r->rx_prod = r->rx->rsp_prod;
	if (race) {
		r->rx->rsp_prod = r->rx_prod + 1;
		__sync_synchronize();
	}
	if (bind_port(r, "event-channel-tx", &r->lport_tx)) {
		if (!bind_port(r, "event-channel-rx", &r->lport_rx)) {
			xenevtchn_unbind(r->xce, r->lport_tx);
			goto fail;
		}
	} else if (bind_port(r, "event-channel", &r->lport_tx)) {
		r->lport_rx = r->lport_tx;
	} else {
		say("no event channel from the frontend");
		goto fail;
	}
	r->up = true;
	if (race)
		notify(r);
	return true;
fail:
	disconnect(r);
	return false;
}

static uint8_t *tx_slot(struct rogue *r, uint32_t i)
{
	return r->tx->ring + (i & (r->tx_size - 1)) * TX_SLOT;
}

static uint8_t *rx_slot(struct rogue *r, uint32_t i)
{
	return r->rx->ring + (i & (r->rx_size - 1)) * RX_SLOT;
}

static void tx_respond(struct rogue *r, uint16_t id, int16_t status)
{
	struct tx_rsp rsp = { .id = id, .status = status };

	memcpy(tx_slot(r, r->tx_prod++), &rsp, sizeof(rsp));
}

static void push(struct rogue *r)
{
	__sync_synchronize();
	r->tx->rsp_prod = r->tx_prod;
	r->rx->rsp_prod = r->rx_prod;
	__sync_synchronize();
	notify(r);
}

/* TX requests waiting for an answer (data slots and extras alike). */
static uint32_t tx_pending(struct rogue *r)
{
	return r->tx->req_prod - r->tx_cons;
}

/* Take one TX request slot; *is_extra says it holds extra info. */
static struct tx_req tx_take(struct rogue *r, bool *is_extra)
{
	struct tx_req req;
	struct extra ex;

	memcpy(&req, tx_slot(r, r->tx_cons), sizeof(req));
	*is_extra = r->tx_extra_next;
	if (*is_extra) {
		memcpy(&ex, &req, sizeof(ex));
		r->tx_extra_next = ex.flags & EXTRA_MORE;
	} else {
		r->tx_extra_next = req.flags & TXF_EXTRA;
	}
	r->tx_cons++;
	return req;
}

/* Answer every TX request honestly: OKAY, NULL for extra slots. */
static unsigned int tx_serve(struct rogue *r)
{
	unsigned int n = 0;
	struct tx_req req;
	bool ex;

	__sync_synchronize();
	while (tx_pending(r) && tx_pending(r) <= r->tx_size) {
		req = tx_take(r, &ex);
		tx_respond(r, ex ? 0 : req.id, ex ? RSP_NULL : RSP_OKAY);
		n++;
	}
	r->tx_done += n;
	r->tx->req_event = r->tx_cons + 1;
	return n;
}

static uint32_t rx_posted(struct rogue *r)
{
	__sync_synchronize();
	return r->rx->req_prod - r->rx_cons;
}

static struct rx_req rx_take(struct rogue *r)
{
	struct rx_req req;

	memcpy(&req, rx_slot(r, r->rx_cons++), sizeof(req));
	return req;
}

static void rx_respond(struct rogue *r, uint16_t id, uint16_t off,
		       uint16_t flags, int16_t status)
{
	struct rx_rsp rsp = {
		.id = id, .offset = off, .flags = flags, .status = status,
	};

	memcpy(rx_slot(r, r->rx_prod++), &rsp, sizeof(rsp));
}

/* A gratuitous ARP from 192.168.7.1, padded to 60 bytes. */
static unsigned int arp_frame(struct rogue *r, uint8_t *f)
{
	static const uint8_t hdr[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff,	/* broadcast */
		0x00, 0x16, 0x3e, 0xff, 0x00, 0x00,	/* from us */
		0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x02,
	};

	memset(f, 0, 60);
	memcpy(f, hdr, sizeof(hdr));
	f[11] = r->devid;
	memcpy(f + 22, f + 6, 6);		/* sender MAC */
	f[28] = 192; f[29] = 168; f[30] = 7; f[31] = 1;
	memset(f + 32, 0xff, 6);
	f[38] = 192; f[39] = 168; f[40] = 7; f[41] = 1;
	return 60;
}

/* Write a frame into a posted buffer and take its slot; false if none. */
static bool rx_fill(struct rogue *r, uint16_t *id, unsigned int *len)
{
	struct rx_req req;
	uint8_t *page;

	if (!rx_posted(r) || rx_posted(r) > r->rx_size)
		return false;
	req = rx_take(r);
	page = xengnttab_map_grant_ref(r->xgt, r->domid, req.gref,
				       PROT_READ | PROT_WRITE);
	if (!page) {
		say("cannot map RX gref %u: %s", req.gref, strerror(errno));
		return false;
	}
	*len = arp_frame(r, page);
	xengnttab_unmap(r->xgt, page, 1);
	*id = req.id;
	return true;
}

/* One honest RX packet; false if the frontend posted no buffer. */
static bool rx_deliver(struct rogue *r)
{
	unsigned int len;
	uint16_t id;

	if (!rx_fill(r, &id, &len))
		return false;
	rx_respond(r, id, 0, RXF_VALID, len);
	r->rx_done++;
	push(r);
	return true;
}

/* Drain our event channel; the rings are polled anyway. */
static void wait_events(struct rogue *r, int ms)
{
	struct pollfd pfd = { .fd = xenevtchn_fd(r->xce), .events = POLLIN };
	xenevtchn_port_or_error_t p;

	if (poll(&pfd, 1, ms) > 0) {
		p = xenevtchn_pending(r->xce);
		if (p >= 0)
			xenevtchn_unmask(r->xce, p);
	}
}

/* Serve honestly for @secs seconds (or until SIGTERM when 0). */
static void serve(struct rogue *r, double secs)
{
	double end = now() + secs;

	while (!stop && (!secs || now() < end)) {
		if (r->up && tx_serve(r))
			push(r);
		wait_events(r, 10);
	}
}

/* ------------------------------------------------------------------ */
/* Phases                                                              */

/*
 * Wait until the frontend reaches state @a or @b: that state, or -1 on
 * timeout (or at once when @give_up and it is closing instead).
 */
static int wait_fe_or(struct rogue *r, int a, int b, double secs, bool give_up)
{
	double end = now() + secs;
	int s;

	while (!stop && now() < end) {
		s = fe_state(r);
		if (s == a || s == b)
			return s;
		if (give_up && (s == ST_CLOSING || s == ST_CLOSED))
			return -1;
		nap_ms(5);
	}
	return -1;
}

static int wait_fe(struct rogue *r, int a, int b, double secs)
{
	return wait_fe_or(r, a, b, secs, false);
}

/* Handshake: frontend Initialised/Connected, rings mapped, Connected. */
static bool handshake(struct rogue *r, bool race, double secs)
{
	int s = wait_fe_or(r, ST_INITIALISED, ST_CONNECTED, secs, true);

	if (s < 0) {
		char *err;
		char path[128];

		snprintf(path, sizeof(path), "/local/domain/%u/error/device/vif/%u",
			 r->domid, r->devid);
		err = xs_get(r, path, "error");
		say("frontend did not connect: state %d, error \"%s\"",
		    fe_state(r), err ? err : "");
		free(err);
		return false;
	}
	if (!connect_rings(r, race))
		return false;
	be_state(r, ST_CONNECTED);
	return true;
}

/* Closing, let go of everything, Closed (the frontend may not follow). */
static void hangup(struct rogue *r)
{
	be_state(r, ST_CLOSING);
	disconnect(r);
	wait_fe(r, ST_CLOSED, ST_CLOSED, 10);
	be_state(r, ST_CLOSED);
}

static bool go_given(struct rogue *r)
{
	return !r->go_file || !access(r->go_file, F_OK);
}

/*
 * Serve honestly until the scenario says go (the go file exists); the TX
 * classes leave the guest's requests unanswered, to answer them wrongly.
 */
static void wait_go(struct rogue *r)
{
	bool tx_class = !strncmp(r->cls, "tx-", 3);

	while (!stop && !go_given(r)) {
		if (!tx_class && tx_serve(r))
			push(r);
		wait_events(r, 10);
	}
	if (!tx_class)
		serve(r, 0.5);
}

/* Wait (serving nothing) until @n TX requests are pending. */
static uint32_t tx_wait_pending(struct rogue *r, uint32_t n, double secs)
{
	double end = now() + secs;

	while (!stop && now() < end && tx_pending(r) < n)
		wait_events(r, 10);
	return tx_pending(r);
}

/* Take the next data (non-extra) TX request, answering extras honestly. */
static bool tx_next_data(struct rogue *r, struct tx_req *req)
{
	bool ex;

	while (tx_pending(r)) {
		*req = tx_take(r, &ex);
		if (!ex)
			return true;
		tx_respond(r, 0, RSP_NULL);
	}
	return false;
}

/* Count the non-zero bytes in every RX page the frontend posted. */
static int stale(struct rogue *r)
{
	unsigned long nz = 0, pages = 0, dirty = 0, before;
	uint32_t n = rx_posted(r), i;
	struct rx_req req;
	uint8_t *p;

	for (i = 0; i < n && i < r->rx_size; i++) {
		memcpy(&req, rx_slot(r, r->rx_cons + i), sizeof(req));
		p = xengnttab_map_grant_ref(r->xgt, r->domid, req.gref, PROT_READ);
		if (!p) {
			say("cannot map RX gref %u: %s", req.gref, strerror(errno));
			continue;
		}
		before = nz;
		for (unsigned int b = 0; b < PG; b++)
			nz += p[b] != 0;
		dirty += nz != before;
		pages++;
		xengnttab_unmap(r->xgt, p, 1);
	}
	say("result: stale %lu non-zero bytes in %lu of %lu posted RX pages",
	    nz, dirty, pages);
	return 0;
}

static void storm(struct rogue *r)
{
	double end = now() + r->secs, t0 = now();
	unsigned long n = 0;

	say("storm: %u s of events", r->secs);
	while (!stop && now() < end) {
		notify(r);
		n++;
	}
	say("result: storm %lu events in %.1f s", n, now() - t0);
}

/* The TX classes need the guest to send: it does, on go. */
static void misbehave_tx(struct rogue *r)
{
	struct tx_req a, b;
	uint32_t n;

	n = tx_wait_pending(r, !strcmp(r->cls, "tx-dup") ? 2 : 1, 10);
	if (!n || !tx_next_data(r, &a)) {
		say("no TX request from the guest");
		return;
	}
	if (!strcmp(r->cls, "tx-bogus")) {
		tx_respond(r, (a.id + r->tx_size / 2) & (r->tx_size - 1), RSP_OKAY);
		say("misbehaved: TX response id %u for request %u",
		    (a.id + r->tx_size / 2) & (r->tx_size - 1), a.id);
	} else {
		tx_respond(r, a.id, RSP_OKAY);
		if (tx_next_data(r, &b))
			say("misbehaved: TX response id %u twice (request %u unanswered)",
			    a.id, b.id);
		else
			say("misbehaved: TX response id %u twice (past the requests)",
			    a.id);
		tx_respond(r, a.id, RSP_OKAY);
	}
	push(r);
}

/* Bad RX responses, one class each. */
static void misbehave_rx(struct rogue *r)
{
	const char *c = r->cls;
	unsigned int len, i;
	struct extra ex;
	uint16_t id;

	if (!strcmp(c, "rx-prod")) {
		r->rx_prod += 1000;
		push(r);
		say("misbehaved: RX rsp_prod %u past %u requests",
		    r->rx_prod, r->rx->req_prod);
		return;
	}
	if (!strcmp(c, "rx-back")) {
		for (i = 0; i < 3; i++)
			rx_deliver(r);
		serve(r, 1);
		r->rx_prod -= 2;
		push(r);
		say("misbehaved: RX rsp_prod back from %u to %u",
		    r->rx_prod + 2, r->rx_prod);
		return;
	}
	if (!rx_fill(r, &id, &len)) {
		say("no RX buffer posted");
		return;
	}
	if (!strcmp(c, "rx-id")) {
		rx_respond(r, 0xbeef, 0, RXF_VALID, len);
		say("misbehaved: RX response id 0xbeef for request %u", id);
	} else if (!strcmp(c, "rx-len")) {
		rx_respond(r, id, 0, RXF_VALID, 5000);
		say("misbehaved: RX response offset 0 length 5000");
	} else if (!strcmp(c, "rx-extra")) {
		rx_respond(r, id, 0, RXF_VALID | RXF_EXTRA, len);
		memset(&ex, 0, sizeof(ex));
		ex.type = 0x7e;
		ex.flags = EXTRA_MORE;
		for (i = 0; i < 2 && rx_posted(r); i++, rx_take(r)) {
			ex.flags = i == 0 ? EXTRA_MORE : 0;
			memcpy(rx_slot(r, r->rx_prod++), &ex, sizeof(ex));
		}
		say("misbehaved: RX extra-info chain of type 0x7e");
	} else if (!strcmp(c, "rx-chain")) {
		rx_respond(r, id, 0, RXF_VALID | RXF_MORE, len);
		for (i = 1; i < 30 && rx_posted(r); i++)
			rx_respond(r, rx_take(r).id, 0, i < 29 ? RXF_MORE : 0, 100);
		say("misbehaved: RX chain of %u slots", i);
	}
	push(r);
}

/* The classes that need a connected vif and misbehave on its rings. */
static int run_ring_class(struct rogue *r)
{
	const char *c = r->cls;

	wait_go(r);
	if (!strcmp(c, "stale"))
		stale(r);
	else if (!strcmp(c, "honest"))
		say("misbehaved: not at all");
	else if (!strncmp(c, "tx-", 3))
		misbehave_tx(r);
	else if (!strncmp(c, "storm", 5)) {
		/* one response the frontend may or may not consume */
		if (!rx_deliver(r)) {
			rx_respond(r, 0, 0, RXF_VALID, 60);
			push(r);
		}
		serve(r, 1);
		say("misbehaved: event storm after one response");
		storm(r);
	} else
		misbehave_rx(r);
	if (!rx_deliver(r))
		say("after: no RX buffer posted");
	serve(r, 1);
	/* rsp_event follows what the frontend consumed */
	say("after: %lu TX answered, %lu RX delivered; RX req_prod %u rsp_prod %u rsp_event %u; TX req_prod %u rsp_prod %u rsp_event %u",
	    r->tx_done, r->rx_done, r->rx->req_prod, r->rx->rsp_prod,
	    r->rx->rsp_event, r->tx->req_prod, r->tx->rsp_prod,
	    r->tx->rsp_event);
	return 0;
}

/*
 * The frontend grants its ring pages and allocates its ports before it
 * writes their numbers to XenStore, and on a reconnect it mostly gets the
 * same numbers again.  A backend that guesses them does not wait for the
 * keys: map the last connection's ring grants and bind its ports as soon
 * as they exist, put a response producer on the rings and signal at once,
 * while the frontend is still setting its queues up.  True if the race
 * was run (both a ring and a port were had before the keys came).
 */
static bool race_early(struct rogue *r, double secs)
{
	struct sring *ring[2] = { NULL, NULL };
	evtchn_port_t lp[2];
	unsigned int i, nlp = 0;
	xenevtchn_port_or_error_t p;
	double end = now() + secs;
	bool hit = false;

	while (!stop && now() < end && !hit) {
		for (i = 0; i < 2; i++) {
			if (!ring[i])
				ring[i] = xengnttab_map_grant_ref(r->xgt, r->domid,
						r->last_ref[i], PROT_READ | PROT_WRITE);
		}
		for (i = nlp; i < r->nr_last_port; i++) {
			p = xenevtchn_bind_interdomain(r->xce, r->domid,
						       r->last_port[i]);
			if (p < 0)
				break;
			lp[nlp++] = p;
		}
		hit = (ring[0] || ring[1]) && nlp;
		if (hit) {
			for (i = 0; i < 2; i++)
				if (ring[i])
					ring[i]->rsp_prod += 1;
			__sync_synchronize();
			for (i = 0; i < nlp; i++)
				xenevtchn_notify(r->xce, lp[i]);
		}
		i = fe_state(r);
		if (i == ST_INITIALISED || i == ST_CONNECTED)
			break;		/* too late: the keys are there */
	}
	/* keep signalling a little while the frontend finishes its setup */
	for (end = now() + 0.05; hit && now() < end; )
		for (i = 0; i < nlp; i++)
			xenevtchn_notify(r->xce, lp[i]);
	for (i = 0; i < 2; i++)
		if (ring[i])
			xengnttab_unmap(r->xgt, ring[i], 1);
	for (i = 0; i < nlp; i++)
		xenevtchn_unbind(r->xce, lp[i]);
	return hit;
}

/* bind-race: race the frontend at every connect, @loops times over. */
static int run_bind_race(struct rogue *r)
{
	unsigned int i, recreated = 0, early = 0;

	for (i = 0; i < r->loops && !stop; i++) {
		if (i) {
			hangup(r);
			be_state(r, ST_INITWAIT);
			early += race_early(r, 3);
			if (wait_fe(r, ST_INITIALISED, ST_CONNECTED, 3) < 0) {
				/*
				 * A frontend that stays Closed: a new device,
				 * once the guest has had time to drop the old.
				 */
				remove_dirs(r);
				nap_ms(1500);
				if (!make_dirs(r))
					return 1;
				recreated++;
				early += race_early(r, 5);
			}
		}
		if (!handshake(r, true, 20)) {
			say("reconnect %u failed", i);
			continue;
		}
		serve(r, 0.2);
	}
	say("result: bind-race %u connects (%u by a new device), %u raced before the keys",
	    i, recreated, early);
	return 0;
}

static int run(struct rogue *r)
{
	bool xs_class = !strncmp(r->cls, "xs-", 3);

	if (!strcmp(r->cls, "bind-race"))
		return run_bind_race(r);
	if (!handshake(r, false, 30)) {
		if (xs_class)
			say("result: refused");
		return xs_class ? 0 : 1;
	}
	say("connected");
	if (xs_class) {
		char *q = xs_get(r, r->fe, "multi-queue-num-queues");
		char *o = xs_get(r, r->fe, "ring-page-order");
		char *t = xs_get(r, r->qp, "tx-data-len");
		char *x = xs_get(r, r->qp, "rx-data-len");

		say("result: connected queues=%s order=%s tx-data-len=%s rx-data-len=%s",
		    q ? q : "-", o ? o : "-", t ? t : "-", x ? x : "-");
		free(q);
		free(o);
		free(t);
		free(x);
		return 0;
	}
	return run_ring_class(r);
}

static const char *const classes[] = {
	"honest", "rx-id", "rx-len", "rx-prod", "rx-back", "rx-extra",
	"rx-chain", "tx-bogus", "tx-dup", "storm-down", "storm-up", "stale",
	"bind-race",
	"xs-mac-bad", "xs-mac-mcast", "xs-queues", "xs-order", "xs-stg-huge",
	"xs-stg-garbage", NULL,
};

static void usage(void)
{
	unsigned int i;

	fprintf(stderr, "usage: xnif_rogue -d DOMID [-v DEVID] -c CLASS [-g GOFILE] [-t SECS] [-n LOOPS]\n"
		"  after the class ran, serves until SIGTERM, then closes and\n"
		"  removes the vif.  -t: storm length; -n: bind-race connects.\nclasses:");
	for (i = 0; classes[i]; i++)
		fprintf(stderr, " %s", classes[i]);
	fputc('\n', stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	struct rogue r = { .devid = 1, .secs = 30, .loops = 50 };
	xentoollog_logger_stdiostream *quiet;
	bool known = false;
	int o, rc, i;

	while ((o = getopt(argc, argv, "d:v:c:g:t:n:")) != -1) {
		switch (o) {
		case 'd': r.domid = atoi(optarg); break;
		case 'v': r.devid = atoi(optarg); break;
		case 'c': r.cls = optarg; break;
		case 'g': r.go_file = optarg; break;
		case 't': r.secs = atoi(optarg); break;
		case 'n': r.loops = atoi(optarg); break;
		default: usage();
		}
	}
	for (i = 0; r.cls && classes[i]; i++)
		known |= !strcmp(r.cls, classes[i]);
	if (!r.domid || !known)
		usage();
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	snprintf(r.be, sizeof(r.be), "/local/domain/0/rogue/vif/%u/%u",
		 r.domid, r.devid);
	snprintf(r.fe, sizeof(r.fe), "/local/domain/%u/device/vif/%u",
		 r.domid, r.devid);
	r.xs = xs_open(0);
	/* the guesses of bind-race fail by design: no error per attempt */
	quiet = xtl_createlogger_stdiostream(stderr, XTL_CRITICAL, 0);
	r.xgt = xengnttab_open((xentoollog_logger *)quiet, 0);
	r.xce = xenevtchn_open((xentoollog_logger *)quiet, 0);
	if (!r.xs || !r.xgt || !r.xce) {
		say("cannot open xenstore, gntdev or evtchn: %s", strerror(errno));
		return 2;
	}
	if (!make_dirs(&r)) {
		say("cannot create the vif's directories: %s", strerror(errno));
		return 2;
	}
	say("vif %u of dom%u: class %s, backend %s", r.devid, r.domid, r.cls, r.be);
	rc = run(&r);
	say("done");
	serve(&r, 0);
	hangup(&r);
	remove_dirs(&r);
	say("closed, %lu notifications sent", r.notifies);
	xenevtchn_close(r.xce);
	xengnttab_close(r.xgt);
	xs_close(r.xs);
	return rc;
}
