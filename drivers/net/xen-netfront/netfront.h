/* SPDX-License-Identifier: GPL-2.0-only */
/* xen-netfront private definitions, shared by the files of this module.
 * Include this first in every .c file: it sets pr_fmt.
 */
#ifndef _XEN_NETFRONT_NETFRONT_H
#define _XEN_NETFRONT_NETFRONT_H

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/u64_stats_sync.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <net/xdp.h>
#include <xen/events.h>
#include <xen/grant_table.h>
#include <xen/xenbus.h>
#include <xen-netif/netif.h>
#include <xen-netif/ring.h>
#include <xen-netif/xnif.h>

/* "<ifname>-q<N>": an interface name plus room for the suffix. */
#define XNF_QUEUE_NAME_LEN	(IFNAMSIZ + 8)
/* "<ifname>-q<N>-tx": the queue name plus the event channel's role. */
#define XNF_IRQ_NAME_LEN	(XNF_QUEUE_NAME_LEN + 4)

/* Ring sizes follow the negotiated order (ring.c): q->tx_size TX slots and
 * as many TX request ids (u16 on the wire, at most 4096), q->rx_size RX
 * slots, one posted buffer each.
 */

/* Data slots one packet may use, each direction.  RX takes more than an
 * skb has fragments: the first slots of a longer chain are copied into
 * the linear area (rx.c).
 */
#define XNF_TX_MAX_SLOTS	XNIF_NR_SLOTS_MIN
#define XNF_RX_MAX_SLOTS	XNIF_RX_MAX_DATA_SLOTS

/* Pieces of an skb for the TX slot planner: linear area and frags. */
#define XNF_TX_PIECES		(MAX_SKB_FRAGS + 1)

/* Free TX slots needed before taking a packet: data plus one GSO extra. */
#define XNF_TX_SLOTS_NEEDED	(XNF_TX_MAX_SLOTS + 1)

/* Most RX slots one packet chain can occupy: data plus extras. */
#define XNF_RX_MAX_CHAIN	(XNF_RX_MAX_SLOTS + XNIF_EXTRA_TYPE_MAX)

/* Bytes of each received packet copied into the skb's linear area. */
#define XNF_RX_PULL		256

/* Queues a vif may use at most (alloc_etherdev_mq's count). */
#define XNF_MAX_QUEUES		16

/* The granted pages of one shared ring (its struct xnif_*_front_ring,
 * from <xen-netif/ring.h>, sits next to it in the queue).
 */
struct xnf_ring_pages {
	grant_ref_t		refs[XNIF_RING_MAX_PAGES]; /* sent to the BE */
	unsigned int		nr;
};

/* Most pages of one data list: one entry per id of the largest ring. */
#define XNF_STG_LIST_PAGES	(XNIF_DATA_MAX_IDS / XNIF_DATA_ENTRIES_PER_PAGE)

/* Staging grants of one direction of a queue (staging.c): one buffer per
 * request id, packed xnif_staging_stride(len) apart in whole pages, all
 * granted for the queue's life, and the list naming them.  len == 0: not
 * staged, nothing allocated.
 */
struct xnf_stg {
	unsigned int		len;		/* tx/rx-data-len written */
	unsigned int		nr_ids;		/* the ring's request ids */
	unsigned int		nr_bufs;	/* buffer pages */
	unsigned int		nr_list;	/* list pages */
	struct page		**bufs;		/* [nr_bufs] */
	grant_ref_t		*buf_refs;	/* [nr_bufs] */
	struct page		*list[XNF_STG_LIST_PAGES];
	grant_ref_t		list_refs[XNF_STG_LIST_PAGES];
};

/* A TX request id in flight: what to release when it is answered. */
struct xnf_tx_buf {
	struct sk_buff		*skb;		/* NULL when the id is free */
	struct xdp_frame	*xdpf;		/* instead of skb: XDP frame */
	struct page		*page;		/* the page granted, if granted */
	grant_ref_t		gref;		/* owned for the queue's life */
	bool			granted;	/* gref currently granted (a fully
						 * staged first slot grants none)
						 */
};

/* An RX ring slot's buffer: id == slot index. */
struct xnf_rx_buf {
	struct page		*page;		/* NULL when nothing posted */
	grant_ref_t		gref;		/* owned for the queue's life */
	bool			granted;	/* page granted to the BE */
};

