// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsing of XenStore values and building of per-queue key names.
 *
 * XenStore values are written by the peer or the toolstack, so they are
 * parsed strictly: exactly the expected characters, nothing before or
 * after them, no silent overflow.  Errors: -EINVAL for a malformed value,
 * -ERANGE for a well formed number out of range.
 */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>

/* Largest value xnif_parse_rate() accepts for the interval. */
#define XS_RATE_MAX_USECS	0xFFFFFFFFULL

static bool xs_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Parse the decimal digits at *@sp up to the first non-digit, and leave
 * *@sp there.  At least one digit is needed.
 */
static int xs_parse_digits(const char **sp, u64 *val)
{
	const char *s = *sp;
	bool big = false;
	u64 v = 0;

	if (!xs_is_digit(*s))
		return -EINVAL;
	for (; xs_is_digit(*s); s++) {
		unsigned int d = *s - '0';

		if (v > (~0ULL - d) / 10)
			big = true;
		else
			v = v * 10 + d;
	}
	*sp = s;
	*val = v;
	return big ? -ERANGE : 0;
}

/**
 * xnif_parse_u64 - parse an unsigned decimal XenStore value
 * @s: the value: one or more digits and nothing else
 * @max: largest value accepted
 * @val: receives the value; untouched on error
 *
 * No sign, spaces, base prefix or trailing newline are accepted.  Leading
 * zeros are.
 *
 * Return: 0, -EINVAL if @s is not a decimal number, -ERANGE if it is
 * above @max (or above U64_MAX).
 */
int xnif_parse_u64(const char *s, u64 max, u64 *val)
{
	u64 v;
	int err;

	err = xs_parse_digits(&s, &v);
	if (err == -EINVAL || *s)
		return -EINVAL;
	if (err)
		return err;
	if (v > max)
		return -ERANGE;
	*val = v;
	return 0;
}

/**
 * xnif_parse_u32 - parse an unsigned decimal XenStore value in a range
 * @s: the value, as for xnif_parse_u64()
 * @min: smallest value accepted
 * @max: largest value accepted
 * @val: receives the value; untouched on error
 *
 * Return: 0, -EINVAL if @s is not a decimal number, -ERANGE if it is
 * outside [@min, @max].
 */
int xnif_parse_u32(const char *s, u32 min, u32 max, u32 *val)
{
	u64 v;
	int err;

	err = xnif_parse_u64(s, max, &v);
	if (err)
		return err;
	if (v < min)
		return -ERANGE;
	*val = v;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_parse_u32, XNIF_NS);

/**
 * xnif_parse_bool - parse a feature flag
 * @s: the value, exactly "0" or "1"
 * @val: receives the flag; untouched on error
 *
 * Return: 0 or -EINVAL.
 */
int xnif_parse_bool(const char *s, bool *val)
{
	if ((s[0] != '0' && s[0] != '1') || s[1])
		return -EINVAL;
	*val = s[0] == '1';
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_parse_bool, XNIF_NS);

/**
 * xnif_parse_mac - parse a MAC address
 * @s: the value, "aa:bb:cc:dd:ee:ff": six pairs of hex digits (either
 *     case) separated by colons, nothing else
 * @mac: receives the address; untouched on error
 * @multicast: if not NULL, receives whether it is a multicast address
 *
 * Return: 0 or -EINVAL.
 */
int xnif_parse_mac(const char *s, u8 mac[XNIF_ETH_ALEN], bool *multicast)
{
	u8 addr[XNIF_ETH_ALEN];
	int i, hi, lo;

	for (i = 0; i < XNIF_ETH_ALEN; i++, s += 3) {
		hi = hex_to_bin(s[0]);
		if (hi < 0)
			return -EINVAL;
		lo = hex_to_bin(s[1]);
		if (lo < 0)
			return -EINVAL;
		if (s[2] != (i == XNIF_ETH_ALEN - 1 ? '\0' : ':'))
			return -EINVAL;
		addr[i] = hi << 4 | lo;
	}
	memcpy(mac, addr, sizeof(addr));
	if (multicast)
		*multicast = addr[0] & 1;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_parse_mac, XNIF_NS);

/**
 * xnif_parse_rate - parse the backend's "rate" key
 * @s: the value, "<bytes>,<usecs>": credit in bytes per interval and the
 *     interval in microseconds, both unsigned decimal
 * @bytes: receives the credit (0..U64_MAX); untouched on error
 * @usecs: receives the interval (1..U32_MAX, as kernel timers take an
 *         unsigned int of microseconds); untouched on error
 *
 * Return: 0, -EINVAL if malformed, -ERANGE if a number is out of range.
 */
int xnif_parse_rate(const char *s, u64 *bytes, u64 *usecs)
{
	int err_b, err_u;
	u64 b, u;

	/* Syntax first, so that garbage is reported as such. */
	err_b = xs_parse_digits(&s, &b);
	if (err_b == -EINVAL || *s != ',')
		return -EINVAL;
	s++;
	err_u = xs_parse_digits(&s, &u);
	if (err_u == -EINVAL || *s)
		return -EINVAL;

	if (err_b || err_u || !u || u > XS_RATE_MAX_USECS)
		return -ERANGE;

	*bytes = b;
	*usecs = u;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_parse_rate, XNIF_NS);

