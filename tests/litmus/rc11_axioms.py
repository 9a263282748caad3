#!/usr/bin/env python3
"""An independent brute-force checker of RC11 and SC for straight-line litmus programs.

It enumerates every candidate execution graph of a program (every reads-from choice of every
read, every modification order of every location) and keeps those that satisfy RC11's axioms
as Lahav, Vafeiadis, Kang, Hur and Dreyer define them ("Repairing sequential consistency in
C/C++11", PLDI 2017, Section 3; the same definitions as herd7's rc11.cat and the Coq
development's RC11.v):

  rs       = [W]; (sb|loc)?; [W]; (rf; [RMW])*          release sequence
  sw       = ([W & Rel] | [F & Rel]; sb); rs; rf; ([R & Acq] | [R]; sb; [F & Acq])
  hb       = (sb | sw)+
  rb (fr)  = rf^-1; mo \\ id
  eco      = rf | mo; rf? | rb; rf?
  scb      = sb | sb|!=loc; hb; sb|!=loc | hb|loc | mo | rb
  psc_base = ([Sc] | [F & Sc]; hb); scb; ([Sc] | hb; [F & Sc])
  psc_F    = [F & Sc]; (hb | hb; eco; hb); [F & Sc]
  consistent iff  irreflexive(hb; eco?)          coherence
                  rmw reads its mo-predecessor    atomicity (rmw & rb; mo = 0)
                  acyclic(psc_base | psc_F)       SC
                  acyclic(sb | rf)                no thin air (no load buffering)

SC (MemoryModel::kSc): acyclic(sb | rf | mo | rb) and atomicity.

A read-modify-write is one event (both a read and a write), as in GenMC. The initial writes
are sb-before every event of every thread (the main thread writes them before it starts the
threads). A graph's outcome is its registers (r0, r1, ... in order) and then the final value
(the mo-last write) of each observed location.

Usage:
  tests/litmus/rc11_axioms.py --self-test          checks a few textbook results
  tests/litmus/rc11_axioms.py FILE.cc              checks every table row of FILE.cc (the rows
      of tests/litmus/litmus_test.cc: {"name", "program", "observed", /*rc11=*/"...", N,
      /*sc=*/"...", M}) against its own enumeration; prints one line per row, exits 1 on a
      disagreement.
  tests/litmus/rc11_axioms.py --program 'W x 1 rlx; R y r0 rlx | ...' [--observe 'x y']
  tests/litmus/rc11_axioms.py --fuzz COUNT RUNNER [SEED] [--dfs]
      random programs through RUNNER (bazel-bin/tests/litmus/litmus_run, which prints what
      the core's dpor, and with --dfs its dfs, reach under rc11 and sc) and through the axioms;
      prints every disagreement, exits 1 on one.

Program syntax (shared with litmus_test.cc): threads separated by '|', operations by ';':
  W loc value order           a store
  R loc reg order             a load into register reg (r0, r1, ...)
  F order                     a fence
  FAA loc delta order reg     fetch_add; reg gets the old value ('-' for none)
  XCHG loc value order reg    exchange; reg gets the old value ('-' for none)
Orders: rlx acq rel acqrel sc.
"""

import itertools
import re
import sys

ORDERS = ("rlx", "acq", "rel", "acqrel", "sc")


def is_acq(order):
    return order in ("acq", "acqrel", "sc")


def is_rel(order):
    return order in ("rel", "acqrel", "sc")


class Event:
    def __init__(self, eid, tid, kind, loc=None, value=None, reg=None, order="rlx"):
        self.id = eid
        self.tid = tid  # -1: an initial write.
        self.kind = kind  # 'I' initial write, 'W', 'R', 'U' (RMW), 'F'.
        self.loc = loc
        self.value = value  # W, I: the value; U: the operand.
        self.reg = reg
        self.order = order
        self.op = None  # U: 'FAA' or 'XCHG'.

    @property
    def reads(self):
        return self.kind in ("R", "U")

    @property
    def writes(self):
        return self.kind in ("I", "W", "U")