/* Per-queue counters; each direction has its own writer. */
struct xnf_tx_stats {
	u64_stats_t		packets;
	u64_stats_t		bytes;
	u64_stats_t		linearized;	/* too many slots: copied */
	u64_stats_t		bounced;	/* copied for an untrusted BE */
	u64_stats_t		gso;		/* GSO packets sent */
	u64_stats_t		stopped;	/* queue stopped: ring full */
	u64_stats_t		errors;		/* BE answered error/dropped */
	u64_stats_t		dropped;	/* dropped before the ring */
	u64_stats_t		xdp_xmit;	/* XDP frames sent */
	u64_stats_t		staged;		/* first bytes via staging */
	u64_stats_t		staged_bytes;	/* bytes copied there */
	u64_stats_t		notifies;	/* events sent to the BE */
	struct u64_stats_sync	syncp;
};

struct xnf_rx_stats {
	u64_stats_t		packets;
	u64_stats_t		bytes;
	u64_stats_t		gso;		/* GSO packets received */
	u64_stats_t		csum_blank;	/* checksum left to us/stack */
	u64_stats_t		errors;		/* bad chains dropped */
	u64_stats_t		bad_rsp;	/* malformed by the BE: dropped */
	u64_stats_t		long_chain;	/* too many slots: dropped */
	u64_stats_t		dropped;	/* no memory for the skb */
	u64_stats_t		xdp_drop;	/* XDP dropped (or failed) */
	u64_stats_t		xdp_tx;		/* XDP_TX sent back */
	u64_stats_t		xdp_redirect;	/* XDP_REDIRECT done */
	u64_stats_t		xdp_unfit;	/* >1 slot or GSO: dropped */
	u64_stats_t		staged;		/* first bytes via staging */
	u64_stats_t		staged_bytes;	/* bytes copied from there */
	u64_stats_t		notifies;	/* events sent: buffers posted */
	struct u64_stats_sync	syncp;
};

/* Events of one channel (its handler is the only writer): how many came
 * and how many brought nothing new, so were EOIed as spurious.  A shared
 * channel counts in the RX pair.
 */
struct xnf_evt_stats {
	u64_stats_t		events;
	u64_stats_t		spurious;
	struct u64_stats_sync	syncp;
};

struct xnf_vif;

/* One TX/RX ring pair of a vif, with its event channel(s) and NAPI. */
struct xnf_queue {
	struct xnf_vif		*vif;		/* owning vif */
	unsigned int		id;		/* index in its xnf_queue_set */
	char			name[XNF_QUEUE_NAME_LEN]; /* "ethX-qN" */
	struct napi_struct	napi;		/* RX and TX completions */

	/* Event channels: one shared, or one per direction (split). */
	evtchn_port_t		tx_evtchn;
	evtchn_port_t		rx_evtchn;	/* == tx_evtchn if not split */
	int			tx_irq;		/* 0 when not bound */
	int			rx_irq;		/* == tx_irq if not split */
	char			tx_irq_name[XNF_IRQ_NAME_LEN];
	char			rx_irq_name[XNF_IRQ_NAME_LEN];

	/* TX: ring, ids in flight and the free-id stack; tx_lock guards all. */
	spinlock_t		tx_lock;
	struct xnif_tx_front_ring tx;
	struct xnf_ring_pages	tx_pages;
	unsigned int		tx_size;	/* TX slots, also TX ids */
	struct xnf_tx_buf	*tx_bufs;	/* [tx_size] */
	u16			*tx_free;	/* [tx_size] */
	unsigned int		tx_nr_free;
	struct xnf_tx_stats	tx_stats;
	struct xnf_stg		stg_tx;		/* TX staging buffers */

	/* RX: ring, posted buffers (slot-indexed) and their page pool. */
	struct xnif_rx_front_ring rx;
	struct xnf_ring_pages	rx_pages;
	unsigned int		rx_size;	/* RX slots */
	struct xnf_rx_buf	*rx_bufs;	/* [rx_size] */
	struct page_pool	*pool;
	struct timer_list	rx_refill_timer; /* retry after no page */
	struct xnf_rx_stats	rx_stats;
	struct xdp_rxq_info	xdp_rxq;
	bool			xdp_flush;	/* redirected in this poll */
	bool			rx_skip;	/* rest of an over-long chain next */

	/* Producers the last credited event saw (interrupt handler only). */
	u32			tx_prod_seen;
	u32			rx_prod_seen;
	struct xnf_evt_stats	tx_evt;
	struct xnf_evt_stats	rx_evt;
	struct xnf_stg		stg_rx;		/* RX staging buffers */
};

