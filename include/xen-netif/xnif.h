/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pure helpers shared by xen-netfront and xen-netback: ring arithmetic,
 * slot counting, validation of what the peer put on a ring, and XenStore
 * value parsing.  Nothing here touches an skb, logs, allocates or locks,
 * so the same code is the xen-netif module both drivers import (namespace
 * XEN_NETIF) and is built into the user-space test harness under
 * tools/testing/xen-netif/.
 *
 * Conventions: functions returning int give 0 or a count on success and a
 * negative errno on failure.  -EINVAL from a ring helper means the caller's
 * own arguments are inconsistent; -EPROTO means the peer broke the
 * protocol; -ENOSPC, whatever the helper, means a buffer the caller gave
 * (a key name, a list, an array of operations) is too small.
 */
#ifndef _XEN_NETIF_XNIF_H
#define _XEN_NETIF_XNIF_H

#include <linux/types.h>
#include <xen-netif/netif.h>

/* ------------------------------------------------------------------ */
/* Ring arithmetic (ring.c)                                            */
/* ------------------------------------------------------------------ */

/* Largest ring the index helpers accept, in slots. */
#define XNIF_RING_MAX_ENTRIES	0x40000000U	/* 2^30 */

bool xnif_ring_size_valid(unsigned int size);
unsigned int xnif_ring_free_requests(u32 req_prod_pvt, u32 rsp_cons,
				     unsigned int size);
int xnif_ring_unconsumed_requests(u32 req_prod, u32 req_cons,
				  u32 rsp_prod_pvt, unsigned int size);
int xnif_ring_unconsumed_responses(u32 rsp_prod, u32 rsp_cons,
				   u32 req_prod_pvt, unsigned int size);

/* What an event told a frontend about one ring (xnif_ring_event_check). */
enum xnif_evt {
	XNIF_EVT_NONE = 0,	/* no response beyond those already credited */
	XNIF_EVT_NEW,		/* the producer advanced: real work */
	XNIF_EVT_BAD,		/* producer past the requests or went back */
};

enum xnif_evt xnif_ring_event_check(u32 rsp_prod, u32 rsp_cons,
				    u32 req_prod_pvt, unsigned int size,
				    u32 *seen);

/* Slot of free-running index @idx in a ring of @size (a power of two). */
static inline unsigned int xnif_ring_slot(u32 idx, unsigned int size)
{
	return idx & (size - 1);
}

/* ------------------------------------------------------------------ */
/* Slot counting (slots.c)                                             */
/* ------------------------------------------------------------------ */

/* A piece of a packet: @len bytes at @offset (may exceed one page). */
struct xnif_frag {
	u32 offset;
	u32 len;
};

unsigned int xnif_buf_slots(u32 offset, u32 len);

/* ------------------------------------------------------------------ */
/* Extra-info chains (extra.c)                                         */
/* ------------------------------------------------------------------ */

/* The extra-info slots of one packet, each type at most once. */
struct xnif_extras {
	u32 mask;		/* BIT(type) for each type present */
	unsigned int count;	/* extra-info slots in the chain */
	struct xnif_extra_info info[XNIF_EXTRA_TYPE_MAX]; /* by type */
};

static inline bool xnif_extras_has(const struct xnif_extras *ex,
				   unsigned int type)
{
	return type < XNIF_EXTRA_TYPE_MAX && (ex->mask & (1U << type));
}

/* ------------------------------------------------------------------ */
/* Backend: guest TX request chains (tx.c)                             */
/* ------------------------------------------------------------------ */

/*
 * Why a TX chain was refused.  "Drop" errors leave the chain well formed:
 * pkt->nr_slots says how many slots to consume and answer with
 * XNIF_RSP_ERROR.  "Fatal" errors mean the ring can no longer be parsed or
 * the guest is hostile; the BE should log xnif_tx_err_str() once and
 * disable the vif.  xnif_tx_err_fatal() tells which is which.
 */
