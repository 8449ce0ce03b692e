// SPDX-License-Identifier: GPL-2.0-only
/*
 * xnif_qstats IFNAME: a device's per-queue statistics as netlink shows
 * them (generic netlink family "netdev", NETDEV_CMD_QSTATS_GET), for
 * the test bed's guests, which have neither ynl nor an ip that asks.
 * Built statically by images.sh into the guest image.
 *
 * Two dumps: one per queue (scope queue), one for the device (no scope:
 * the driver's base stats plus every queue, summed by the core).  Prints
 *
 *	queue rx|tx ID packets N bytes N [alloc_fail N]
 *	device rx_packets N rx_bytes N tx_packets N tx_bytes N
 *	queues rx_packets N rx_bytes N tx_packets N tx_bytes N
 *	base rx_packets N rx_bytes N tx_packets N tx_bytes N
 *
 * where queues is the sum of the queue lines and base = device - queues
 * (what the driver reports as not belonging to a live queue; negative
 * if the two dumps disagree).
 *
 * Exit status: 0; 2 when the kernel or the device has no queue stats
 * (no "netdev" family, no such command, or EOPNOTSUPP); 1 on any other
 * error.
 */
#include <errno.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

/* <linux/netdev.h> of 6.9+ (uapi, fixed values); the build host may be older */
#define Q_CMD_QSTATS_GET	12
#define Q_A_IFINDEX		1
#define Q_A_QUEUE_TYPE		2
#define Q_A_QUEUE_ID		3
#define Q_A_SCOPE		4
#define Q_A_RX_PACKETS		8
#define Q_A_RX_BYTES		9
#define Q_A_TX_PACKETS		10
#define Q_A_TX_BYTES		11
#define Q_A_RX_ALLOC_FAIL	12
#define Q_SCOPE_QUEUE		1
#define Q_TYPE_RX		0

#define NOT_SET			UINT64_MAX

struct qs {
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes, alloc_fail;
	uint32_t type, id;
};

static int fd;
static uint32_t seq;
static char buf[1 << 16];

/* One request: nlmsghdr, genlmsghdr and attributes appended to it. */
struct req {
	struct nlmsghdr nh;
	struct genlmsghdr gh;
	char attrs[256];
};

static void put_attr(struct req *r, uint16_t type, const void *data,
		     uint16_t len)
{
	struct nlattr *a = (struct nlattr *)((char *)r + NLMSG_ALIGN(r->nh.nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy((char *)a + NLA_HDRLEN, data, len);
	r->nh.nlmsg_len = NLMSG_ALIGN(r->nh.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static void req_init(struct req *r, uint16_t family, uint8_t cmd,
		     uint16_t flags)
{
	memset(r, 0, sizeof(*r));
	r->nh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->nh.nlmsg_type = family;
	r->nh.nlmsg_flags = NLM_F_REQUEST | flags;
	r->nh.nlmsg_seq = ++seq;
	r->gh.cmd = cmd;
	r->gh.version = 1;
}

static uint64_t attr_uint(const struct nlattr *a)
{
	const char *p = (const char *)a + NLA_HDRLEN;
	uint32_t v32;
	uint64_t v64;

	if (a->nla_len - NLA_HDRLEN == 8) {
		memcpy(&v64, p, 8);
		return v64;
	}
	memcpy(&v32, p, 4);
	return v32;
}

/*
 * Send @r and hand each answer's genl payload to @fn until the end of
 * the answer: its one message, or a dump's NLMSG_DONE.  Returns 0, or a
 * negative errno the kernel answered.
 */
static int transact(struct req *r,
		    void (*fn)(const struct genlmsghdr *, int, void *),
		    void *arg)
{
	struct nlmsghdr *nh;
	int n, err;

	if (send(fd, r, r->nh.nlmsg_len, 0) < 0) {
		perror("send");
		exit(1);
	}
	for (;;) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			perror("recv");
			exit(1);
		}
		for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, n);
		     nh = NLMSG_NEXT(nh, n)) {
			if (nh->nlmsg_seq != r->nh.nlmsg_seq)
				continue;
			if (nh->nlmsg_type == NLMSG_ERROR) {
				err = ((struct nlmsgerr *)NLMSG_DATA(nh))->error;
				if (err || !(r->nh.nlmsg_flags & NLM_F_DUMP))
					return err;
				continue;
			}
			if (nh->nlmsg_type == NLMSG_DONE) {
				if (nh->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) {
					memcpy(&err, NLMSG_DATA(nh), sizeof(int));
					return err;
				}
				return 0;
			}
			fn(NLMSG_DATA(nh), nh->nlmsg_len - NLMSG_HDRLEN, arg);
			/* a dump ends with NLMSG_DONE; netdev's dump
			 * messages do not all carry NLM_F_MULTI
			 */
			if (!(r->nh.nlmsg_flags & NLM_F_DUMP))
				return 0;
		}
	}
}

#define FOR_ATTRS(a, gh, len)						\
	for (a = (const struct nlattr *)((const char *)(gh) + GENL_HDRLEN);	\
	     (const char *)a + NLA_HDRLEN <= (const char *)(gh) + (len) &&	\
	     a->nla_len >= NLA_HDRLEN &&					\
	     (const char *)a + a->nla_len <= (const char *)(gh) + (len);	\
	     a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len)))

