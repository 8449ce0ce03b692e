/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the test bed's XDP programs need, without libbpf's headers (not
 * installed on the build host): section names, one helper, byte order.
 */
#ifndef _XDP_TB_H
#define _XDP_TB_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>

#define SEC(name)	__attribute__((section(name), used))

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define tb_htons(x)	__builtin_bswap16(x)
#else
#define tb_htons(x)	(x)
#endif

/* BPF_FUNC_redirect */
static long (* const tb_redirect)(__u32 ifindex, __u64 flags) = (void *)23;

char _license[] SEC("license") = "GPL";

/* <linux/icmp.h> pulls in libc headers: the 8 bytes we need. */
struct tb_icmp {
	__u8	type;
	__u8	code;
	__u16	checksum;
	__u32	rest;
};
#define TB_ICMP_ECHOREPLY	0
#define TB_ICMP_ECHO		8

/*
 * Turn an ICMP echo request to IPv4 into the echo reply, in place: swap
 * MACs and addresses, type 8 -> 0, checksum adjusted. Returns 1 if it
 * did, 0 for any other frame.
 */
static inline __attribute__((always_inline)) int tb_echo_reply(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct tb_icmp *icmp = data + sizeof(*eth) + sizeof(*ip);
	unsigned char mac[ETH_ALEN];
	__u32 addr, sum;
	int i;

	if ((void *)(icmp + 1) > end)
		return 0;
	if (eth->h_proto != tb_htons(ETH_P_IP) || ip->ihl != 5 ||
	    ip->protocol != IPPROTO_ICMP || icmp->type != TB_ICMP_ECHO)
		return 0;
	for (i = 0; i < ETH_ALEN; i++) {
		mac[i] = eth->h_dest[i];
		eth->h_dest[i] = eth->h_source[i];
		eth->h_source[i] = mac[i];
	}
	addr = ip->saddr;
	ip->saddr = ip->daddr;
	ip->daddr = addr;
	icmp->type = TB_ICMP_ECHOREPLY;
	/* one's complement: the type byte went down by 8 */
	sum = icmp->checksum + tb_htons(TB_ICMP_ECHO << 8);
	icmp->checksum = sum + (sum >> 16);
	return 1;
}

#endif /* _XDP_TB_H */
