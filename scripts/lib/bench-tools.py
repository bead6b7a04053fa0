#!/usr/bin/env python3
"""Helpers for scripts/bench (standard library only).

  bench-tools.py tree-stats DIR              -> "FILES DIRS BYTES" (regular files, directories, file bytes)
  bench-tools.py reset-tree DAY0 LIVE SINCE_NS -> make LIVE equal to DAY0 again, copying only what differs
  bench-tools.py make-tree DIR N             -> a tree of N entries (dirs of ~1000 empty/tiny files)
  bench-tools.py gc-peak LOG                 -> heap figures from a -Xlog:gc log, as KEY=VALUE
  bench-tools.py report TSV META OUT [ERRS]  -> the markdown report (printed and written to OUT);
                                                ERRS, when not empty, is quoted under "Failures"

TSV rows (tab separated, no header):
  section op tool rep rc wall user sys maxrss_kb out_bytes aux
where aux is "key=value;key=value" (may be empty) and section is "compare", "memory" or "targets".
"""
import math
import os
import re
import shutil
import statistics
import sys
from multiprocessing import Pool

# ----------------------------------------------------------------------------- trees


def tree_stats(root):
    files = dirs = size = 0
    stack = [root]
    while stack:
        d = stack.pop()
        dirs += 1
        with os.scandir(d) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    stack.append(e.path)
                elif e.is_file(follow_symlinks=False):
                    files += 1
                    size += e.stat(follow_symlinks=False).st_size
    return files, dirs, size


def _kind(entry):
    if entry.is_symlink():
        return "link"
    if entry.is_dir(follow_symlinks=False):
        return "dir"
    if entry.is_file(follow_symlinks=False):
        return "file"
    return "other"


def _remove(entry):
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


def _reset_dir(src, dst, since_ns, counts):
    """Entries, contents, modes and mtimes of dst as in src. A file is kept when its size, mtime
    and mode match and it has not been changed (ctime) since the last reset."""
    s_entries = {e.name: e for e in os.scandir(src)}
    d_entries = {e.name: e for e in os.scandir(dst)}
    for name, de in d_entries.items():
        se = s_entries.get(name)
        if se is None or _kind(se) != _kind(de):
            _remove(de)
            counts["removed"] += 1
    for name, se in s_entries.items():
        kind, dp = _kind(se), os.path.join(dst, name)
        de = d_entries.get(name)
        present = de is not None and _kind(de) == kind and os.path.lexists(dp)
        if kind == "dir":
            if present:
                _reset_dir(se.path, dp, since_ns, counts)
            else:
                shutil.copytree(se.path, dp, symlinks=True)
                counts["copied"] += 1
        elif kind == "file":
            if present:
                a, b = se.stat(follow_symlinks=False), de.stat(follow_symlinks=False)
                if (a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns
                        and a.st_mode == b.st_mode and b.st_ctime_ns < since_ns):
                    continue
                os.unlink(dp)
            shutil.copy2(se.path, dp)
            counts["copied"] += 1
        elif kind == "link":
            if present and os.readlink(se.path) == os.readlink(dp):
                continue
            if present:
                os.unlink(dp)
            os.symlink(os.readlink(se.path), dp)
            counts["copied"] += 1
        else:
            raise SystemExit("reset-tree: %s is neither a file, a directory nor a symlink" % se.path)
    shutil.copystat(src, dst)


def reset_tree(src, dst, since_ns):
    counts = {"copied": 0, "removed": 0}
    _reset_dir(src, dst, since_ns, counts)
    print("reset %s from %s: %d copied, %d removed" % (dst, src, counts["copied"], counts["removed"]))


def _make_dir(args):
    base, index, count = args
    d = os.path.join(base, "d%04d" % index)
    os.mkdir(d)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    for i in range(count):
        fd = os.open(os.path.join(d, "f%04d.txt" % i), flags, 0o644)
        if i % 16 == 0:  # a few tiny files among the empty ones
            os.write(fd, b"%d %d\n" % (index, i))
        os.close(fd)
    return count