static void got_family(const struct genlmsghdr *gh, int len, void *arg)
{
	const struct nlattr *a;

	FOR_ATTRS(a, gh, len)
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			memcpy(arg, (const char *)a + NLA_HDRLEN, 2);
}

static struct qs queues[512];
static unsigned int nq;
static struct qs dev_total;
static int have_dev;

static void got_stats(const struct genlmsghdr *gh, int len, void *arg)
{
	struct qs s = { NOT_SET, NOT_SET, NOT_SET, NOT_SET, NOT_SET,
			UINT32_MAX, UINT32_MAX };
	const struct nlattr *a;

	FOR_ATTRS(a, gh, len) {
		switch (a->nla_type) {
		case Q_A_QUEUE_TYPE:
			s.type = attr_uint(a);
			break;
		case Q_A_QUEUE_ID:
			s.id = attr_uint(a);
			break;
		case Q_A_RX_PACKETS:
			s.rx_packets = attr_uint(a);
			break;
		case Q_A_RX_BYTES:
			s.rx_bytes = attr_uint(a);
			break;
		case Q_A_TX_PACKETS:
			s.tx_packets = attr_uint(a);
			break;
		case Q_A_TX_BYTES:
			s.tx_bytes = attr_uint(a);
			break;
		case Q_A_RX_ALLOC_FAIL:
			s.alloc_fail = attr_uint(a);
			break;
		}
	}
	if (arg) {
		dev_total = s;
		have_dev = 1;
	}
	else if (nq < sizeof(queues) / sizeof(queues[0]))
		queues[nq++] = s;
}

static uint64_t z(uint64_t v)
{
	return v == NOT_SET ? 0 : v;
}

static int no_qstats(int err)
{
	return err == -EOPNOTSUPP || err == -ENOENT || err == -EINVAL;
}

int main(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	uint64_t sum[4] = { 0 };
	uint16_t family = 0;
	uint32_t ifindex, scope = Q_SCOPE_QUEUE;
	struct req r;
	unsigned int i;
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: %s IFNAME\n", argv[0]);
		return 1;
	}
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex) {
		perror(argv[1]);
		return 1;
	}
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("netlink");
		return 1;
	}

	req_init(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	put_attr(&r, CTRL_ATTR_FAMILY_NAME, "netdev", sizeof("netdev"));
	err = transact(&r, got_family, &family);
	if (err || !family) {
		fprintf(stderr, "no genetlink family netdev: %s\n", strerror(-err));
		return no_qstats(err) ? 2 : 1;
	}

	req_init(&r, family, Q_CMD_QSTATS_GET, NLM_F_DUMP);
	put_attr(&r, Q_A_IFINDEX, &ifindex, 4);
	put_attr(&r, Q_A_SCOPE, &scope, 4);
	err = transact(&r, got_stats, NULL);
	if (!err) {
		req_init(&r, family, Q_CMD_QSTATS_GET, NLM_F_DUMP);
		put_attr(&r, Q_A_IFINDEX, &ifindex, 4);
		err = transact(&r, got_stats, &dev_total);
	}
	if (err) {
		fprintf(stderr, "qstats-get %s: %s\n", argv[1], strerror(-err));
		return no_qstats(err) ? 2 : 1;
	}
	if (!have_dev) {
		fprintf(stderr, "qstats-get %s: no answer for the device\n", argv[1]);
		return 1;
	}

	for (i = 0; i < nq; i++) {
		struct qs *q = &queues[i];

		if (q->type == Q_TYPE_RX) {
			printf("queue rx %u packets %llu bytes %llu alloc_fail %llu\n",
			       q->id, (unsigned long long)z(q->rx_packets),
			       (unsigned long long)z(q->rx_bytes),
			       (unsigned long long)z(q->alloc_fail));
			sum[0] += z(q->rx_packets);
			sum[1] += z(q->rx_bytes);
		} else {
			printf("queue tx %u packets %llu bytes %llu\n", q->id,
			       (unsigned long long)z(q->tx_packets),
			       (unsigned long long)z(q->tx_bytes));
			sum[2] += z(q->tx_packets);
			sum[3] += z(q->tx_bytes);
		}
	}
	printf("device rx_packets %llu rx_bytes %llu tx_packets %llu tx_bytes %llu\n",
	       (unsigned long long)z(dev_total.rx_packets),
	       (unsigned long long)z(dev_total.rx_bytes),
	       (unsigned long long)z(dev_total.tx_packets),
	       (unsigned long long)z(dev_total.tx_bytes));
	printf("queues rx_packets %llu rx_bytes %llu tx_packets %llu tx_bytes %llu\n",
	       (unsigned long long)sum[0], (unsigned long long)sum[1],
	       (unsigned long long)sum[2], (unsigned long long)sum[3]);
	printf("base rx_packets %lld rx_bytes %lld tx_packets %lld tx_bytes %lld\n",
	       (long long)(z(dev_total.rx_packets) - sum[0]),
	       (long long)(z(dev_total.rx_bytes) - sum[1]),
	       (long long)(z(dev_total.tx_packets) - sum[2]),
	       (long long)(z(dev_total.tx_bytes) - sum[3]));
	return 0;
}