enum xnif_tx_err {
	XNIF_TX_OK = 0,
	/* drop the packet */
	XNIF_TX_ERR_FLAGS,		/* unknown flag, or misplaced flag */
	XNIF_TX_ERR_RUNT,		/* shorter than an Ethernet header */
	XNIF_TX_ERR_SIZE,		/* follow-ons larger than the total */
	XNIF_TX_ERR_EMPTY_SLOT,		/* follow-on slot with size 0 */
	XNIF_TX_ERR_SLOTS,		/* more data slots than max_slots */
	XNIF_TX_ERR_EXTRA_DUP,		/* one extra type given twice */
	XNIF_TX_ERR_EXTRA_DIR,		/* extra type not valid on TX */
	XNIF_TX_ERR_HASH,		/* bad hash type or algorithm */
	XNIF_TX_ERR_MCAST,		/* malformed multicast control */
	/* disable the vif */
	XNIF_TX_ERR_INCOMPLETE,		/* chain runs past the posted slots */
	XNIF_TX_ERR_SLOTS_FATAL,	/* more data slots than fatal_slots */
	XNIF_TX_ERR_CROSS_PAGE,		/* offset + size beyond the page */
	XNIF_TX_ERR_EXTRA_TYPE,		/* extra type 0 or unknown */
	XNIF_TX_ERR_EXTRA_COUNT,	/* more extras than there are types */
	XNIF_TX_ERR_GSO,		/* GSO size 0 or unknown GSO type */
	XNIF_TX_ERR_LIMITS,		/* caller passed bad limits */
	XNIF_TX_ERR_NR			/* number of codes */
};

/* Chain length limits, in data slots (first slot included). */
struct xnif_tx_limits {
	unsigned int max_slots;		/* above this: drop (>= 1) */
	unsigned int fatal_slots;	/* above this: fatal (>= max_slots) */
};

#define XNIF_TX_DEFAULT_MAX_SLOTS	XNIF_NR_SLOTS_MIN
#define XNIF_TX_DEFAULT_FATAL_SLOTS	20

/*
 * Most slots xnif_tx_validate() reads for one packet with @fatal_slots:
 * the first slot, one extra-info slot per type and the follow-on slots.
 * Copying this many (or all unconsumed ones, if fewer) is always enough.
 */
#define XNIF_TX_MAX_CHAIN(fatal_slots)					\
	((fatal_slots) + XNIF_EXTRA_TYPE_MAX - 1)

/* What xnif_tx_validate() learnt about a chain. */
struct xnif_tx_pkt {
	u32 total;		/* packet length: the first slot's size */
	u32 first_len;		/* bytes carried by the first slot */
	u16 flags;		/* the first slot's XNIF_TXF_* */
	unsigned int nr_data;	/* data slots, first slot included */
	unsigned int nr_slots;	/* data + extra-info slots to consume */
	unsigned int bad_slot;	/* on error: index of the offending slot */
	struct xnif_extras extras;
};

enum xnif_tx_err xnif_tx_validate(const union xnif_tx_slot *slots,
				  unsigned int avail,
				  const struct xnif_tx_limits *lim,
				  struct xnif_tx_pkt *pkt);
bool xnif_tx_err_fatal(enum xnif_tx_err err);
const char *xnif_tx_err_str(enum xnif_tx_err err);

/* ------------------------------------------------------------------ */
/* Frontend: RX responses and TX responses (rx.c)                      */
/* ------------------------------------------------------------------ */