def parse(program, observe=""):
    """Returns (events, registers, observed locations)."""
    threads = [t.strip() for t in program.split("|")]
    locs = []
    ops = []
    for tid, text in enumerate(threads):
        for op in [o.strip() for o in text.split(";") if o.strip()]:
            words = op.split()
            ops.append((tid, words))
            if words[0] != "F" and words[1] not in locs:
                locs.append(words[1])
    observed = observe.split()
    for loc in observed:
        if loc not in locs:
            locs.append(loc)
    events = [Event(i, -1, "I", loc, 0) for i, loc in enumerate(locs)]
    registers = []
    for tid, words in ops:
        eid = len(events)
        kind = words[0]
        if kind == "W":
            _, loc, value, order = words
            events.append(Event(eid, tid, "W", loc, int(value), None, order))
        elif kind == "R":
            _, loc, reg, order = words
            events.append(Event(eid, tid, "R", loc, None, reg, order))
            registers.append(reg)
        elif kind == "F":
            _, order = words
            events.append(Event(eid, tid, "F", None, None, None, order))
        elif kind in ("FAA", "XCHG"):
            _, loc, value, order, reg = words
            event = Event(eid, tid, "U", loc, int(value), None if reg == "-" else reg, order)
            event.op = kind
            events.append(event)
            if reg != "-":
                registers.append(reg)
        else:
            raise ValueError("unknown operation: " + " ".join(words))
        if events[-1].order not in ORDERS:
            raise ValueError("unknown order in: " + " ".join(words))
    expected_regs = ["r%d" % i for i in range(len(registers))]
    if sorted(registers, key=lambda r: int(r[1:])) != expected_regs:
        raise ValueError("registers must be r0..r%d, each once: %s" % (len(registers) - 1, registers))
    return events, expected_regs, observed


# Relations are lists of bitmasks: rel[a] has bit b set when a -> b.


def empty(n):
    return [0] * n


def union(*rels):
    out = [0] * len(rels[0])
    for rel in rels:
        for i, row in enumerate(rel):
            out[i] |= row
    return out


def compose(a, b):
    n = len(a)
    out = [0] * n
    for i in range(n):
        row = a[i]
        acc = 0
        j = 0
        while row:
            if row & 1:
                acc |= b[j]
            row >>= 1
            j += 1
        out[i] = acc
    return out


def closure(rel):
    n = len(rel)
    out = list(rel)
    for k in range(n):
        bit = 1 << k
        for i in range(n):
            if out[i] & bit:
                out[i] |= out[k]
    return out


def refl(rel):
    return [row | (1 << i) for i, row in enumerate(rel)]


def ident(n, pred):
    return [(1 << i) if pred(i) else 0 for i in range(n)]


def irreflexive(rel):
    return all(not (row >> i) & 1 for i, row in enumerate(rel))


def acyclic(rel):
    return irreflexive(closure(rel))


def inverse(rel):
    n = len(rel)
    out = [0] * n
    for i in range(n):
        for j in range(n):
            if (rel[i] >> j) & 1:
                out[j] |= 1 << i
    return out


def restrict(rel, pred):
    """The pairs (a, b) of rel with pred(a, b)."""
    n = len(rel)
    return [
        sum(1 << j for j in range(n) if (rel[i] >> j) & 1 and pred(i, j)) for i in range(n)
    ]