/* The queues of one connection in one allocation.  Published with
 * rcu_assign_pointer() once built, unpublished and waited for before
 * they are freed (xnf_queues_destroy()), so a reader that found them
 * under RCU may use them until its read-side section ends.
 */
struct xnf_queue_set {
	unsigned int		num;
	struct xnf_queue	q[];
};

/* What the backend offers, read before connecting. */
struct xnf_be_features {
	u32			max_queues;	/* multi-queue-max-queues */
	bool			has_mq;		/* key present at all */
	bool			split_evtchn;
	bool			rx_copy;
	bool			sg;
	bool			gso_tcpv4;
	bool			gso_tcpv6;
	bool			ipv6_csum;
	u32			max_ring_order;	/* its key, or 0 */
	bool			xdp_headroom;	/* feature-xdp-headroom */
	u32			staging_max;	/* staging-max-data-len, 0: none */
	bool			ctrl_ring;	/* feature-ctrl-ring */
};

/* The control ring of one connection (ctrl.c), when the backend offers
 * feature-ctrl-ring.  One request is in flight at a time, sent and
 * waited for under RTNL; the event handler only wakes the waiter.
 */
struct xnf_ctrl {
	struct xnif_ctrl_front_ring ring;
	grant_ref_t		ring_ref;	/* "ctrl-ring-ref" */
	evtchn_port_t		evtchn;		/* "event-channel-ctrl" */
	int			irq;
	char			irq_name[XNF_IRQ_NAME_LEN];
	struct page		*data;		/* key or mapping for the BE */
	grant_ref_t		data_ref;	/* @data, granted read-only */
	wait_queue_head_t	wq;		/* responses arrived */
	u32			prod_seen;	/* interrupt handler only */
	u16			next_id;
	unsigned int		late;		/* timed out, answer not seen */
	bool			ready;		/* BE Connected: it serves us */
	bool			active;		/* Toeplitz set up on the BE */
	u32			be_types;	/* GET_HASH_FLAGS */
	u32			map_size;	/* mapping entries we use, 0: none */
};

/* RSS settings (ctrl.c): the defaults or the admin's (ethtool -X/-N),
 * kept across connections; what get_rxfh and rx-flow-hash report.
 */
struct xnf_rss {
	u8			key[XNIF_HASH_KEY_SIZE];
	u32			indir[XNIF_HASH_MAPPING_MAX];
	u32			flags;		/* XNIF_CTRL_HASH_TYPE_* */
	bool			key_set;	/* key filled (random or admin's) */
	bool			flags_set;	/* admin chose the flags */
};

/* Control requests of the vif, across connections; changed under RTNL. */
struct xnf_ctrl_stats {
	u64			requests;	/* sent */
	u64			failed;		/* answered with an error */
	u64			timeouts;	/* not answered in time */
};

/* One frontend vif: one xenbus device, i.e. one guest NIC. It is the
 * net_device's private area; allocated in probe, freed in remove.
 */
struct xnf_vif {
	struct xenbus_device	*xdev;		/* our frontend device */
	struct net_device	*netdev;
	u8			mac[ETH_ALEN];	/* our "mac" key */
	struct xnf_be_features	be;

	/* The queues of this connection, NULL without one: changed under
	 * RTNL, read under RCU by the data path and get_stats64 (queue.c).
	 */
	struct xnf_queue_set __rcu *qs;
	unsigned int		want_queues;	/* ethtool -L, 0: default */

	/* Counters across connections (netdev.c): get_stats64 adds what
	 * the queues of stats_qs count to stats_gone, which holds those of
	 * every queue set before; both change together under stats_seq.
	 * stats_qs outlives qs by a grace period so totals never go back.
	 */
	struct xnf_queue_set __rcu *stats_qs;
	seqcount_t		stats_seq;
	struct rtnl_link_stats64 stats_gone;

	/* Multi-page rings (ring.c): 2^ring_order pages per ring. */
	unsigned int		ring_order;	/* 0..4 */
	unsigned int		ring_order_key;	/* as written */
	unsigned int		want_ring_order; /* ethtool -G, if set */
	unsigned long		slots;		/* ring slots charged (ring.c) */
	unsigned long		rx_slots;	/* of which RX */
	bool			want_ring_set;

