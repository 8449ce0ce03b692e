// SPDX-License-Identifier: GPL-2.0-only
/*
 * Control ring logic of the backend: the Toeplitz hash, the checks and
 * state changes of each control request, and the multicast filter list.
 *
 * Everything in a request comes from the frontend: each value is checked
 * here before it changes the hash state.  Requests that carry data by
 * grant (the key, mapping entries) are split in two: xnif_ctrl_handle()
 * checks the arguments and says what to copy; once the driver has copied
 * it, xnif_ctrl_set_key() / xnif_ctrl_set_mapping() check the data and
 * commit it.  A mapping is committed whole or not at all.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>

/* The hash types this code can compute, as GET_HASH_FLAGS reports. */
#define XNIF_HASH_TYPES_SUPPORTED	XNIF_CTRL_HASH_TYPE_KNOWN

/* Largest SET_HASH_MAPPING from one granted page, in entries. */
#define XNIF_MAPPING_PER_PAGE	(XNIF_PAGE_SIZE / sizeof(u32))

/**
 * xnif_hash_reset - back to "no hashing": algorithm NONE, no key or table
 * @h: the state to reset
 */
void xnif_hash_reset(struct xnif_hash_state *h)
{
	memset(h, 0, sizeof(*h));
	h->alg = XNIF_CTRL_HASH_ALGORITHM_NONE;
}
EXPORT_SYMBOL_NS_GPL(xnif_hash_reset, XNIF_NS);

/**
 * xnif_toeplitz - the Toeplitz hash of @data under @key
 * @key: the secret key; bytes past @key_len count as zero
 * @key_len: bytes of @key
 * @data: the input, in wire (network) byte order
 * @len: bytes of @data
 *
 * For each set bit of the input, from the most significant bit of
 * data[0] on, the 32 key bits starting at that bit position are XORed
 * into the result.
 *
 * Return: the hash.
 */
u32 xnif_toeplitz(const u8 *key, unsigned int key_len, const u8 *data,
		  unsigned int len)
{
	unsigned int i, bit, next = 4;
	u32 window = 0, hash = 0;

	/* window holds key bits [8i, 8i + 32) while data[i] is worked on */
	for (i = 0; i < 4; i++)
		window = (window << 8) | (i < key_len ? key[i] : 0);

	for (i = 0; i < len; i++) {
		u8 nextb = next < key_len ? key[next] : 0;

		for (bit = 0; bit < 8; bit++) {
			if (data[i] & (0x80 >> bit))
				hash ^= window;
			window = (window << 1) | ((nextb >> (7 - bit)) & 1);
		}
		next++;
	}
	return hash;
}
EXPORT_SYMBOL_NS_GPL(xnif_toeplitz, XNIF_NS);

static u32 ctrl_set_algorithm(struct xnif_hash_state *h, u32 alg)
{
	if (alg != XNIF_CTRL_HASH_ALGORITHM_NONE &&
	    alg != XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ)
		return XNIF_CTRL_STATUS_INVALID_PARAMETER;
	h->alg = alg;
	return XNIF_CTRL_STATUS_SUCCESS;
}

static u32 ctrl_set_flags(struct xnif_hash_state *h, u32 flags)
{
	if (flags & ~XNIF_HASH_TYPES_SUPPORTED)
		return XNIF_CTRL_STATUS_INVALID_PARAMETER;
	/* flags only mean something once an algorithm is chosen */
	if (h->alg == XNIF_CTRL_HASH_ALGORITHM_NONE)
		return XNIF_CTRL_STATUS_INVALID_PARAMETER;
	h->flags = flags;
	return XNIF_CTRL_STATUS_SUCCESS;
}

static u32 ctrl_set_mapping_size(struct xnif_hash_state *h, u32 size)
{
	if (size > XNIF_HASH_MAPPING_MAX)
		return XNIF_CTRL_STATUS_INVALID_PARAMETER;
	h->size = size;
	memset(h->mapping, 0, sizeof(h->mapping));
	return XNIF_CTRL_STATUS_SUCCESS;
}

/* SET_HASH_KEY: data[0] gref, data[1] length in bytes. */
static enum xnif_ctrl_action ctrl_key(const struct xnif_ctrl_request *req,
				      struct xnif_ctrl_response *rsp,
				      struct xnif_ctrl_copy *copy)
{
	if (req->data[1] > XNIF_HASH_KEY_SIZE) {
		rsp->status = XNIF_CTRL_STATUS_BUFFER_OVERFLOW;
		return XNIF_CTRL_DONE;
	}
	copy->gref = req->data[0];
	copy->len = req->data[1];
	copy->first = 0;
	return XNIF_CTRL_COPY_KEY;
}

