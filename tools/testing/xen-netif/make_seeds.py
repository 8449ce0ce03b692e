#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the small seed corpus for the libFuzzer targets into corpus/.

Run from this directory after changing the input format of a fuzz target;
the files it writes are committed.  Each seed is one well-formed (or
deliberately borderline) input, so the fuzzers start from real chains.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

TXF_MORE, TXF_EXTRA = 1 << 2, 1 << 3
RXF_MORE, RXF_EXTRA = 1 << 2, 1 << 3
X_MORE = 1
GSO, MADD, MDEL, HASH, XDP = 1, 2, 3, 4, 5


def tx_req(offset, flags, size, gref=7, rid=0):
    return struct.pack('<IHHHH', gref, offset, flags, rid, size)


def tx_extra(etype, flags, body=b''):
    return struct.pack('<BB', etype, flags) + body.ljust(6, b'\0') + b'\0' * 4


def rx_rsp(rid, offset, flags, status):
    return struct.pack('<HHHh', rid, offset, flags, status)


def rx_extra(etype, flags, body=b''):
    return struct.pack('<BB', etype, flags) + body.ljust(6, b'\0')


def gso(gtype, mss):
    return struct.pack('<HBBH', mss, gtype, 0, 0)


def tx_seeds():
    lim = bytes([18, 2])                      # max 18, fatal 20
    chain = [tx_req(0, TXF_MORE, 3000)] + \
        [tx_req(0, TXF_MORE, 1000), tx_req(0, 0, 1000)]
    yield 'single', lim + tx_req(100, 1, 60)
    yield 'chain3', lim + b''.join(chain)
    yield 'gso_hash', lim + tx_req(0, TXF_MORE | TXF_EXTRA, 9000) + \
        tx_extra(GSO, X_MORE, gso(1, 1448)) + \
        tx_extra(HASH, 0, bytes([1, 1, 1, 2, 3, 4])) + \
        tx_req(0, TXF_MORE, 4096) + tx_req(0, 0, 4096)
    yield 'mcast', lim + tx_req(0, TXF_EXTRA, 0) + \
        tx_extra(MADD, 0, bytes([1, 0, 0x5e, 0, 0, 1]))
    yield 'long18', lim + tx_req(0, TXF_MORE, 18 * 100) + \
        b''.join(tx_req(0, TXF_MORE if i < 16 else 0, 100) for i in range(17))
    yield 'wrapped', lim + tx_req(0, TXF_MORE, 100) + \
        b''.join(tx_req(0, TXF_MORE if i < 15 else 0, 4096) for i in range(16))


def rx_seeds():
    ctx = bytes([8, 18 << 1 | 1]) + struct.pack('<I', 0)   # 256, slot ids
    yield 'single', ctx + rx_rsp(0, 0, 1, 1514)
    yield 'extras', ctx + rx_rsp(0, 256, RXF_MORE | RXF_EXTRA, 3840) + \
        rx_extra(GSO, X_MORE, gso(2, 1440)) + \
        rx_extra(HASH, X_MORE, bytes([3, 1, 9, 9, 9, 9])) + \
        rx_extra(XDP, 0, struct.pack('<H', 256)) + \
        rx_rsp(4, 0, RXF_MORE, 4096) + rx_rsp(5, 0, 0, 1000)
    wrap = bytes([8, 18 << 1 | 1]) + struct.pack('<I', 0xFFFFFFFF)
    yield 'wrap', wrap + rx_rsp(255, 0, RXF_MORE, 100) + rx_rsp(0, 0, 0, 100)
    yield 'error', ctx + rx_rsp(0, 0, RXF_MORE, -1) + rx_rsp(1, 0, 0, 10)
    yield 'txrsp', ctx + struct.pack('<HhHh', 3, 0, 0, 1) + \
        struct.pack('<Hhhh', 9, -2, 0, 0)


def xs_seeds():
    values = [
        (0, b'18446744073709551615'), (0, b'007'), (1, b'4096'),
        (2, b'1'), (3, b'00:16:3e:Ab:cd:ef'), (3, b'01:00:5e:00:00:01'),
        (4, b'10000000,50000'), (4, b'99999999999999999999,\xa01'),
        (5, b'4294967295'),
        (6, bytes([4, 3, 64]) + b'event-channel-tx'),
        (6, bytes([1, 0, 12]) + b'tx-ring-ref'),
    ]
    for i, (sel, val) in enumerate(values):
        yield '%02d' % i, bytes([sel]) + val