/* Why an RX chain was refused; drop vs fatal as for TX. */
enum xnif_rx_err {
	XNIF_RX_OK = 0,
	/* drop the packet */
	XNIF_RX_ERR_STATUS,		/* BE reported an error status */
	XNIF_RX_ERR_CROSS_PAGE,		/* offset + length beyond the page */
	XNIF_RX_ERR_FLAGS,		/* unknown or misplaced flag */
	XNIF_RX_ERR_RUNT,		/* shorter than an Ethernet header */
	XNIF_RX_ERR_SLOTS,		/* more data slots than max_slots */
	XNIF_RX_ERR_EXTRA_DUP,		/* one extra type given twice */
	XNIF_RX_ERR_EXTRA_DIR,		/* extra type not valid on RX */
	XNIF_RX_ERR_GSO,		/* GSO size 0 or unknown GSO type */
	XNIF_RX_ERR_HASH,		/* bad hash type or algorithm */
	XNIF_RX_ERR_XDP,		/* XDP headroom above the maximum */
	XNIF_RX_ERR_TOO_LONG,		/* chain longer than the copied slots */
	/* stop using the device */
	XNIF_RX_ERR_INCOMPLETE,		/* chain runs past the posted slots */
	XNIF_RX_ERR_ID,			/* id out of range or wrong slot */
	XNIF_RX_ERR_BAD_STATUS,		/* unknown negative status */
	XNIF_RX_ERR_EXTRA_TYPE,		/* extra type 0 or unknown */
	XNIF_RX_ERR_EXTRA_COUNT,	/* more extras than there are types */
	XNIF_RX_ERR_ARGS,		/* caller passed a bad context */
	XNIF_RX_ERR_NR			/* number of codes */
};

/*
 * Data slots a frontend accepts in one RX packet: the protocol's minimum
 * (what a stock backend may send, and what upstream netfront takes) and
 * one more; more than fit as page fragments are copied into the linear
 * area.
 */
#define XNIF_RX_MAX_DATA_SLOTS	(XNIF_NR_SLOTS_MIN + 1)

/* Where the copied RX slots came from and what to accept. */
struct xnif_rx_ctx {
	u32 cons;		/* ring index of slots[0] */
	unsigned int ring_size;	/* slots in the ring; ids must be below */
	unsigned int max_slots;	/* data slots per packet (>= 1) */
	bool id_is_slot;	/* FE posts request id == ring slot */
	bool truncated;		/* the BE made more responses than @avail */
	bool cont;		/* slots[0] goes on with a chain dropped as
				 * too long: its data slots only
				 */
};

/* What xnif_rx_validate() learnt about a chain. */
struct xnif_rx_pkt {
	u32 total;		/* packet length: sum of slot lengths */
	u16 flags;		/* the first slot's XNIF_RXF_* */
	unsigned int nr_data;	/* data slots, first slot included */
	unsigned int nr_slots;	/* data + extra-info slots to consume */
	unsigned int bad_slot;	/* on error: index of the offending slot */
	bool more;		/* TOO_LONG: the chain goes on after
				 * nr_slots; validate the rest with cont
				 */
	struct xnif_extras extras;
};

enum xnif_rx_err xnif_rx_validate(const union xnif_rx_slot *slots,
				  unsigned int avail,
				  const struct xnif_rx_ctx *ctx,
				  struct xnif_rx_pkt *pkt);
bool xnif_rx_err_fatal(enum xnif_rx_err err);
const char *xnif_rx_err_str(enum xnif_rx_err err);

/* Verdict on one TX response read by the FE. */
enum xnif_txrsp {
	XNIF_TXRSP_OK = 0,		/* use rsp->id and rsp->status */
	XNIF_TXRSP_SKIP,		/* XNIF_RSP_NULL: extra-info slot */
	XNIF_TXRSP_ERR_ID,		/* id not below nr_ids: fatal */
	XNIF_TXRSP_ERR_STATUS,		/* unknown status: fatal */
	XNIF_TXRSP_NR
};

enum xnif_txrsp xnif_tx_rsp_check(const struct xnif_tx_response *rsp,
				  unsigned int nr_ids);
const char *xnif_txrsp_str(enum xnif_txrsp res);

/* ------------------------------------------------------------------ */
/* XenStore values and paths (xenstore.c)                              */
/* ------------------------------------------------------------------ */

int xnif_parse_u64(const char *s, u64 max, u64 *val);
int xnif_parse_u32(const char *s, u32 min, u32 max, u32 *val);
int xnif_parse_bool(const char *s, bool *val);
int xnif_parse_mac(const char *s, u8 mac[XNIF_ETH_ALEN], bool *multicast);
int xnif_parse_rate(const char *s, u64 *bytes, u64 *usecs);
int xnif_queue_prefix(char *buf, size_t size, unsigned int nr_queues,
		      unsigned int queue);
int xnif_queue_key(char *buf, size_t size, unsigned int nr_queues,
		   unsigned int queue, const char *key);