/* SET_HASH_MAPPING: data[0] gref, data[1] entries, data[2] first entry. */
static enum xnif_ctrl_action ctrl_mapping(const struct xnif_hash_state *h,
					  const struct xnif_ctrl_request *req,
					  struct xnif_ctrl_response *rsp,
					  struct xnif_ctrl_copy *copy)
{
	u32 nr = req->data[1], first = req->data[2];

	/* first + nr may wrap in u32: compare without adding */
	if (nr > XNIF_MAPPING_PER_PAGE || first > h->size ||
	    nr > h->size - first) {
		rsp->status = XNIF_CTRL_STATUS_INVALID_PARAMETER;
		return XNIF_CTRL_DONE;
	}
	copy->gref = req->data[0];
	copy->len = nr * sizeof(u32);
	copy->first = first;
	return XNIF_CTRL_COPY_MAPPING;
}

/**
 * xnif_ctrl_handle - check one control request and act on it
 * @h: the vif's hash state
 * @req: the request, copied once from the ring
 * @rsp: filled in: id and type echoed, status and data
 * @copy: for the COPY actions, what to grant-copy
 *
 * Return: XNIF_CTRL_DONE when @rsp is final; XNIF_CTRL_COPY_KEY or
 * XNIF_CTRL_COPY_MAPPING when the caller must copy @copy->len bytes from
 * @copy->gref and pass them to xnif_ctrl_set_key() or
 * xnif_ctrl_set_mapping(), whose result goes into @rsp->status.
 */
enum xnif_ctrl_action xnif_ctrl_handle(struct xnif_hash_state *h,
				       const struct xnif_ctrl_request *req,
				       struct xnif_ctrl_response *rsp,
				       struct xnif_ctrl_copy *copy)
{
	rsp->id = req->id;
	rsp->type = req->type;
	rsp->status = XNIF_CTRL_STATUS_SUCCESS;
	rsp->data = 0;

	switch (req->type) {
	case XNIF_CTRL_TYPE_SET_HASH_ALGORITHM:
		rsp->status = ctrl_set_algorithm(h, req->data[0]);
		break;
	case XNIF_CTRL_TYPE_GET_HASH_FLAGS:
		rsp->data = XNIF_HASH_TYPES_SUPPORTED;
		break;
	case XNIF_CTRL_TYPE_SET_HASH_FLAGS:
		rsp->status = ctrl_set_flags(h, req->data[0]);
		break;
	case XNIF_CTRL_TYPE_SET_HASH_KEY:
		return ctrl_key(req, rsp, copy);
	case XNIF_CTRL_TYPE_GET_HASH_MAPPING_SIZE:
		rsp->data = XNIF_HASH_MAPPING_MAX;
		break;
	case XNIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE:
		rsp->status = ctrl_set_mapping_size(h, req->data[0]);
		break;
	case XNIF_CTRL_TYPE_SET_HASH_MAPPING:
		return ctrl_mapping(h, req, rsp, copy);
	default:
		rsp->status = XNIF_CTRL_STATUS_NOT_SUPPORTED;
		break;
	}
	return XNIF_CTRL_DONE;
}
EXPORT_SYMBOL_NS_GPL(xnif_ctrl_handle, XNIF_NS);

/**
 * xnif_ctrl_set_key - commit a key copied for SET_HASH_KEY
 * @h: the vif's hash state
 * @key: the copied bytes
 * @len: their number (as checked by xnif_ctrl_handle())
 *
 * Return: the XNIF_CTRL_STATUS_* for the response.
 */
u32 xnif_ctrl_set_key(struct xnif_hash_state *h, const u8 *key, u32 len)
{
	if (len > XNIF_HASH_KEY_SIZE)
		return XNIF_CTRL_STATUS_BUFFER_OVERFLOW;
	memset(h->key, 0, sizeof(h->key));
	if (len)
		memcpy(h->key, key, len);
	return XNIF_CTRL_STATUS_SUCCESS;
}
EXPORT_SYMBOL_NS_GPL(xnif_ctrl_set_key, XNIF_NS);

/**
 * xnif_ctrl_set_mapping - commit mapping entries copied for SET_HASH_MAPPING
 * @h: the vif's hash state
 * @entries: the copied entries (queue numbers)
 * @nr: their number
 * @first: the first table entry they replace
 * @num_queues: each entry must be below this
 *
 * Nothing changes unless every entry is valid.
 *
 * Return: the XNIF_CTRL_STATUS_* for the response.
 */