class Graph:
    def __init__(self, events, rf, mo):
        self.events = events
        self.rf_of = rf  # read id -> write id
        self.mo = mo  # loc -> [write ids in order]
        n = len(events)
        self.n = n
        sb = empty(n)
        for a in events:
            for b in events:
                if b.tid < 0:
                    continue
                if a.tid < 0 or (a.tid == b.tid and a.id < b.id):
                    sb[a.id] |= 1 << b.id
        self.sb = sb
        rfr = empty(n)
        for r, w in rf.items():
            rfr[w] |= 1 << r
        self.rf = rfr
        mor = empty(n)
        for order in mo.values():
            for i, a in enumerate(order):
                for b in order[i + 1:]:
                    mor[a] |= 1 << b
        self.mo_rel = mor
        self.rb = [row & ~(1 << i) for i, row in enumerate(compose(inverse(rfr), mor))]

    def values(self):
        """The value each write writes and each read reads (None if rf is cyclic)."""
        written = {e.id: e.value for e in self.events if e.kind in ("I", "W")}
        read = {}
        pending = [e for e in self.events if e.reads]
        while pending:
            progress = False
            rest = []
            for e in pending:
                source = self.rf_of[e.id]
                if source in written:
                    read[e.id] = written[source]
                    if e.kind == "U":
                        written[e.id] = read[e.id] + e.value if e.op == "FAA" else e.value
                    progress = True
                else:
                    rest.append(e)
            pending = rest
            if not progress:
                return None, None
        return written, read

    def atomic(self):
        for e in self.events:
            if e.kind != "U":
                continue
            order = self.mo[e.loc]
            at = order.index(e.id)
            if at == 0 or order[at - 1] != self.rf_of[e.id]:
                return False
        return True

    def sc_consistent(self):
        return self.atomic() and acyclic(union(self.sb, self.rf, self.mo_rel, self.rb))

    def rc11_consistent(self):
        ev = self.events
        n = self.n
        sb, rf, mo, rb = self.sb, self.rf, self.mo_rel, self.rb
        if not acyclic(union(sb, rf)):
            return False
        if not self.atomic():
            return False
        same_loc = lambda a, b: ev[a].loc is not None and ev[a].loc == ev[b].loc
        is_w = ident(n, lambda i: ev[i].writes)
        # Release sequence: [W]; (sb|loc)?; [W]; (rf; [RMW])*.
        sb_loc = restrict(sb, same_loc)
        rmw_chain = refl(closure(compose(rf, ident(n, lambda i: ev[i].kind == "U"))))
        rs = compose(compose(compose(is_w, refl(sb_loc)), is_w), rmw_chain)
        release = compose(
            union(
                ident(n, lambda i: ev[i].writes and ev[i].kind != "I" and is_rel(ev[i].order)),
                compose(ident(n, lambda i: ev[i].kind == "F" and is_rel(ev[i].order)), sb),
            ),
            rs,
        )
        acquire = union(
            ident(n, lambda i: ev[i].reads and is_acq(ev[i].order)),
            compose(
                compose(ident(n, lambda i: ev[i].reads), sb),
                ident(n, lambda i: ev[i].kind == "F" and is_acq(ev[i].order)),
            ),
        )
        sw = compose(compose(release, rf), acquire)
        hb = closure(union(sb, sw))
        eco = union(rf, compose(mo, refl(rf)), compose(rb, refl(rf)))
        if not irreflexive(hb) or not irreflexive(compose(hb, eco)):
            return False
        sb_neq = restrict(sb, lambda a, b: not same_loc(a, b))
        hb_loc = restrict(hb, same_loc)
        scb = union(sb, compose(compose(sb_neq, hb), sb_neq), hb_loc, mo, rb)
        sc = ident(n, lambda i: ev[i].tid >= 0 and ev[i].order == "sc")
        fsc = ident(n, lambda i: ev[i].kind == "F" and ev[i].order == "sc")
        left = union(sc, compose(fsc, hb))
        right = union(sc, compose(hb, fsc))
        psc_base = compose(compose(left, scb), right)
        psc_f = compose(compose(fsc, union(hb, compose(compose(hb, eco), hb))), fsc)
        return acyclic(union(psc_base, psc_f))


def enumerate_graphs(events):
    reads = [e for e in events if e.reads]
    locs = sorted({e.loc for e in events if e.loc is not None})
    choices = [[w.id for w in events if w.writes and w.loc == r.loc and w.id != r.id] for r in reads]
    orders = []
    for loc in locs:
        init = [e.id for e in events if e.kind == "I" and e.loc == loc]
        rest = [e.id for e in events if e.writes and e.kind != "I" and e.loc == loc]
        orders.append([init + list(p) for p in itertools.permutations(rest)])
    for rf_choice in itertools.product(*choices):
        rf = {r.id: w for r, w in zip(reads, rf_choice)}
        for mo_choice in itertools.product(*orders):
            yield Graph(events, rf, dict(zip(locs, mo_choice)))