bool xnif_fe_conn_key(const char *name);

/*
 * XenStore nodes of our frontend's device-wide keys: request-rx-copy,
 * feature-rx-notify, feature-sg, feature-gso-tcpv4, feature-gso-tcpv6,
 * feature-ipv6-csum-offload, multi-queue-num-queues, xdp-headroom, and
 * the control ring's ctrl-ring-ref and event-channel-ctrl.
 */
#define XNIF_FE_DEVICE_NODES	10

unsigned int xnif_fe_nodes(unsigned int nr_queues, unsigned int order,
			   bool split, unsigned int staged);

/* ------------------------------------------------------------------ */
/* Staging grants: data lists and buffer layout (staging.c)            */
/* ------------------------------------------------------------------ */

/* What is wrong with a data list. */
enum xnif_dl_err {
	XNIF_DL_OK = 0,
	XNIF_DL_ERR_ARGS,	/* id count or data length out of range */
	XNIF_DL_ERR_GREF,	/* grant reference 0 */
	XNIF_DL_ERR_FLAGS,	/* reserved flags set */
	XNIF_DL_ERR_BOUNDS,	/* buffer runs past the end of its grant */
	XNIF_DL_ERR_OVERLAP,	/* two buffers share bytes */
	XNIF_DL_ERR_GREFS,	/* more grants than xnif_staging_buf_pages() */
	XNIF_DL_ERR_NR
};

/*
 * What xnif_data_list_check() learns from a list: the distinct grants to
 * map and, per id, which of them holds the id's buffer.  The caller gives
 * the arrays, each with room for nr_ids entries.
 */
struct xnif_dl_map {
	u32 *grefs;		/* out: distinct grants, ascending */
	u16 *gref_idx;		/* out: per id, index into grefs[] */
	u64 *scratch;		/* work space */
	unsigned int nr_grefs;	/* out: entries used in grefs[] */
	unsigned int bad_id;	/* out, on error: the id at fault */
};

unsigned int xnif_data_list_pages(unsigned int nr_ids);
enum xnif_dl_err xnif_data_list_check(const struct xnif_data_entry *list,
				      unsigned int nr_ids, unsigned int len,
				      struct xnif_dl_map *map);
const char *xnif_dl_err_str(enum xnif_dl_err err);

/* Which limit a backend's staging grant maps would pass. */
enum xnif_budget {
	XNIF_BUDGET_OK = 0,
	XNIF_BUDGET_VIF,	/* the vif's */
	XNIF_BUDGET_ALL,	/* the one of all vifs together */
};

/*
 * Backend defaults for those limits.  Per vif: what an honest frontend
 * maps at the largest ring (4096 ids per direction), 8 queues and
 * 2048-byte buffers, both directions: 8 * 2 * 2048.  All vifs: two such.
 */
#define XNIF_STG_VIF_MAPS_DEFAULT	32768
#define XNIF_STG_ALL_MAPS_DEFAULT	(2 * XNIF_STG_VIF_MAPS_DEFAULT)

enum xnif_budget xnif_staging_budget(unsigned int vif_used,
				     unsigned int all_used, unsigned int want,
				     unsigned int vif_max, unsigned int all_max);
unsigned int xnif_staging_stride(unsigned int len);
unsigned int xnif_staging_buf_pages(unsigned int nr_ids, unsigned int len);
int xnif_staging_buf_pos(unsigned int id, unsigned int len,
			 unsigned int *page, unsigned int *offset);
int xnif_data_ref_key(char *buf, size_t size, bool tx, unsigned int order,
		      unsigned int page);
int xnif_data_key(char *buf, size_t size, unsigned int nr_queues,
		  unsigned int queue, bool tx, unsigned int order, int page);

/* Bytes of a packet's first slot that travel through the staging buffer. */
static inline u32 xnif_staged_len(u32 first, u32 data_len)
{
	return first < data_len ? first : data_len;
}

/* ------------------------------------------------------------------ */
/* Backend: guest RX copy planning (copy.c)                            */
/* ------------------------------------------------------------------ */