def staging_seeds():
    def lst(nr, length, entries):
        return struct.pack('<HH', nr, length) + b''.join(
            struct.pack('<IHH', g, o, f) for g, o, f in entries)
    per = 4096 // 256
    good = [(100 + i // per, (i % per) * 256, 0) for i in range(32)]
    yield 'good', lst(32, 256, good)
    yield 'overlap', lst(3, 128, [(7, 0, 0), (8, 0, 0), (7, 64, 0)])
    yield 'bounds', lst(2, 2048, [(7, 0, 0), (7, 2049, 0)])
    yield 'gref0', lst(2, 64, [(7, 0, 0), (0, 64, 0)])
    yield 'full', lst(4, 4096, [(9, 0, 0), (3, 0, 0), (5, 0, 0), (4, 0, 0)])


def order_seeds():
    yield 'o1', bytes([1]) + b'tx-ring-ref0\0tx-ring-ref1\0mac'
    yield 'o2', bytes([2]) + b'\0'.join(
        b'tx-ring-ref%d' % i for i in (3, 1, 0, 2))
    yield 'vals', bytes([4]) + b'8\0009\00010\0004294967295'
    yield 'dup', bytes([1]) + b'8\0009\0008'
    yield 'bad', bytes([1]) + b'tx-ring-ref0\0tx-ring-ref01\0tx-ring-ref'
    yield 'ord', bytes([0]) + b'4'


def ctrl_rec(nq, rid, rtype, d0=0, d1=0, d2=0, data=b''):
    """One fuzz_ctrl record: queue count, request, granted bytes."""
    return (bytes([nq]) + struct.pack('<HHIII', rid, rtype, d0, d1, d2) +
            data.ljust(64, b'\0'))


def ctrl_seeds():
    alg, flags, key, msize, mapping = 7, 2, 3, 5, 6
    yield '00', (ctrl_rec(4, 1, alg, 1) + ctrl_rec(4, 2, flags, 15) +
                 ctrl_rec(4, 3, key, 9, 40, 0, bytes(range(40))) +
                 ctrl_rec(4, 4, msize, 8) +
                 ctrl_rec(4, 5, mapping, 9, 8, 0,
                          struct.pack('<8I', 0, 1, 2, 3, 3, 2, 1, 0)))
    yield '01', (ctrl_rec(2, 1, msize, 4) +
                 ctrl_rec(2, 2, mapping, 9, 4, 0,
                          struct.pack('<4I', 0, 1, 2, 1)) +
                 ctrl_rec(2, 3, mapping, 9, 2, 3))
    yield '02', (ctrl_rec(1, 1, 1) + ctrl_rec(1, 2, 4) + ctrl_rec(1, 3, 0) +
                 ctrl_rec(1, 4, 99))


def copy_seeds():
    def pkt(headroom, stg_len, max_slots, pieces):
        return struct.pack('<HHBB', headroom, stg_len, max_slots - 1,
                           len(pieces)) + b''.join(
            struct.pack('<IH', o, n) for o, n in pieces)
    yield 'linear', pkt(0, 0, 18, [(64, 1514)])
    yield 'staged', pkt(0, 128, 18, [(0, 1514)])
    yield 'frags', pkt(256, 2048, 18, [(54, 66), (3 * 4096 + 4000, 9000),
                                       (4095, 4098)])
    yield 'worst', pkt(0, 2048, 18, [(100, 62)] + [
        (i * 4096 + 4095, 4098) for i in range(1, 18)])
    yield 'toobig', pkt(1, 0, 1, [(0, 4096)])


def txcopy_seeds():
    def pkt(stg_len, slots, pieces, raw=0):
        return struct.pack('<HBBB', stg_len, raw, len(slots),
                           len(pieces)) + b''.join(
            struct.pack('<HH', o, n) for o, n in slots) + b''.join(
            struct.pack('<IH', o, n) for o, n in pieces)
    yield 'single', pkt(0, [(10, 1514)], [(200, 128), (0, 1386)])
    yield 'staged', pkt(256, [(100, 1000), (0, 500)], [(0, 128), (0, 1372)])
    yield 'tight', pkt(50, [(0, 100)] * 3, [(4096 - 96, 150), (0, 150)])
    yield 'worst', pkt(2048, [(0, 65535 - 17 * 3700)] + [(1, 3700)] * 17,
                       [(4096 - 64, 128)] + [(0, 4096)] * 15 + [(0, 3967)])
    yield 'raw', pkt(0, [(4000, 100)], [(0, 99)], raw=1)


def txslot_seeds():
    def pkt(stg_len, cap, pieces):
        return struct.pack('<HBB', stg_len, cap, len(pieces)) + b''.join(
            struct.pack('<IH', o, n) for o, n in pieces)
    yield 'linear', pkt(0, 18, [(64, 1514)])
    yield 'frames', pkt(256, 18, [(4000, 200), (3 * 4096 + 4000, 9000)])
    yield 'over', pkt(2048, 18, [(4096 - 10, 20)] + [(0, 4096)] * 17)
    yield 'nolinear', pkt(256, 1, [(0, 0), (100, 60)])


def gref_seeds():
    def rec(delete, entries, lookup=(0, 0, 0)):
        """One fuzz_gref record: op/count, (grant, flags) pairs, lookup."""
        op = (len(entries) << 1) | (1 if delete else 0)
        return (bytes([op]) + b''.join(bytes([r, f]) for r, f in entries) +
                struct.pack('<IHH', *lookup))
    yield 'add_del', (rec(False, [(1, 0), (2, 1), (3, 0)], (2, 1, 64)) +
                      rec(True, [(2, 0), (9, 0)], (3, 0, 4096)))
    yield 'dup', rec(False, [(5, 0), (6, 0), (5, 1)])
    yield 'fill', (rec(False, [(i, 0) for i in range(1, 41)]) +
                   rec(False, [(i, 0) for i in range(41, 61)], (1, 1, 4095)))


def main():
    for target, seeds in (('tx', tx_seeds), ('rx', rx_seeds),
                          ('xenstore', xs_seeds), ('staging', staging_seeds),
                          ('order', order_seeds), ('ctrl', ctrl_seeds),
                          ('copy', copy_seeds), ('txcopy', txcopy_seeds),
                          ('txslot', txslot_seeds), ('gref', gref_seeds)):
        d = os.path.join(HERE, 'corpus', target)
        os.makedirs(d, exist_ok=True)
        for name, data in seeds():
            with open(os.path.join(d, name), 'wb') as f:
                f.write(data)


if __name__ == '__main__':
    main()