u32 xnif_ctrl_set_mapping(struct xnif_hash_state *h, const u32 *entries,
			  u32 nr, u32 first, unsigned int num_queues)
{
	u32 i;

	if (first > h->size || nr > h->size - first)
		return XNIF_CTRL_STATUS_INVALID_PARAMETER;
	for (i = 0; i < nr; i++)
		if (entries[i] >= num_queues || entries[i] > U16_MAX)
			return XNIF_CTRL_STATUS_INVALID_PARAMETER;
	for (i = 0; i < nr; i++)
		h->mapping[first + i] = entries[i];
	return XNIF_CTRL_STATUS_SUCCESS;
}
EXPORT_SYMBOL_NS_GPL(xnif_ctrl_set_mapping, XNIF_NS);

/**
 * xnif_hash_type - the hash type to use for a packet
 * @flags: XNIF_CTRL_HASH_TYPE_* the frontend enabled
 * @ipv6: an IPv6 packet (else IPv4)
 * @tcp: a TCP packet with its ports at hand
 *
 * Prefers the type with ports when the packet is TCP and it is enabled.
 *
 * Return: an XNIF_CTRL_HASH_TYPE_*_BIT, or -ENOENT if none applies.
 */
int xnif_hash_type(u32 flags, bool ipv6, bool tcp)
{
	int l4 = ipv6 ? XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT :
			XNIF_CTRL_HASH_TYPE_IPV4_TCP_BIT;
	int l3 = ipv6 ? XNIF_CTRL_HASH_TYPE_IPV6_BIT :
			XNIF_CTRL_HASH_TYPE_IPV4_BIT;

	if (tcp && (flags & (1U << l4)))
		return l4;
	if (flags & (1U << l3))
		return l3;
	return -ENOENT;
}
EXPORT_SYMBOL_NS_GPL(xnif_hash_type, XNIF_NS);

/**
 * xnif_hash_queue - the queue a hash maps to
 * @h: the vif's hash state
 * @hash: the packet's hash
 * @num_queues: connected queues (>= 1)
 *
 * Without a mapping table the hash picks the queue directly.  A table
 * entry that is not below @num_queues (queues went away since it was
 * set) falls back the same way.
 *
 * Return: a queue number below @num_queues.
 */
unsigned int xnif_hash_queue(const struct xnif_hash_state *h, u32 hash,
			     unsigned int num_queues)
{
	u32 q;

	if (!num_queues)
		return 0;
	if (!h->size || h->size > XNIF_HASH_MAPPING_MAX)
		return hash % num_queues;
	q = h->mapping[hash % h->size];
	return q < num_queues ? q : hash % num_queues;
}
EXPORT_SYMBOL_NS_GPL(xnif_hash_queue, XNIF_NS);

static int mcast_find(const struct xnif_mcast_list *m, const u8 *addr)
{
	unsigned int i;

	for (i = 0; i < m->count && i < XNIF_MCAST_MAX; i++)
		if (!memcmp(m->addr[i], addr, XNIF_ETH_ALEN))
			return i;
	return -ENOENT;
}

/**
 * xnif_mcast_add - add a multicast address to the filter
 * @m: the list
 * @addr: a multicast MAC (group bit set)
 *
 * Return: 0 (also if already there), -EINVAL for a unicast address,
 * -ENOSPC if the list holds XNIF_MCAST_MAX addresses.
 */
int xnif_mcast_add(struct xnif_mcast_list *m, const u8 *addr)
{
	if (!(addr[0] & 1))
		return -EINVAL;
	if (mcast_find(m, addr) >= 0)
		return 0;
	if (m->count >= XNIF_MCAST_MAX)
		return -ENOSPC;
	memcpy(m->addr[m->count++], addr, XNIF_ETH_ALEN);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_mcast_add, XNIF_NS);

/**
 * xnif_mcast_del - remove a multicast address from the filter
 * @m: the list
 * @addr: the address
 *
 * Return: 0, or -ENOENT if it was not in the list.
 */
int xnif_mcast_del(struct xnif_mcast_list *m, const u8 *addr)
{
	int i = mcast_find(m, addr);

	if (i < 0)
		return i;
	m->count--;
	if ((unsigned int)i != m->count)
		memcpy(m->addr[i], m->addr[m->count], XNIF_ETH_ALEN);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_mcast_del, XNIF_NS);

/**
 * xnif_mcast_match - may a frame to @addr go to the guest?
 * @m: the list
 * @addr: the frame's destination MAC
 *
 * Return: true for unicast and broadcast, and for multicast in the list.
 */
bool xnif_mcast_match(const struct xnif_mcast_list *m, const u8 *addr)
{
	static const u8 bcast[XNIF_ETH_ALEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff
	};

	if (!(addr[0] & 1) || !memcmp(addr, bcast, XNIF_ETH_ALEN))
		return true;
	return mcast_find(m, addr) >= 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_mcast_match, XNIF_NS);