/* Limits of xnif_copy_plan()'s arguments (they fit its u16 fields). */
#define XNIF_COPY_MAX_PIECES	256
#define XNIF_COPY_MAX_SLOTS	256

/*
 * Most operations xnif_copy_plan() makes for a packet of @nr_pieces
 * pieces in @nr_slots slots: a piece of L bytes touches at most L / 4 KiB
 * + 2 source frames and the pieces hold at most @nr_slots pages of data;
 * each slot boundary and the end of the staging buffer cut one more.
 */
#define XNIF_COPY_OPS_MAX(nr_pieces, nr_slots)				\
	(2 * (nr_pieces) + 2 * (nr_slots))

/* Where the bytes of one guest RX packet go. */
struct xnif_copy_dst {
	unsigned int headroom;	/* free bytes at the start of every slot */
	unsigned int stg_len;	/* the packet's first bytes up to this are
				 * staged (data, not headroom); 0: none
				 */
	unsigned int max_slots;	/* most slots a packet may take */
};

/* One copy: within one 4 KiB source frame and one destination slot. */
struct xnif_copy_op {
	u32 src;		/* from the start of the piece's first page */
	u16 piece;		/* index of the piece */
	u16 slot;		/* destination slot, 0 for the first */
	u16 dst;		/* offset in the slot, headroom included (a
				 * staged one's buffer offset is dst - headroom)
				 */
	u16 len;		/* 1..XNIF_PAGE_SIZE bytes */
	bool staged;		/* memcpy to the staging buffer, no grant copy */
};

/* What a packet costs. */
struct xnif_copy_plan {
	unsigned int nr_ops;	/* operations, staged ones included */
	unsigned int nr_copies;	/* of them grant copies */
	unsigned int nr_slots;	/* data slots filled */
	u32 total;		/* bytes in the packet */
	u32 staged;		/* of them staged */
};

int xnif_copy_plan(const struct xnif_frag *pieces, unsigned int nr,
		   const struct xnif_copy_dst *dst, struct xnif_copy_op *ops,
		   unsigned int cap, struct xnif_copy_plan *plan);

/* ------------------------------------------------------------------ */
/* Backend: guest TX copy planning (txcopy.c)                          */
/* ------------------------------------------------------------------ */

/* Limits of xnif_tx_copy_plan()'s arguments (they fit its u16 fields). */
#define XNIF_TX_COPY_MAX_SLOTS	256
#define XNIF_TX_COPY_MAX_PIECES	256

/*
 * Most operations xnif_tx_copy_plan() makes for @nr_slots source slots
 * whose destination pieces touch @dst_frames 4 KiB frames in all (the sum
 * of xnif_buf_slots() over the pieces); see its kernel-doc for the proof.
 */
#define XNIF_TX_COPY_OPS_MAX(nr_slots, dst_frames)	\
	((nr_slots) + (dst_frames))

/* One copy of guest TX data: one source slot, one 4 KiB frame of a piece. */
struct xnif_tx_copy_op {
	u32 dst;		/* from the start of the piece's first page */
	u16 piece;		/* destination piece */
	u16 slot;		/* source data slot, 0 for the first */
	u16 src;		/* in the slot's page; staged: in the buffer */
	u16 len;		/* 1..XNIF_PAGE_SIZE bytes */
	bool staged;		/* memcpy from the staging buffer */
};

/* What a guest TX packet costs. */
struct xnif_tx_copy_plan {
	unsigned int nr_ops;	/* operations, staged ones included */
	unsigned int nr_copies;	/* of them grant copies */
	u32 total;		/* bytes in the packet */
	u32 staged;		/* of them staged (all from slot 0) */
};

int xnif_tx_copy_plan(const struct xnif_frag *src, unsigned int nr_src,
		      const struct xnif_frag *dst, unsigned int nr_dst,
		      u32 stg_len, struct xnif_tx_copy_op *ops,
		      unsigned int cap, struct xnif_tx_copy_plan *plan);

/* ------------------------------------------------------------------ */
/* Frontend: guest TX slot planning (txslot.c)                         */
/* ------------------------------------------------------------------ */

