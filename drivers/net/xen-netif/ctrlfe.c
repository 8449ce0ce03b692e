// SPDX-License-Identifier: GPL-2.0-only
/*
 * Control ring logic of the frontend: checking the backend's answers,
 * turning their status into an errno, the hash fields each packet kind
 * gets under a set of hash types (what ethtool's rx-flow-hash shows and
 * sets), and the hash-to-queue mapping (ethtool's indirection table).
 *
 * The backend's side of the same requests is ctrl.c.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/types.h>

#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>

/**
 * xnif_ctrl_rsp_check - does a response answer the request in flight?
 * @rsp: the response, copied once from the ring
 * @id: id of the one request the frontend has in flight
 * @type: its type
 *
 * Return: 0 if @rsp answers that request (its status may still say it
 * failed), -EPROTO if it names another id or type.
 */
int xnif_ctrl_rsp_check(const struct xnif_ctrl_response *rsp, u16 id,
			u16 type)
{
	if (rsp->id != id || rsp->type != type)
		return -EPROTO;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_ctrl_rsp_check, XNIF_NS);

/**
 * xnif_ctrl_status_errno - the errno for a control response's status
 * @status: the response's status, as the backend wrote it
 *
 * Return: 0 for SUCCESS, -EOPNOTSUPP for NOT_SUPPORTED, -EINVAL for
 * INVALID_PARAMETER, -EMSGSIZE for BUFFER_OVERFLOW, -EPROTO for a value
 * no backend may send.
 */
int xnif_ctrl_status_errno(u32 status)
{
	switch (status) {
	case XNIF_CTRL_STATUS_SUCCESS:
		return 0;
	case XNIF_CTRL_STATUS_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case XNIF_CTRL_STATUS_INVALID_PARAMETER:
		return -EINVAL;
	case XNIF_CTRL_STATUS_BUFFER_OVERFLOW:
		return -EMSGSIZE;
	default:
		return -EPROTO;
	}
}
EXPORT_SYMBOL_NS_GPL(xnif_ctrl_status_errno, XNIF_NS);

/* The type bits for addresses (l3) and for addresses plus ports (l4). */
static void hash_bits(bool ipv6, u32 *l3, u32 *l4)
{
	*l3 = ipv6 ? XNIF_CTRL_HASH_TYPE_IPV6 : XNIF_CTRL_HASH_TYPE_IPV4;
	*l4 = ipv6 ? XNIF_CTRL_HASH_TYPE_IPV6_TCP :
		     XNIF_CTRL_HASH_TYPE_IPV4_TCP;
}

/**
 * xnif_hash_fields_get - what goes into the hash of one kind of packet
 * @flags: the XNIF_CTRL_HASH_TYPE_* in use
 * @ipv6: IPv6 packets (else IPv4)
 * @tcp: TCP packets (else any other protocol over that IP)
 *
 * A TCP packet is hashed with its ports when the TCP type is on, else by
 * its addresses when the plain IP type is on (as the backend picks the
 * type, xnif_hash_type()); other packets only by addresses.
 *
 * Return: the XNIF_HASH_FIELDS_* those packets get.
 */
enum xnif_hash_fields xnif_hash_fields_get(u32 flags, bool ipv6, bool tcp)
{
	u32 l3, l4;

	hash_bits(ipv6, &l3, &l4);
	if (tcp && (flags & l4))
		return XNIF_HASH_FIELDS_PORTS;
	if (flags & l3)
		return XNIF_HASH_FIELDS_ADDRS;
	return XNIF_HASH_FIELDS_NONE;
}
EXPORT_SYMBOL_NS_GPL(xnif_hash_fields_get, XNIF_NS);

/**
 * xnif_hash_fields_set - change the hash types for one kind of packet
 * @flags: in/out: the XNIF_CTRL_HASH_TYPE_* in use; untouched on error
 * @ipv6: IPv6 packets (else IPv4)
 * @tcp: TCP packets (else any other protocol over that IP)
 * @fields: what those packets are to be hashed by
 *
 * The protocol has one type for all packets of an IP version and one
 * more for its TCP packets, so a choice for non-TCP packets also holds
 * for TCP ones without their own type, and TCP packets can be left
 * unhashed only while the others are too.
 *
 * Return: 0, or -EINVAL for what the types cannot say: ports of a
 * non-TCP packet, no hash for TCP while the IP type is on, or an
 * unknown @fields.
 */
int xnif_hash_fields_set(u32 *flags, bool ipv6, bool tcp,
			 enum xnif_hash_fields fields)
{
	u32 l3, l4, f = *flags;

	hash_bits(ipv6, &l3, &l4);
	switch (fields) {
	case XNIF_HASH_FIELDS_NONE:
		/* TCP falls back to the IP type: that must be off too */
		if (tcp && (f & l3))
			return -EINVAL;
		f &= tcp ? ~l4 : ~l3;
		break;
	case XNIF_HASH_FIELDS_ADDRS:
		f |= l3;
		if (tcp)
			f &= ~l4;
		break;
	case XNIF_HASH_FIELDS_PORTS:
		if (!tcp)
			return -EINVAL;
		f |= l4;
		break;
	default:
		return -EINVAL;
	}
	*flags = f;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_hash_fields_set, XNIF_NS);

/**
 * xnif_hash_mapping_fill - the even mapping: entry i to queue i % @nq
 * @map: the table
 * @size: its entries
 * @nq: queues (0 counts as 1)
 */
void xnif_hash_mapping_fill(u32 *map, unsigned int size, unsigned int nq)
{
	unsigned int i;

	if (!nq)
		nq = 1;
	for (i = 0; i < size; i++)
		map[i] = i % nq;
}
EXPORT_SYMBOL_NS_GPL(xnif_hash_mapping_fill, XNIF_NS);

/**
 * xnif_hash_mapping_fits - may a mapping be sent for @nq queues?
 * @map: the table
 * @size: its entries, 1..XNIF_HASH_MAPPING_MAX
 * @nq: queues connected
 *
 * A backend refuses the whole table if one entry names a queue it does
 * not have (after a reconnect with fewer queues, say).
 *
 * Return: true if every entry is below @nq and @size is in range.
 */
bool xnif_hash_mapping_fits(const u32 *map, unsigned int size,
			    unsigned int nq)
{
	unsigned int i;

	if (!size || size > XNIF_HASH_MAPPING_MAX)
		return false;
	for (i = 0; i < size; i++)
		if (map[i] >= nq)
			return false;
	return true;
}
EXPORT_SYMBOL_NS_GPL(xnif_hash_mapping_fits, XNIF_NS);