/* snprintf() into @buf; the length, or -ENOSPC if it did not fit. */
static int xs_fit(int len, size_t size)
{
	if (len < 0 || (size_t)len >= size)
		return -ENOSPC;
	return len;
}

/**
 * xnif_queue_prefix - directory prefix of one queue's keys
 * @buf: receives the prefix, NUL terminated
 * @size: bytes in @buf
 * @nr_queues: queues in use (1 or more)
 * @queue: the queue (below @nr_queues)
 *
 * With one queue the keys are flat and the prefix is ""; with more, each
 * queue's keys live under "queue-<n>/".
 *
 * Return: length of the prefix, -EINVAL for a bad @queue or @nr_queues,
 * -ENOSPC if @buf is too small (its contents are then undefined).
 */
int xnif_queue_prefix(char *buf, size_t size, unsigned int nr_queues,
		      unsigned int queue)
{
	if (!nr_queues || queue >= nr_queues)
		return -EINVAL;
	if (nr_queues == 1)
		return xs_fit(snprintf(buf, size, "%s", ""), size);
	return xs_fit(snprintf(buf, size, "queue-%u/", queue), size);
}
EXPORT_SYMBOL_NS_GPL(xnif_queue_prefix, XNIF_NS);

/**
 * xnif_queue_key - name of one queue's key, relative to the device
 * @buf: receives the name, NUL terminated
 * @size: bytes in @buf
 * @nr_queues: queues in use (1 or more)
 * @queue: the queue (below @nr_queues)
 * @key: the key's own name, e.g. "tx-ring-ref"; not empty, no '/'
 *
 * Return: length of the name, -EINVAL for bad arguments, -ENOSPC
 * if @buf is too small (its contents are then undefined).
 */
int xnif_queue_key(char *buf, size_t size, unsigned int nr_queues,
		   unsigned int queue, const char *key)
{
	if (!nr_queues || queue >= nr_queues)
		return -EINVAL;
	if (!key || !*key || strchr(key, '/'))
		return -EINVAL;
	if (nr_queues == 1)
		return xs_fit(snprintf(buf, size, "%s", key), size);
	return xs_fit(snprintf(buf, size, "queue-%u/%s", queue, key), size);
}
EXPORT_SYMBOL_NS_GPL(xnif_queue_key, XNIF_NS);

/**
 * xnif_fe_conn_key - is @name a key a frontend writes for one connection
 * @name: an entry of the frontend's device directory
 *
 * Ring references (one-page or numbered), event channels, "queue-N"
 * directories, ring-page-order, multi-queue-num-queues, the staging keys
 * and the control ring's: what the next handshake writes afresh, so what
 * goes first, from whichever frontend wrote it.  Not the device's own
 * keys (mac, handle, backend, state ...) nor the feature and request
 * flags.
 *
 * Return: true if @name is of one of those families.
 */
bool xnif_fe_conn_key(const char *name)
{
	static const char * const families[] = {
		"tx-ring-ref", "rx-ring-ref", "event-channel", "queue-",
		"tx-data-", "rx-data-", "ctrl-ring-ref",
	};
	unsigned int i;

	if (!strcmp(name, XNIF_KEY_RING_ORDER) ||
	    !strcmp(name, "multi-queue-num-queues"))
		return true;
	for (i = 0; i < ARRAY_SIZE(families); i++)
		if (!strncmp(name, families[i], strlen(families[i])))
			return true;
	return false;
}
EXPORT_SYMBOL_NS_GPL(xnif_fe_conn_key, XNIF_NS);

/**
 * xnif_fe_nodes - XenStore nodes a frontend's keys take for one vif
 * @nr_queues: queues (1 or more)
 * @order: ring order, 0..XNIF_RING_MAX_ORDER
 * @split: split event channels (two per queue, else one)
 * @staged: directions staged, 0..2
 *
 * Our frontend's device-wide keys (XNIF_FE_DEVICE_NODES, and
 * ring-page-order above order 0), and per queue its ring refs (one per
 * ring at order 0, 2^@order above), event channels and staging keys (a
 * length and the list refs per direction), plus a "queue-N" directory
 * node per queue when there are several: what xenstored's per-domain
 * node quota counts (Documentation/networking/xen-netif.rst, "XenStore
 * node budget").
 *
 * Return: the node count; 0 for arguments out of range.
 */
unsigned int xnif_fe_nodes(unsigned int nr_queues, unsigned int order,
			   bool split, unsigned int staged)
{
	unsigned int per_queue, list;

	if (!nr_queues || nr_queues > U16_MAX ||
	    order > XNIF_RING_MAX_ORDER || staged > 2)
		return 0;
	list = xnif_data_list_pages(xnif_order_tx_entries(order));
	per_queue = 2 * (1U << order) + (split ? 2 : 1) + staged * (1 + list);
	return XNIF_FE_DEVICE_NODES + (order ? 1 : 0) +
	       nr_queues * (per_queue + (nr_queues > 1 ? 1 : 0));
}
EXPORT_SYMBOL_NS_GPL(xnif_fe_nodes, XNIF_NS);