/* Most pieces xnif_tx_slot_plan() takes (they fit its u16 field). */
#define XNIF_TX_SLOT_MAX_PIECES	256

/* One TX request's data: one 4 KiB frame of one piece. */
struct xnif_tx_span {
	u32 offset;		/* from the start of the piece's first page */
	u16 piece;		/* index of the piece */
	u16 len;		/* 1..XNIF_PAGE_SIZE bytes */
};

/* What a packet takes. */
struct xnif_tx_slot_plan {
	unsigned int nr_slots;	/* requests carrying data */
	u32 total;		/* bytes in the packet */
	u32 staged;		/* first bytes of slot 0 sent through staging */
};

int xnif_tx_slot_plan(const struct xnif_frag *pieces, unsigned int nr,
		      u32 stg_len, struct xnif_tx_span *slots,
		      unsigned int cap, struct xnif_tx_slot_plan *plan);

/* ------------------------------------------------------------------ */
/* Multi-page rings: orders and their XenStore keys (order.c)          */
/* ------------------------------------------------------------------ */

/* Why a queue's ring ref keys were refused. */
enum xnif_refs_err {
	XNIF_REFS_OK = 0,
	XNIF_REFS_MISSING,	/* a page's key is absent */
	XNIF_REFS_EXTRA,	/* a key for a page beyond the order */
	XNIF_REFS_BADNAME,	/* page number spelt oddly or huge */
	XNIF_REFS_GARBAGE,	/* value is not a decimal u32 */
	XNIF_REFS_DUP,		/* one grant for two pages */
	XNIF_REFS_ARGS,		/* caller passed bad arguments */
	XNIF_REFS_NR
};

unsigned int xnif_order_tx_entries(unsigned int order);
unsigned int xnif_order_rx_entries(unsigned int order);
int xnif_ring_order_for(unsigned int tx, unsigned int rx,
			unsigned int max_order, unsigned int *order);
int xnif_parse_ring_order(const char *s, unsigned int max,
			  unsigned int *order);
int xnif_ring_ref_key(char *buf, size_t size, unsigned int nr_queues,
		      unsigned int queue, const char *base, unsigned int order,
		      unsigned int page);
enum xnif_refs_err xnif_ring_refs_names(const char *base, unsigned int order,
					const char * const *names,
					unsigned int nr_names,
					unsigned int *bad);
enum xnif_refs_err xnif_ring_refs_values(const char * const *vals,
					 unsigned int nr, u32 *refs,
					 unsigned int *bad);
const char *xnif_refs_err_str(enum xnif_refs_err err);

/* ------------------------------------------------------------------ */
/* Control ring: Toeplitz hash and multicast filter (ctrl.c)           */
/* ------------------------------------------------------------------ */

#define XNIF_HASH_KEY_SIZE	40	/* longest key SET_HASH_KEY takes */
#define XNIF_HASH_MAPPING_MAX	128	/* most mapping table entries */
#define XNIF_MCAST_MAX		64	/* most multicast filter entries */

/* The hash settings a frontend made over its control ring. */
struct xnif_hash_state {
	u32 alg;		/* XNIF_CTRL_HASH_ALGORITHM_* */
	u32 flags;		/* XNIF_CTRL_HASH_TYPE_* in use */
	u32 size;		/* mapping entries in use; 0: none */
	u8 key[XNIF_HASH_KEY_SIZE];	/* unused tail is zero */
	/* hash % size -> queue; u16 as an skb's queue_mapping: the table
	 * sits in the backend's vif, which must fit a page with its netdev
	 */
	u16 mapping[XNIF_HASH_MAPPING_MAX];
};

/* What the caller must do after xnif_ctrl_handle(). */
enum xnif_ctrl_action {
	XNIF_CTRL_DONE = 0,	/* response ready, state updated */
	XNIF_CTRL_COPY_KEY,	/* grant-copy the key, xnif_ctrl_set_key() */
	XNIF_CTRL_COPY_MAPPING,	/* grant-copy entries, xnif_ctrl_set_mapping() */
};

