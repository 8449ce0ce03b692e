#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Prove that the xen-netif checks can fail.

  mutate.py logic  break each guarded rule of drivers/net/xen-netif/*.c in
                   turn (one edit per mutant) and check that the unit tests
                   go red; report which tests caught it.
  mutate.py wire   break each field and constant of include/xen-netif/
                   netif.h in turn and check that wire_check.c no longer
                   compiles; every static_assert must fire for some mutant.
                   With --kdir, compile against the kernel's netif.h too.

All work happens on a copy of the tree under --out; the work tree is never
touched.  Exit status is non-zero if a mutant survives or is stale (its
text no longer matches the source: update the list below).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

# (file under drivers/net/xen-netif, text to find, replacement)
LOGIC = [
    ('ring.c', 'is_power_of_2(size) &&', ''),
    ('ring.c', ' && size <= XNIF_RING_MAX_ENTRIES;', ';'),
    ('ring.c', 'if (!xnif_ring_size_valid(size) || used > size)',
     'if (!xnif_ring_size_valid(size) || used > size + 1)'),
    ('ring.c', 'if (avail > size - pending)', 'if (avail > size)'),
    ('ring.c', 'if (!xnif_ring_size_valid(size) || pending > size)',
     'if (!xnif_ring_size_valid(size))'),
    ('ring.c', 'return -EINVAL;\n\tif (avail > outstanding)',
     'return -EINVAL;\n\tif (avail > size)'),
    ('order.c', 'if (order > XNIF_RING_MAX_ORDER)\n\t\treturn 0;\n\treturn XNIF_RX',
     'if (0)\n\t\treturn 0;\n\treturn XNIF_RX'),
    ('order.c', 'xnif_order_tx_entries(o) >= tx &&', 'xnif_order_tx_entries(o) > tx &&'),
    ('order.c', 'xnif_order_rx_entries(o) >= rx)', '1)'),
    ('order.c', 'if (!tx || !rx || max_order', 'if (!tx || max_order'),
    ('order.c', 'if (d[0] == \'0\' && d[1])', 'if (0)'),
    ('order.c', 'if ((unsigned int)page >= nr_pages)', 'if ((unsigned int)page > nr_pages)'),
    ('order.c', 'if (!(seen & (1U << i))) {', 'if (0) {'),
    ('order.c', 'if (refs[j] == refs[i])', 'if (0)'),
    ('order.c', 'nr > 2 * XNIF_RING_MAX_PAGES)', 'nr > 2 * XNIF_RING_MAX_PAGES + 1)'),
    ('order.c', 'if (!order)\n\t\treturn xnif_queue_key', 'if (0)\n\t\treturn xnif_queue_key'),
    ('order.c', 'page >= 1U << order)', 'page > 1U << order)'),
    ('slots.c', 'end = (u64)(offset & (XNIF_PAGE_SIZE - 1)) + len;',
     'end = (u64)offset + len;'),
    ('extra.c', 'ex->count >= XNIF_EXTRA_TYPE_MAX - 1',
     'ex->count >= XNIF_EXTRA_TYPE_MAX'),
    ('extra.c', 'e->type >= XNIF_EXTRA_TYPE_MAX)', 'e->type > XNIF_EXTRA_TYPE_MAX)'),
    ('extra.c', 'if (w->idx >= avail)', 'if (w->idx > avail)'),
    ('extra.c', 'if (e->flags & ~XNIF_EXTRA_FLAG_MORE)', 'if (0)'),
    ('extra.c', 'if (!(allowed & bit))', 'if (!(allowed & bit) && 0)'),
    ('extra.c', 'if (ex->mask & bit)', 'if (0)'),
    ('extra.c', 'if (!e->u.gso.size)', 'if (0)'),
    ('extra.c', 'e->u.gso.type == XNIF_GSO_TYPE_TCPV6', 'e->u.gso.type == 3'),
    ('extra.c', 'e->u.hash.type <= XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT',
     'e->u.hash.type <= 4'),
    ('extra.c', 'e->u.hash.algorithm <= XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ',
     '1'),
    ('tx.c', 'if ((u32)req->offset + req->size > XNIF_PAGE_SIZE)',
     'if ((u32)req->offset + req->size > XNIF_PAGE_SIZE + 1)'),
    ('tx.c', 'if (req->flags & (~XNIF_TXF_KNOWN | XNIF_TXF_EXTRA_INFO))',
     'if (req->flags & ~XNIF_TXF_KNOWN)'),
    ('tx.c', 'if (!req->size)', 'if (0)'),
    ('tx.c', 'if (t->rest > t->pkt->total)\n\t\ttx_drop', 'if (0)\n\t\ttx_drop'),
    ('tx.c', 'if (++t->pkt->nr_data > t->lim->max_slots)',
     'if (++t->pkt->nr_data > t->lim->max_slots + 1)'),
    ('tx.c', 'if (t->pkt->nr_data >= t->lim->fatal_slots)',
     'if (t->pkt->nr_data > t->lim->fatal_slots)'),
    ('tx.c', 'if (t->w.idx >= t->avail)', 'if (t->w.idx > t->avail)'),
    ('tx.c', 'if (first->offset > XNIF_PAGE_SIZE)', 'if (0)'),
    ('tx.c', 'if (first->offset + pkt->first_len > XNIF_PAGE_SIZE)',
     'if (first->offset + pkt->first_len > XNIF_PAGE_SIZE + 1)'),
    ('tx.c', 'if (pkt->total < XNIF_ETH_HLEN && ',
     'if (pkt->total < XNIF_ETH_HLEN - 1 && '),
    ('tx.c', '&& !tx_has_mcast(&pkt->extras)', ''),
    ('tx.c', 'if (pkt->flags & ~XNIF_TXF_KNOWN)', 'if (0)'),
    ('tx.c', 'return addr[0] & 1;', 'return addr[0] | 1;'),
    ('tx.c', 'if (t->pkt->flags & XNIF_TXF_MORE_DATA)\n\t\treturn false;', ''),
    ('tx.c', 'XNIF_EXTRA_TYPE_MCAST_DEL))\n\t\treturn false;',
     'XNIF_EXTRA_TYPE_MCAST_DEL) && 0)\n\t\treturn false;'),
    ('tx.c', 'return lim->max_slots >= 1 && ', 'return '),
    ('tx.c', 'if (!avail)\n\t\treturn XNIF_TX_ERR_INCOMPLETE;', ''),
    ('tx.c', '"no error", false },\n\t[XNIF_TX_ERR_FLAGS]',
     '"no error", true },\n\t[XNIF_TX_ERR_FLAGS]'),
    ('tx.c', '"malformed multicast control request", false }',
     '"malformed multicast control request", true }'),
    ('tx.c', 'return "unknown TX validation error";',
     'return tx_errs[0].msg;'),
    ('tx.c', 'return tx_fatal(t, XNIF_TX_ERR_GSO, 0);',
     'tx_drop(t, XNIF_TX_ERR_GSO, 0);'),
    ('rx.c', 'if (rsp->id >= ctx->ring_size ||', 'if (rsp->id > ctx->ring_size ||'),
    ('rx.c', '(ctx->id_is_slot &&', '(0 &&'),
    ('rx.c', 'rsp->status != XNIF_RSP_DROPPED', '1'),
    ('rx.c', 'if ((u32)rsp->offset + rsp->status > XNIF_PAGE_SIZE)',
     'if ((u32)rsp->offset + rsp->status > XNIF_PAGE_SIZE + 1)'),
    ('rx.c', 'r->pkt->total += rsp->status;', 'r->pkt->total = rsp->status;'),
    ('rx.c', 'if (pkt->flags & (~XNIF_RXF_KNOWN | XNIF_RXF_GSO_PREFIX))',
     'if (pkt->flags & ~XNIF_RXF_KNOWN)'),
    ('rx.c', '(~XNIF_RXF_KNOWN | XNIF_RXF_EXTRA_INFO |',
     '(~XNIF_RXF_KNOWN |'),
    ('rx.c', 'if (++r->pkt->nr_data > r->ctx->max_slots)',
     'if (++r->pkt->nr_data > r->ctx->max_slots + 1)'),
    ('rx.c', 'if (r->w.idx >= r->avail)', 'if (r->w.idx > r->avail)'),
    ('rx.c', 'if (pkt->total < XNIF_ETH_HLEN)', 'if (pkt->total < 1)'),
    ('rx.c', 'XNIF_MAX_XDP_HEADROOM)\n\t\trx_drop(r, XNIF_RX_ERR_XDP',
     'XNIF_MAX_XDP_HEADROOM + 1)\n\t\trx_drop(r, XNIF_RX_ERR_XDP'),
    ('rx.c', '!xnif_extra_gso_valid(&ex->info[XNIF_EXTRA_TYPE_GSO]))\n\t\trx_drop',
     '0)\n\t\trx_drop'),
    ('rx.c', 'if (!avail)\n\t\treturn XNIF_RX_ERR_INCOMPLETE;', ''),
    ('rx.c', 'return ctx && xnif_ring_size_valid(ctx->ring_size) &&',
     'return ctx &&'),
    ('rx.c', 'case XNIF_RSP_NULL:\n\t\treturn XNIF_TXRSP_SKIP;',
     'case XNIF_RSP_NULL:'),
    ('rx.c', 'case XNIF_RSP_DROPPED:\n\t\tbreak;', 'break;'),
    ('rx.c', 'if (rsp->id >= nr_ids)', 'if (rsp->id > nr_ids)'),
    ('rx.c', '"RX response with an unknown negative status", true }',
     '"RX response with an unknown negative status", false }'),
    ('xenstore.c', 'if (v > (~0ULL - d) / 10)', 'if (v > ~0ULL / 10)'),
    ('xenstore.c', 'if (!xs_is_digit(*s))\n\t\treturn -EINVAL;', ''),
    ('xenstore.c', 'if (err == -EINVAL || *s)\n\t\treturn -EINVAL;\n\tif (err)\n\t\treturn err;\n\tif (v > max)',
     'if (err == -EINVAL)\n\t\treturn -EINVAL;\n\tif (err)\n\t\treturn err;\n\tif (v > max)'),
    ('xenstore.c', 'if (v > max)\n\t\treturn -ERANGE;',
     'if (v > max && 0)\n\t\treturn -ERANGE;'),
    ('xenstore.c', 'if (v < min)', 'if (v + 1 < min)'),
    ('xenstore.c', "if ((s[0] != '0' && s[0] != '1') || s[1])",
     "if (s[0] != '0' && s[0] != '1')"),
    ('xenstore.c', "if (s[2] != (i == XNIF_ETH_ALEN - 1 ? '\\0' : ':'))",
     "if (s[2] != ':' && s[2] != '\\0')"),
    ('xenstore.c', '*multicast = addr[0] & 1;', '*multicast = addr[0] & 2;'),
    ('xenstore.c', "if (err_b == -EINVAL || *s != ',')", 'if (err_b == -EINVAL)'),
    ('xenstore.c', 'if (err_u == -EINVAL || *s)', 'if (err_u == -EINVAL)'),
    ('xenstore.c', 'if (err_b || err_u || !u ||', 'if (err_b || err_u ||'),
    ('xenstore.c', '|| u > XS_RATE_MAX_USECS)', ')'),
    ('xenstore.c', 'if (len < 0 || (size_t)len >= size)',
     'if (len < 0 || (size_t)len > size)'),
    ('xenstore.c', "if (!key || !*key || strchr(key, '/'))", 'if (!key || !*key)'),
    ('xenstore.c', 'if (nr_queues == 1)\n\t\treturn xs_fit(snprintf(buf, size, "%s", ""), size);',
     ''),
    ('xenstore.c', 'if (!nr_queues || queue >= nr_queues)\n\t\treturn -EINVAL;\n\tif (!key',
     'if (!nr_queues)\n\t\treturn -EINVAL;\n\tif (!key'),
    ('staging.c', 'if (e->gref == 0)', 'if (0)'),
    ('staging.c', 'if (e->flags)\n\t\t\treturn', 'if (0)\n\t\t\treturn'),
    ('staging.c', '(u32)e->offset + len > XNIF_PAGE_SIZE', '(u32)e->offset + len > XNIF_PAGE_SIZE + 1'),
    ('staging.c', 'gref == prev_gref && offset < prev_end', 'gref == prev_gref && offset < prev_end - 1'),
    ('staging.c', 'if (!n || gref != prev_gref)', 'if (!n)'),
    ('staging.c', 'nr_ids > XNIF_DATA_MAX_IDS ||\n\t    len == 0', 'nr_ids > XNIF_DATA_MAX_IDS + 1 ||\n\t    len == 0'),
    ('staging.c', 'len > XNIF_STAGING_MAX_LEN)\n\t\treturn XNIF_DL_ERR_ARGS', 'len > XNIF_STAGING_MAX_LEN + 1)\n\t\treturn XNIF_DL_ERR_ARGS'),
    ('staging.c', 'return x < y ? -1 : x > y;', 'return x > y ? -1 : x < y;'),
    ('staging.c', 'ALIGN(len, XNIF_STAGING_ALIGN)', 'len'),
    ('staging.c', '*offset = (id % per_page) * stride;', '*offset = (id % per_page) * len;'),
    ('staging.c', 'if (nr_pages == 1)\n', 'if (nr_pages == 0)\n'),
    ('staging.c', 'nr_pages > xnif_data_list_pages(XNIF_DATA_MAX_IDS)', '0'),
    ('staging.c', 'if (n == max_grefs) {', 'if (n == max_grefs + 1) {'),
    ('staging.c', 'if (vif_used > vif_max || want > vif_max - vif_used)',
     'if (want > vif_max - vif_used)'),
    ('staging.c', 'if (all_used > all_max || want > all_max - all_used)',
     'if (want + all_used > all_max)'),
    ('staging.c', 'if (!want)\n\t\treturn XNIF_BUDGET_OK;', ''),
    ('copy.c', 'if (n > XNIF_PAGE_SIZE - src % XNIF_PAGE_SIZE)', 'if (0)'),
    ('copy.c', 'if (n > XNIF_PAGE_SIZE - pos)\n', 'if (0)\n'),
    ('copy.c', '*staged = slot == 0 && pos < stg_len;',
     '*staged = slot <= 1 && pos < stg_len;'),
    ('copy.c', 'if (*staged && n > stg_len - pos)', 'if (0)'),
    ('copy.c', 'if (plan->nr_ops >= cap) {', 'if (plan->nr_ops > cap) {'),
    ('copy.c', 'dst->headroom >= XNIF_PAGE_SIZE ||', ''),
    ('copy.c', 'if (*total > (u64)dst->max_slots', 'if (*total > 1 + (u64)dst->max_slots'),
    ('copy.c', 'plan->nr_slots = total ? slot + 1 : 0;',
     'plan->nr_slots = slot + 1;'),
    ('txcopy.c', 'n = min(n, XNIF_PAGE_SIZE - d % XNIF_PAGE_SIZE);', ''),
    ('txcopy.c', 'n = min(n, staged - p->soff);',
     'n = min(n, staged + 1 - p->soff);'),
    ('txcopy.c', 'n = min(n, dst[p->piece].len - p->doff);',
     'n = min(n, dst[p->piece].len + 1 - p->doff);'),
    ('txcopy.c', 'op->staged = p->slot == 0 && p->soff < staged;',
     'op->staged = p->slot <= 1 && p->soff < staged;'),
    ('txcopy.c', ': src[p->slot].offset + p->soff;',
     ': src[p->slot].offset + p->soff + 1;'),
    ('txcopy.c', 'if (plan->nr_ops >= cap) {', 'if (plan->nr_ops > cap) {'),
    ('txcopy.c', '(u64)src[i].offset + src[i].len > XNIF_PAGE_SIZE',
     '(u64)src[i].offset + src[i].len > XNIF_PAGE_SIZE + 1'),
    ('txcopy.c', 'if (in != out || ', 'if ('),
    ('txcopy.c', 'if (!op.staged)\n\t\t\t\tplan->nr_copies++;',
     'plan->nr_copies++;'),
    ('txslot.c', 'XNIF_PAGE_SIZE - off % XNIF_PAGE_SIZE);',
     'XNIF_PAGE_SIZE + 1 - off % XNIF_PAGE_SIZE);'),
    ('txslot.c', 'if (slots && count > cap)', 'if (slots && count > cap + 1)'),
    ('txslot.c', 'if (pieces[i].len)\n', 'if (1)\n'),
    ('txslot.c', 'min(ts_first_len(pieces, nr), stg_len)',
     'min(ts_first_len(pieces, nr) + 1, stg_len)'),
    ('txslot.c', 'stg_len > XNIF_PAGE_SIZE)', 'stg_len > XNIF_PAGE_SIZE + 1)'),
    ('ctrl.c', 'nr > h->size - first) {', 'nr > h->size) {'),
    ('ctrl.c', 'if (entries[i] >= num_queues)', 'if (entries[i] > num_queues)'),
    ('ctrl.c', 'if (h->alg == XNIF_CTRL_HASH_ALGORITHM_NONE)\n', 'if (0)\n'),
    ('ctrl.c', 'hash ^= window;', 'hash ^= window + 1;'),
    ('ctrl.c', 'if (req->data[1] > XNIF_HASH_KEY_SIZE) {',
     'if (req->data[1] > XNIF_HASH_KEY_SIZE + 1) {'),
    ('ctrl.c', 'if (m->count >= XNIF_MCAST_MAX)', 'if (0)'),
    ('ctrl.c', 'if (size > XNIF_HASH_MAPPING_MAX)\n', 'if (size > 200)\n'),
    ('ctrl.c', 'return q < num_queues ? q : hash % num_queues;', 'return q;'),
    ('gref.c', '*queue >= num_queues || !*nr', '*queue > num_queues || !*nr'),
    ('gref.c', '|| *nr > XNIF_GREFS_PER_PAGE)', '|| *nr > XNIF_GREFS_PER_PAGE + 1)'),
    ('gref.c', 'if (!e->ref || ', 'if ('),
    ('gref.c', '(e->flags & ~XNIF_CTRLF_GREF_KNOWN)', '0'),
    ('gref.c', 'if (xnif_gref_find(t, e->ref) >= 0)', 'if (xnif_gref_find(t, e->ref) < -ENOENT)'),
    ('gref.c', 'return n > 1;', 'return n > 2;'),
    ('gref.c', '|| nr > room) {', '|| nr > room + nr) {'),
    ('gref.c', 'if (t->nr >= t->max)', 'if (t->nr > t->max)'),
    ('gref.c', 'len > XNIF_PAGE_SIZE - offset)', 'len > XNIF_PAGE_SIZE - offset + 1)'),
    ('gref.c', 'if (write && (t->slot[pos].flags', 'if (!write && (t->slot[pos].flags'),
    ('gref.c', 'lo = mid + 1;\n\t\telse\n\t\t\thi = mid;\n\t}\n\treturn -ENOENT;',
     'lo = mid + 1;\n\t\telse\n\t\t\thi = mid;\n\t}\n\treturn lo < t->nr ? (int)lo : -ENOENT;'),
    ('param.c', '|| v < p->min || v > p->max)', '|| v < p->min)'),
    ('param.c', '|| v < p->min ||', '||'),
    ('param.c', 'if (p->is_signed)\n\t\treturn', 'if (!p->is_signed)\n\t\treturn'),
    ('param.c', '(int)strcspn(val, "\\n")', '(int)strlen(val)'),
]

# Hand-written mutants of ring.h, which the automatic ones of netif.h do
# not reach: the slot types of each ring and the ring sizing.
RING_EXTRA = [
    ('DEFINE_RING_TYPES(xnif_tx, union xnif_tx_slot,',
     'DEFINE_RING_TYPES(xnif_tx, struct xnif_rx_request,'),
    ('DEFINE_RING_TYPES(xnif_rx, struct xnif_rx_request, union xnif_rx_slot)',
     'DEFINE_RING_TYPES(xnif_rx, struct xnif_rx_request, struct xnif_tx_request)'),
    ('DEFINE_RING_TYPES(xnif_ctrl, struct xnif_ctrl_request,',
     'DEFINE_RING_TYPES(xnif_ctrl, struct xnif_tx_request,'),
    ('(pages) * XNIF_PAGE_SIZE))\n#define XNIF_RX',
     '(pages) * XNIF_PAGE_SIZE / 2))\n#define XNIF_RX'),
]

TYPE_SWAP = {'u8': 'u16', 'u16': 'u32', 'u32': 'u16', 's16': 'u32'}
RE_FIELD = re.compile(r'^(\s+)(u8|u16|u32|s16) (\w+)((?:\[[^]]*\])?;.*)$')
RE_DEFINE = re.compile(r'^#define (XNIF_\w+)(\s+)([^\\]+?)\s*$')
RE_FAIL = re.compile(r'error: static assertion failed: "([^"]*)"')


def copy_tree(top, dst):
    if os.path.exists(dst):
        shutil.rmtree(dst)
    for sub in ('drivers/net/xen-netif', 'include/xen-netif',
                'tools/testing/xen-netif', 'drivers/net/xen-netfront',
                'drivers/net/xen-netback'):
        src = os.path.join(top, sub)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(dst, sub),
                            ignore=shutil.ignore_patterns('out', '*.o',
                                                          '*.ko', '.*.cmd'))


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, **kw)


def apply(path, old, new):
    with open(path) as f:
        orig = f.read()
    if orig.count(old) != 1:
        return None
    with open(path, 'w') as f:
        f.write(orig.replace(old, new))
    return orig


def logic(args):
    tree = os.path.join(args.out, 'tree')
    copy_tree(args.top, tree)
    harness = os.path.join(tree, 'tools/testing/xen-netif')
    binary = os.path.join(harness, 'out/xnif_test')
    make = ['make', '-s', '-C', harness, 'CC=' + args.cc, binary]
    if run(make).returncode or run([binary]).returncode:
        print('error: unmutated tree does not build and pass', file=sys.stderr)
        return 1
    bad = 0
    for n, (fname, old, new) in enumerate(LOGIC, 1):
        path = os.path.join(tree, 'drivers/net/xen-netif', fname)
        orig = apply(path, old, new)
        label = '%s: %r' % (fname, old.split('\n')[0])
        if orig is None:
            print('STALE    %2d %s' % (n, label))
            bad += 1
            continue
        built = run(make)
        res = run([binary]) if not built.returncode else None
        with open(path, 'w') as f:
            f.write(orig)
        if built.returncode:
            print('NOBUILD  %2d %s' % (n, label))
            print(built.stdout[-2000:])
            bad += 1
        elif res.returncode == 0:
            print('SURVIVED %2d %s' % (n, label))
            bad += 1
        else:
            caught = re.findall(r'^not ok \d+ - (\S+)', res.stdout, re.M)
            print('killed   %2d %s  <- %s' % (n, label, ' '.join(caught)))
    print('%d logic mutants, %d problems' % (len(LOGIC), bad))
    return 1 if bad else 0


def wire_mutants(text):
    """Yield (description, mutated netif.h) for every field and constant."""
    lines = text.split('\n')
    for i, line in enumerate(lines):
        m = RE_FIELD.match(line)
        if m:
            new = '%s%s %s%s' % (m.group(1), TYPE_SWAP[m.group(2)],
                                 m.group(3), m.group(4))
            yield 'field %s (line %d)' % (m.group(3), i + 1), \
                '\n'.join(lines[:i] + [new] + lines[i + 1:])
            continue
        m = RE_DEFINE.match(line)
        if m and '(' not in m.group(1):
            new = '#define %s%s(%s + 1)' % (m.group(1), m.group(2),
                                            m.group(3))
            yield 'define %s' % m.group(1), \
                '\n'.join(lines[:i] + [new] + lines[i + 1:])


FORCE_FAIL = """\
#include <linux/build_bug.h>
#undef static_assert
#define static_assert(e, m) _Static_assert(0 && (e), m)
"""


def assert_messages(output):
    return set(RE_FAIL.findall(output))


def compile_wire_user(args, inc, extra=()):
    src = os.path.join(args.top, 'drivers/net/xen-netif/wire_check.c')
    return run([args.cc, '-std=gnu11', '-fsyntax-only', '-fmax-errors=0',
                '-I' + os.path.join(args.top, 'tools/testing/xen-netif/include'),
                '-I' + inc] + list(extra) + [src])


def compile_wire_kernel(args, inc, extra=()):
    kb = os.path.join(args.out, 'kbuild')
    os.makedirs(kb, exist_ok=True)
    with open(os.path.join(kb, 'Kbuild'), 'w') as f:
        f.write('obj-m := wc.o\nccflags-y := -I%s -fmax-errors=0 %s\n' %
                (inc, ' '.join(extra)))
    with open(os.path.join(kb, 'wc.c'), 'w') as f:
        f.write('// SPDX-License-Identifier: GPL-2.0-only\n#include "%s"\n' %
                os.path.join(args.top, 'drivers/net/xen-netif/wire_check.c'))
    run(['make', '-s', '-C', args.kdir, 'M=' + kb, 'clean'])
    return run(['make', '-C', args.kdir, 'M=' + kb, 'wc.o'])


def wire(args):
    build = compile_wire_kernel if args.kdir else compile_wire_user
    inc = os.path.join(args.out, 'include')
    hdr = os.path.join(inc, 'xen-netif/netif.h')
    ring_hdr = os.path.join(inc, 'xen-netif/ring.h')
    os.makedirs(os.path.dirname(hdr), exist_ok=True)
    with open(os.path.join(args.top, 'include/xen-netif/netif.h')) as f:
        text = f.read()
    with open(hdr, 'w') as f:
        f.write(text)
    with open(os.path.join(args.top, 'include/xen-netif/ring.h')) as f:
        ring_text = f.read()
    with open(ring_hdr, 'w') as f:
        f.write(ring_text)
    if build(args, inc).returncode:
        print('error: unmutated wire_check.c does not build', file=sys.stderr)
        return 1

    # Every assert, by message: build once with all of them forced false.
    force = os.path.join(args.out, 'force_fail.h')
    with open(force, 'w') as f:
        f.write(FORCE_FAIL)
    want = assert_messages(build(args, inc, ['-include', force]).stdout)
    if not want:
        print('error: could not list the asserts', file=sys.stderr)
        return 1

    seen, bad, count = set(), 0, 0
    mutants = [(d, hdr, m, text) for d, m in wire_mutants(text)]
    for old, new in RING_EXTRA:
        if ring_text.count(old) != 1:
            mutants.append(('STALE ring.h %r' % old, ring_hdr, None, None))
        else:
            mutants.append(('ring.h %r' % old, ring_hdr,
                            ring_text.replace(old, new), ring_text))
    for desc, path, mutated, orig in mutants:
        count += 1
        if mutated is None:
            print(desc)
            bad += 1
            continue
        with open(path, 'w') as f:
            f.write(mutated)
        res = build(args, inc)
        with open(path, 'w') as f:
            f.write(orig)
        fired = assert_messages(res.stdout)
        seen |= fired
        if res.returncode == 0:
            print('builds   %s' % desc)
        elif not fired:
            print('BROKEN   %s (fails without an assert)' % desc)
            print(res.stdout[-1500:])
            bad += 1
        else:
            print('caught   %s (%d asserts)' % (desc, len(fired)))
    for msg in sorted(want - seen):
        print('NEVER FIRED: %s' % msg)
        bad += 1
    print('%d wire mutants; %d of %d asserts fired; %d problems' %
          (count, len(want & seen), len(want), bad))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('mode', choices=('logic', 'wire'))
    ap.add_argument('--top', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--cc', default='gcc')
    ap.add_argument('--kdir', help='wire mode: kernel headers directory')
    args = ap.parse_args()
    args.top = os.path.abspath(args.top)
    args.out = os.path.abspath(args.out)
    os.makedirs(args.out, exist_ok=True)
    return logic(args) if args.mode == 'logic' else wire(args)


if __name__ == '__main__':
    sys.exit(main())