def make_tree(dest, n):
    """N entries in total: the root, ceil(N/1000) directories and the rest as files."""
    if n < 3:
        raise SystemExit("make-tree: N must be at least 3")
    ndirs = max(1, math.ceil(n / 1000))
    nfiles = n - 1 - ndirs
    os.makedirs(dest)
    jobs = [(dest, i, nfiles // ndirs + (1 if i < nfiles % ndirs else 0)) for i in range(ndirs)]
    with Pool(os.cpu_count() or 2) as pool:
        made = sum(pool.imap_unordered(_make_dir, jobs, chunksize=8))
    print("made %d entries (%d directories, %d files) in %s" % (1 + ndirs + made, ndirs, made, dest))


# ----------------------------------------------------------------------------- gc log

GC_LINE = re.compile(r"GC\(\d+\) (Pause \w+).*?(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)")
UNIT = {"K": 1 / 1024, "M": 1, "G": 1024}


def gc_peak(path):
    gcs = full = 0
    before = after = committed = 0.0
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = GC_LINE.search(line)
                if not m:
                    continue
                gcs += 1
                if m.group(1) == "Pause Full":
                    full += 1
                before = max(before, int(m.group(2)) * UNIT[m.group(3)])
                after = max(after, int(m.group(4)) * UNIT[m.group(5)])
                committed = max(committed, int(m.group(6)) * UNIT[m.group(7)])
    except FileNotFoundError:
        pass
    print("gcs=%d;fullgcs=%d;heap_before_mb=%.0f;heap_after_mb=%.0f;heap_committed_mb=%.0f"
          % (gcs, full, before, after, committed))


# ----------------------------------------------------------------------------- report

OPS = [
    # op, label, baseline label, limit, goal
    ("full", "full backup (day 0)", r"GNU tar \| zstd -3 -T0", 1.15, 1.0),
    ("incremental", "incremental (after mutate)", r"GNU tar (snar copy) \| zstd -3 -T0", 1.3, None),
    ("restore", "restore latest point", r"zstd -dc \| tar -x (full, then incr.)", 1.2, None),
    ("verify", "verify latest point", r"zstd -dc \| sha256sum (same archives)", 1.3, None),
]


class Row:
    def __init__(self, f):
        (self.section, self.op, self.tool, rep, rc, wall, user, sys_, rss, out, aux) = (f + [""] * 11)[:11]
        self.rep, self.rc = int(rep), int(rc)
        self.wall, self.user, self.sys = num(wall), num(user), num(sys_)
        self.cpu = self.user + self.sys if not (math.isnan(self.user) or math.isnan(self.sys)) else math.nan
        self.rss_mb = num(rss) / 1024
        self.out_mb = num(out) / 1e6
        self.aux = dict(kv.split("=", 1) for kv in aux.split(";") if "=" in kv)


def num(s):
    try:
        return float(s)
    except ValueError:
        return math.nan


def med(values):
    v = [x for x in values if not math.isnan(x)]
    return statistics.median(v) if v else math.nan


def fmt(x, digits=2):
    return "—" if x is None or math.isnan(x) else "%.*f" % (digits, x)


def ratio(a, b):
    return math.nan if math.isnan(a) or math.isnan(b) or b == 0 else a / b


def read_meta(path):
    meta = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "=" in line:
                meta.append(tuple(line.split("=", 1)))
    return meta


def compare_section(rows, lines):
    lines += [
        "| operation | tool | median wall s | median CPU s | peak RSS MB | output MB | "
        "Continuo/tar (wall) | limit | |",
        "|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    extra = []
    raw = []
    for op, label, base_label, limit, goal in OPS:
        stats = {}
        for tool in ("tar", "continuo", "daemon"):
            rs = [r for r in rows if r.op == op and r.tool == tool]
            ok = [r for r in rs if r.rc == 0]
            stats[tool] = {
                "n": len(rs), "ok": len(ok),
                "wall": med([r.wall for r in ok]), "cpu": med([r.cpu for r in ok]),
                "rss": med([r.rss_mb for r in ok]), "rss_max": max([r.rss_mb for r in ok], default=math.nan),
                "out": med([r.out_mb for r in ok]),
                "manifest": med([num(r.aux.get("manifest_bytes", "nan")) / 1e6 for r in ok]),
                "walls": [r.wall if r.rc == 0 else None for r in sorted(rs, key=lambda r: r.rep)],
            }
        t = stats["tar"]
        if t["n"] == 0 and stats["continuo"]["n"] == 0:
            continue
        lim = "≤ %.2f" % limit + (" (goal %.1f)" % goal if goal is not None else "")
        tools = [("tar", base_label), ("continuo", "Continuo")]
        if stats["daemon"]["n"]:
            tools.append(("daemon", "Continuo, handed to the daemon"))
        for tool, name in tools:
            s = stats[tool]
            r_wall = ratio(s["wall"], t["wall"])
            verdict = "" if math.isnan(r_wall) else ("within limit" if r_wall <= limit else "**OVER LIMIT**")
            if verdict and goal is not None and r_wall <= goal:
                verdict = "within limit, meets goal"
            failed = "" if s["ok"] == s["n"] else " (%d/%d failed)" % (s["n"] - s["ok"], s["n"])
            out = fmt(s["out"], 1)
            if tool != "tar" and not math.isnan(s["manifest"]):
                out += " (manifest %s)" % fmt(s["manifest"], 2)
            lines.append("| %s | %s%s | %s | %s | %s | %s | %s | %s | %s |" % (
                label, name, failed, fmt(s["wall"]), fmt(s["cpu"]), fmt(s["rss"], 0), out,
                fmt(r_wall) if tool != "tar" else "",
                lim if tool != "tar" else "", verdict if tool != "tar" else ""))
            if tool != "tar":
                extra.append("| %s | %s | %s | %s | %s | %s |" % (
                    label, name, fmt(r_wall), fmt(ratio(s["cpu"], t["cpu"])),
                    fmt(ratio(s["rss"], t["rss"])), fmt(ratio(s["out"], t["out"]))))
        for tool, name in tools:
            raw.append("| %s | %s | %s | %s |" % (
                label, name, " ".join("FAIL" if w is None else fmt(w) for w in stats[tool]["walls"]),
                fmt(stats[tool]["rss_max"], 0)))
    lines += ["", "Continuo/tar ratios of the medians:", "",
              "| operation | Continuo | wall | CPU | peak RSS | output |", "|---|---|---:|---:|---:|---:|"] + extra
    lines += ["", "Wall time of every repetition (s), in run order, and the largest peak RSS seen:", "",
              "| operation | tool | wall s per repetition | max peak RSS MB |", "|---|---|---|---:|"] + raw


def memory_section(rows, lines):
    lines += [
        "| check | result | wall s | CPU s | peak RSS MB | heap after GC, max MB | "
        "heap before GC, max MB | heap committed, max MB | GCs (full) | entries | output MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    labels = {"many-small": "many-small full backup, -Xmx256m",
              "million": "synthetic tree full backup, -Xmx256m"}
    for r in rows:
        a = r.aux
        result = "ok" if r.rc == 0 else "**FAILED (exit %d)**" % r.rc
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s | %s |" % (
            labels.get(r.op, r.op), result, fmt(r.wall), fmt(r.cpu), fmt(r.rss_mb, 0),
            a.get("heap_after_mb", "—"), a.get("heap_before_mb", "—"), a.get("heap_committed_mb", "—"),
            a.get("gcs", "—"), a.get("fullgcs", "—"), a.get("entries", "—"), fmt(r.out_mb, 1)))


def targets_section(rows, lines):
    """Remote targets: one table for the command alone, one for the runs handed to the daemon."""
    groups = [(op, title) for op, title in (
        ("full", "By the command alone (a new JVM for each backup)"),
        ("daemon", "Handed to the daemon (`continuo run` running, as on an installed agent)"))
        if any(r.op == op for r in rows)]
    for op, title in groups:
        if len(groups) > 1:
            lines += ["### " + title, ""]
        targets_table([r for r in rows if r.op == op], lines)
        lines.append("")


def targets_table(rows, lines):
    lines += [
        "| target | median wall s | median CPU s | server CPU s | peak RSS MB (median / max) | "
        "target/local (wall) | Continuo CPU / local | limit | |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    stats = {}
    for tool in ("local", "sftp", "s3"):
        rs = [r for r in rows if r.tool == tool]
        ok = [r for r in rs if r.rc == 0]
        stats[tool] = {"n": len(rs), "ok": len(ok), "wall": med([r.wall for r in ok]),
                       "cpu": med([r.cpu for r in ok]), "rss": med([r.rss_mb for r in ok]),
                       "server": med([num(r.aux.get("server_cpu_s", "nan")) for r in ok]),
                       "rss_max": max([r.rss_mb for r in ok], default=math.nan),
                       "walls": [r.wall if r.rc == 0 else None for r in sorted(rs, key=lambda r: r.rep)]}
    local = stats["local"]["wall"]
    for tool, label in (("local", "local directory"), ("sftp", "SFTP (sshd on loopback)"),
                        ("s3", "S3 (S3Proxy on loopback)")):
        s = stats[tool]
        if s["n"] == 0:
            continue
        failed = "" if s["ok"] == s["n"] else " (%d/%d failed)" % (s["n"] - s["ok"], s["n"])
        r = ratio(s["wall"], local) if tool != "local" else math.nan
        verdict = ""
        limit = ""
        if tool != "local":
            limit = "≤ 1.30"
            if not math.isnan(r):
                verdict = "within limit" if r <= 1.3 else "**OVER LIMIT**"
        if tool == "s3":
            limit += "; RSS < 400 MB"
            if not math.isnan(s["rss_max"]):
                verdict += "; RSS " + ("under 400 MB" if s["rss_max"] < 400 else "**OVER 400 MB**")
        cpu_r = ratio(s["cpu"], stats["local"]["cpu"]) if tool != "local" else math.nan
        lines.append("| %s%s | %s | %s | %s | %s / %s | %s | %s | %s | %s |" % (
            label, failed, fmt(s["wall"]), fmt(s["cpu"]), fmt(s["server"]) if tool != "local" else "",
            fmt(s["rss"], 0), fmt(s["rss_max"], 0), fmt(r) if tool != "local" else "",
            fmt(cpu_r) if tool != "local" else "", limit, verdict))
    lines += ["", "Wall time of every repetition (s), in run order:", "",
              "| target | wall s per repetition |", "|---|---|"]
    for tool in ("local", "sftp", "s3"):
        if stats[tool]["n"]:
            lines.append("| %s | %s |" % (tool, " ".join(
                "FAIL" if w is None else fmt(w) for w in stats[tool]["walls"])))


def report(tsv, meta_path, out_path, errors_path=None):
    rows = []
    with open(tsv, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(Row(line.rstrip("\n").split("\t")))
    meta = read_meta(meta_path)
    title = dict(meta).get("title", "Continuo benchmark")
    lines = ["# " + title, ""]
    for k, v in meta:
        if k not in ("title", "note"):
            lines.append("- %s: %s" % (k, v))
    compare = [r for r in rows if r.section == "compare"]
    memory = [r for r in rows if r.section == "memory"]
    if compare:
        lines += ["", "## Continuo vs GNU tar + zstd", ""]
        compare_section(compare, lines)
    if memory:
        lines += ["", "## Memory (bounded heap)", ""]
        memory_section(memory, lines)
    targets = [r for r in rows if r.section == "targets"]
    if targets:
        lines += ["", "## Remote targets: full backup, each against a local directory", ""]
        targets_section(targets, lines)
    notes = [v for k, v in meta if k == "note"]
    if notes:
        lines += ["", "Notes:", ""] + ["- " + n for n in notes]
    errors = ""
    if errors_path and os.path.exists(errors_path):
        with open(errors_path, encoding="utf-8", errors="replace") as f:
            errors = f.read().strip()
    if errors:
        lines += ["", "## Failures", "", "```", errors, "```"]
    text = "\n".join(lines) + "\n"
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(text)
    sys.stdout.write(text)


def main(argv):
    if len(argv) >= 2 and argv[0] == "tree-stats":
        print("%d %d %d" % tree_stats(argv[1]))
    elif len(argv) >= 4 and argv[0] == "reset-tree":
        reset_tree(argv[1], argv[2], int(argv[3]))
    elif len(argv) >= 3 and argv[0] == "make-tree":
        make_tree(argv[1], int(argv[2]))
    elif len(argv) >= 2 and argv[0] == "gc-peak":
        gc_peak(argv[1])
    elif len(argv) >= 4 and argv[0] == "report":
        report(argv[1], argv[2], argv[3], argv[4] if len(argv) > 4 else None)
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