def outcomes(program, observe=""):
    """{'rc11': {outcome: graphs}, 'sc': {...}} with outcomes as digit strings."""
    events, registers, observed = parse(program, observe)
    result = {"rc11": {}, "sc": {}}
    for graph in enumerate_graphs(events):
        written, read = graph.values()
        if written is None:
            continue  # rf cycle among RMWs: neither model allows it.
        key = []
        for reg in registers:
            event = next(e for e in events if e.reg == reg)
            key.append(read[event.id])
        for loc in observed:
            key.append(written[graph.mo[loc][-1]])
        text = ",".join(str(v) for v in key) if any(v > 9 for v in key) else "".join(
            str(v) for v in key)
        for model, ok in (("rc11", graph.rc11_consistent), ("sc", graph.sc_consistent)):
            if ok():
                result[model][text] = result[model].get(text, 0) + 1
    return result


def describe(model_result):
    return " ".join(sorted(model_result)), sum(model_result.values())


ROW = re.compile(
    r'\{\s*"([^"]+)",\s*((?:"[^"]*"\s*)+),\s*"([^"]*)",\s*/\*rc11=\*/\s*((?:"[^"]*"\s*)+),'
    r"\s*(\d+),\s*/\*sc=\*/\s*((?:\"[^\"]*\"\s*)+),\s*(\d+)\s*\}"
)


def literal(text):
    return "".join(re.findall(r'"([^"]*)"', text))


def check_file(path):
    with open(path) as f:
        source = f.read()
    rows = ROW.findall(source)
    if not rows:
        print("no table rows found in " + path)
        return 1
    bad = 0
    for name, program, observe, rc11, rc11_n, sc, sc_n in rows:
        program, rc11, sc = literal(program), literal(rc11), literal(sc)
        got = outcomes(program, observe)
        got_rc11, got_rc11_n = describe(got["rc11"])
        got_sc, got_sc_n = describe(got["sc"])
        want_rc11 = " ".join(sorted(rc11.split()))
        want_sc = " ".join(sorted(sc.split()))
        ok = (got_rc11, got_rc11_n, got_sc, got_sc_n) == (want_rc11, int(rc11_n), want_sc, int(sc_n))
        bad += not ok
        print("%-4s %-22s rc11 %2d graphs {%s}  sc %2d graphs {%s}" %
              ("ok" if ok else "BAD", name, got_rc11_n, got_rc11, got_sc_n, got_sc))
        if not ok:
            print("     table says: rc11 %s graphs {%s}  sc %s graphs {%s}" %
                  (rc11_n, want_rc11, sc_n, want_sc))
    print("%d rows, %d disagree" % (len(rows), bad))
    return 1 if bad else 0


def self_test():
    # Textbook results (PLDI 2017 paper, Sections 2-3): SB relaxed allows 00, SC forbids it; MP
    # with release/acquire forbids r0=1,r1=0; LB never 11 (po | rf acyclic); IRIW with SC
    # fences between the reads forbids 1010.
    sb = outcomes("W x 1 rlx; R y r0 rlx | W y 1 rlx; R x r1 rlx")
    assert describe(sb["rc11"]) == ("00 01 10 11", 4), sb
    assert describe(sb["sc"]) == ("01 10 11", 3), sb
    mp = outcomes("W x 1 rlx; W y 1 rel | R y r0 acq; R x r1 rlx")
    assert describe(mp["rc11"]) == ("00 01 11", 3), mp
    lb = outcomes("R x r0 rlx; W y 1 rlx | R y r1 rlx; W x 1 rlx")
    assert describe(lb["rc11"]) == ("00 01 10", 3), lb
    iriw = outcomes("W x 1 rlx | W y 1 rlx | R x r0 rlx; F sc; R y r1 rlx | "
                    "R y r2 rlx; F sc; R x r3 rlx")
    assert "1010" not in iriw["rc11"] and len(iriw["rc11"]) == 15, iriw
    ww = outcomes("W x 1 rlx; W y 2 rlx | W y 1 rlx; W x 2 rlx", "x y")
    assert describe(ww["rc11"]) == ("11 12 21 22", 4), ww
    print("self-test ok")
    return 0