	struct work_struct	reconnect_work;	/* ethtool -L: redo handshake */
	bool			bounce;		/* untrusted BE: copy TX data */
	bool			connected;	/* rings live, BE usable; read
						 * locklessly (READ_ONCE), set
						 * with smp_store_release()
						 */
	bool			keep_link;	/* reconnecting: detached, carrier on */
	bool			be_was_connected; /* in this handshake */
	bool			ext_fallback;	/* refused once: no order, no
						 * staging until resume
						 */
	bool			fallback_pending; /* until its connect */
	bool			broken;		/* BE misbehaved: stop */
	wait_queue_head_t	state_wq;	/* BE state changes */
	struct bpf_prog __rcu	*xdp_prog;	/* changed under RTNL */

	/* Control ring (ctrl.c): NULL without one; changed under RTNL. */
	struct xnf_ctrl		*ctrl;
	struct xnf_rss		rss;
	struct xnf_ctrl_stats	ctrl_stats;
	struct work_struct	ctrl_work;	/* BE Connected: set up RSS */

	struct dentry		*debugfs;	/* xen-netfront/<xdev>/ */

	/* Staging grants (staging.c): length of this connection, 0: off. */
	unsigned int		stg_len;
	bool			stg_off;	/* ethtool priv flag "staging" off */
	bool			stg_no_room;	/* not this connection: XenStore */

	/* ethtool priv flag "tcp-queue-4ms" off: TCP's own 1 ms (tx.c). */
	bool			tcp_1ms;
};

/* The queue set as seen by RTNL holders, its only writers. */
static inline struct xnf_queue_set *xnf_qs(struct xnf_vif *vif)
{
	return rtnl_dereference(vif->qs);
}

/* Queues of the connection, 0 without one.  Caller holds RTNL. */
static inline unsigned int xnf_num_queues(struct xnf_vif *vif)
{
	struct xnf_queue_set *qs = xnf_qs(vif);

	return qs ? qs->num : 0;
}

/* Queue @i < xnf_num_queues(vif).  Caller holds RTNL. */
/* Send the backend an event on @irq and count it in @ctr (a counter of
 * the group @syncp guards; the caller is that group's writer).
 */
static inline void xnf_notify(int irq, struct u64_stats_sync *syncp,
			      u64_stats_t *ctr)
{
	notify_remote_via_irq(irq);
	u64_stats_update_begin(syncp);
	u64_stats_inc(ctr);
	u64_stats_update_end(syncp);
}

static inline struct xnf_queue *xnf_queue_at(struct xnf_vif *vif,
					     unsigned int i)
{
	return &xnf_qs(vif)->q[i];
}

/* main.c: module parameters */
extern unsigned int xnf_max_queues;
extern bool xnf_trusted;

/* xenbus.c: the xenbus driver */
int xnf_xenbus_register(void);
void xnf_xenbus_unregister(void);
int xnf_reconnect(struct xnf_vif *vif);

/* queue.c: rings, event channels, NAPI */
int xnf_queues_create(struct xnf_vif *vif, unsigned int nr);
void xnf_queues_destroy(struct xnf_vif *vif);
void xnf_queues_start(struct xnf_vif *vif);
void xnf_queues_stop(struct xnf_vif *vif);
void xnf_set_broken(struct xnf_vif *vif, struct xnf_queue *q,
		    const char *what, const char *why);
void xnf_grant_defer(grant_ref_t ref, struct page *page);

/* ring.c: multi-page rings */
extern unsigned int xnf_max_ring_page_order;
#ifdef XNIF_TEST_KNOBS
extern int xnf_ring_page_order;
#endif

/* The order the ring_page_order parameter forces, -1 for none; a knob of
 * the test build (XNIF_TEST_KNOBS, "make stage"), none in others.
 */
static inline int xnf_ring_forced_order(void)
{
#ifdef XNIF_TEST_KNOBS
	return READ_ONCE(xnf_ring_page_order);
#else
	return -1;
#endif
}

void xnf_ring_read_be_order(struct xnf_vif *vif);
void xnf_ring_pick_order(struct xnf_vif *vif, unsigned int nr);
void xnf_ring_charge(struct xnf_vif *vif, unsigned int nr);
void xnf_ring_uncharge(struct xnf_vif *vif);
int xnf_rings_setup(struct xnf_queue *q);
void xnf_rings_teardown(struct xnf_queue *q);
unsigned int xnf_ring_max_order(struct xnf_vif *vif);
int xnf_ring_alloc_arrays(struct xnf_queue *q);
void xnf_ring_free_arrays(struct xnf_queue *q);
int xnf_ring_write_keys(struct xenbus_transaction xbt, struct xnf_vif *vif,
			struct xnf_queue *q);