/* A grant copy a control request asks for (from offset 0 of @gref). */
struct xnif_ctrl_copy {
	u32 gref;
	u32 len;		/* bytes */
	u32 first;		/* SET_HASH_MAPPING: first table entry */
};

void xnif_hash_reset(struct xnif_hash_state *h);
u32 xnif_toeplitz(const u8 *key, unsigned int key_len, const u8 *data,
		  unsigned int len);
enum xnif_ctrl_action xnif_ctrl_handle(struct xnif_hash_state *h,
				       const struct xnif_ctrl_request *req,
				       struct xnif_ctrl_response *rsp,
				       struct xnif_ctrl_copy *copy);
u32 xnif_ctrl_set_key(struct xnif_hash_state *h, const u8 *key, u32 len);
u32 xnif_ctrl_set_mapping(struct xnif_hash_state *h, const u32 *entries,
			  u32 nr, u32 first, unsigned int num_queues);
int xnif_hash_type(u32 flags, bool ipv6, bool tcp);
unsigned int xnif_hash_queue(const struct xnif_hash_state *h, u32 hash,
			     unsigned int num_queues);

/* Frontend side of the control ring (ctrlfe.c). */

/* What goes into the hash of one kind of packet (ethtool's rx-flow-hash). */
enum xnif_hash_fields {
	XNIF_HASH_FIELDS_NONE = 0,	/* not hashed */
	XNIF_HASH_FIELDS_ADDRS,		/* source and destination addresses */
	XNIF_HASH_FIELDS_PORTS,		/* the addresses and the TCP ports */
};

int xnif_ctrl_rsp_check(const struct xnif_ctrl_response *rsp, u16 id,
			u16 type);
int xnif_ctrl_status_errno(u32 status);
enum xnif_hash_fields xnif_hash_fields_get(u32 flags, bool ipv6, bool tcp);
int xnif_hash_fields_set(u32 *flags, bool ipv6, bool tcp,
			 enum xnif_hash_fields fields);
void xnif_hash_mapping_fill(u32 *map, unsigned int size, unsigned int nq);
bool xnif_hash_mapping_fits(const u32 *map, unsigned int size,
			    unsigned int nq);

/* Gref mapping (gref.c): most grants one queue keeps mapped. */
#define XNIF_GREF_QUEUE_MAX	4096
#define XNIF_CTRLF_GREF_KNOWN	XNIF_CTRLF_GREF_READONLY

/* A grant a queue keeps mapped. */
struct xnif_gref_slot {
	u32 ref;
	u16 flags;		/* XNIF_CTRLF_GREF_* */
	u16 idx;		/* the driver's index of the mapped page */
};

/* A queue's mapped grants, ascending by ref. */
struct xnif_gref_table {
	struct xnif_gref_slot *slot;	/* [max] */
	unsigned int nr;
	unsigned int max;		/* <= XNIF_GREF_QUEUE_MAX */
};

u32 xnif_gref_req_check(const struct xnif_ctrl_request *req,
			unsigned int num_queues, u32 *queue, u32 *gref,
			u32 *nr);
int xnif_gref_find(const struct xnif_gref_table *t, u32 ref);
u32 xnif_gref_add_check(const struct xnif_gref_table *t,
			struct xnif_gref *ents, unsigned int nr,
			unsigned int room, u32 *scratch);
int xnif_gref_insert(struct xnif_gref_table *t, u32 ref, u16 flags, u16 idx);
void xnif_gref_remove(struct xnif_gref_table *t, unsigned int pos);
const struct xnif_gref_slot *xnif_gref_lookup(const struct xnif_gref_table *t,
					      u32 ref, u32 offset, u32 len,
					      bool write);

/* Multicast addresses a frontend asked for with MCAST_ADD extras. */
struct xnif_mcast_list {
	unsigned int count;
	u8 addr[XNIF_MCAST_MAX][XNIF_ETH_ALEN];
};

int xnif_mcast_add(struct xnif_mcast_list *m, const u8 *addr);
int xnif_mcast_del(struct xnif_mcast_list *m, const u8 *addr);
bool xnif_mcast_match(const struct xnif_mcast_list *m, const u8 *addr);

#endif /* _XEN_NETIF_XNIF_H */