def random_program(rng):
    """A random straight-line program: 2-3 threads, 1-3 operations each (7 at most in all),
    2 locations."""
    locs = ["x", "y"]
    threads = []
    reg = 0
    value = {loc: 0 for loc in locs}
    budget = 7  # Operations in all: the enumeration grows fast beyond.
    for _ in range(rng.choice([2, 2, 3])):
        ops = []
        for _ in range(min(budget, rng.randint(1, 3))):
            budget -= 1
            kind = rng.choice(["W", "W", "R", "R", "F", "FAA"])
            loc = rng.choice(locs)
            if kind == "W":
                value[loc] += 1
                ops.append("W %s %d %s" % (loc, value[loc], rng.choice(["rlx", "rel", "sc"])))
            elif kind == "R":
                ops.append("R %s r%d %s" % (loc, reg, rng.choice(["rlx", "acq", "sc"])))
                reg += 1
            elif kind == "F":
                ops.append("F %s" % rng.choice(["rel", "acq", "acqrel", "sc"]))
            else:
                ops.append("FAA %s 1 %s r%d" % (loc, rng.choice(["rlx", "acqrel", "sc"]), reg))
                reg += 1
        if ops:
            threads.append("; ".join(ops))
    # Registers must be numbered in order of appearance (they are) and values stay < 10.
    observed = " ".join(loc for loc in locs if rng.random() < 0.5)
    return " | ".join(threads), observed


def fuzz(count, runner, seed, dfs):
    """Compares the core (the litmus_run binary) with the axioms on `count` random programs."""
    import random
    import subprocess

    rng = random.Random(seed)
    cases = [random_program(rng) for _ in range(count)]
    lines = "".join("%s\t%s\n" % case for case in cases)
    args = [runner] + (["--dfs"] if dfs else [])
    out = subprocess.run(args, input=lines, capture_output=True, text=True, check=False).stdout
    results = out.splitlines()
    if len(results) != len(cases):
        print("runner printed %d lines for %d programs" % (len(results), len(cases)))
        return 1
    bad = 0
    for (program, observed), line in zip(cases, results):
        got = outcomes(program, observed)
        rc11, rc11_n = describe(got["rc11"])
        sc, sc_n = describe(got["sc"])
        want = "rc11 %d {%s} sc %d {%s}" % (rc11_n, rc11, sc_n, sc)
        if dfs:
            want += " dfs %d {%s}" % (rc11_n, rc11)
        if line != want:
            bad += 1
            print("DISAGREE: %s  [observed: %s]" % (program, observed))
            print("   axioms: " + want)
            print("   core:   " + line)
    print("%d random programs (seed %d), %d disagree" % (count, seed, bad))
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "--fuzz":
        # --fuzz COUNT RUNNER [SEED] [--dfs]
        count = int(argv[2])
        runner = argv[3]
        seed = int(argv[4]) if len(argv) >= 5 and argv[4] != "--dfs" else 1
        return fuzz(count, runner, seed, "--dfs" in argv)
    if len(argv) >= 2 and argv[1] == "--self-test":
        return self_test()
    if len(argv) >= 3 and argv[1] == "--program":
        observe = argv[4] if len(argv) >= 5 and argv[3] == "--observe" else ""
        got = outcomes(argv[2], observe)
        for model in ("rc11", "sc"):
            text, count = describe(got[model])
            detail = " ".join("%s:%d" % (k, v) for k, v in sorted(got[model].items()))
            print("%s: %d graphs {%s}  (per outcome %s)" % (model, count, text, detail))
        return 0
    if len(argv) == 2:
        return check_file(argv[1])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