int xnf_ring_write_order(struct xenbus_transaction xbt, struct xnf_vif *vif);
void xnf_ring_forget_order(struct xnf_vif *vif);

/* staging.c: staging grants */
extern unsigned int xnf_staging_len;
void xnf_stg_create(struct xnf_vif *vif);
bool xnf_stg_wanted(struct xnf_vif *vif);
void xnf_stg_destroy(struct xnf_queue *q);
int xnf_stg_write_keys(struct xenbus_transaction xbt, struct xnf_vif *vif,
		       struct xnf_queue *q);
void xnf_stg_forget_keys(struct xnf_vif *vif);
u8 *xnf_stg_buf(const struct xnf_stg *s, unsigned int id);

/* ctrl.c: control ring and RSS */
extern unsigned int xnf_ctrl_timeout_ms;
void xnf_ctrl_create(struct xnf_vif *vif);
void xnf_ctrl_destroy(struct xnf_vif *vif);
int xnf_ctrl_write_keys(struct xenbus_transaction xbt, struct xnf_vif *vif);
void xnf_ctrl_forget_keys(struct xnf_vif *vif);
void xnf_ctrl_work(struct work_struct *work);
u32 xnf_rss_key_size(struct xnf_vif *vif);
u32 xnf_rss_indir_size(struct xnf_vif *vif);
int xnf_rss_get(struct xnf_vif *vif, u32 *indir, u8 *key);
int xnf_rss_set(struct xnf_vif *vif, const u32 *indir, const u8 *key);
int xnf_rss_get_fields(struct xnf_vif *vif, u32 flow_type, u64 *data);
int xnf_rss_set_fields(struct xnf_vif *vif, u32 flow_type, u64 data);

/* tx.c: guest transmit */
netdev_tx_t xnf_start_xmit(struct sk_buff *skb, struct net_device *dev);
void xnf_tx_push(struct xnf_queue *q);
void xnf_tx_complete(struct xnf_queue *q, int budget);
void xnf_tx_release_all(struct xnf_queue *q);
int xnf_tx_xdp_frame(struct xnf_queue *q, struct xdp_frame *xdpf);

/* rx.c: guest receive */
int xnf_rx_poll(struct xnf_queue *q, int budget);
void xnf_rx_refill(struct xnf_queue *q);
void xnf_rx_refill_timeout(struct timer_list *t);
void xnf_rx_release_all(struct xnf_queue *q);
struct page *xnf_rx_take_page(struct xnf_queue *q, u32 idx);
void xnf_rx_put_page(struct xnf_queue *q, u32 idx, struct page *page);

/* netdev.c: the net_device */
struct xnf_vif *xnf_netdev_alloc(struct xenbus_device *xdev);
void xnf_netdev_free(struct xnf_vif *vif);

/* ethtool.c */
extern const struct ethtool_ops xnf_ethtool_ops;

/* debugfs.c: per-queue ring state */
void xnf_debugfs_add(struct xnf_vif *vif);
void xnf_debugfs_del(struct xnf_vif *vif);
void xnf_debugfs_init(void);
void xnf_debugfs_exit(void);

/* netdev.c: counters */
void xnf_queue_stats_read(struct xnf_queue *q, u64 *tx, u64 *rx);
void xnf_stats_fold(struct xnf_vif *vif);

/* xdp.c */
union xnif_rx_slot;
struct xnif_rx_pkt;
unsigned int xnf_xdp_max_mtu(void);
bool xnf_xdp_attached(struct xnf_vif *vif);
u32 xnf_xdp_headroom(struct xnf_vif *vif);
int xnf_xdp_rxq_init(struct xnf_queue *q);
void xnf_xdp_rxq_fini(struct xnf_queue *q);
int xnf_xdp_rx(struct xnf_queue *q, union xnif_rx_slot *slots,
	       const struct xnif_rx_pkt *pkt);
void xnf_xdp_rx_done(struct xnf_queue *q);
int xnf_xdp_xmit(struct net_device *dev, int n, struct xdp_frame **frames,
		 u32 flags);
int xnf_bpf(struct net_device *dev, struct netdev_bpf *bpf);

#endif /* _XEN_NETFRONT_NETFRONT_H */
