#!/usr/bin/env python3
"""Site suggestion benchmark: CPU seconds of the whole `petacerdas suggest` command (from its start,
project reading and the engine's preparation included, as a planner waits for it), against the
targets of issue 15:

  Kab. Pasuruan, N = 10 from about 10,000 grid candidates   < 1 s
  Jawa Timur,    N = 100 from about 50,000 grid candidates  < 30 s

The projects are built first with the same command line (load-district; import of jatim_desa.gpkg,
population pop_ghs). CPU time is the children's rusage (every thread), the median of --repeat runs.
Exit status 0 when every target holds.

  python3 bench/suggest_bench.py --petacerdas build/app/cli/petacerdas --data ../shared/data
"""
import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile


def child_cpu(cmd):
    u0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    return (u1.ru_utime + u1.ru_stime) - (u0.ru_utime + u0.ru_stime), p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--petacerdas", required=True)
    ap.add_argument("--data", required=True, help="../shared/data")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "pc_suggest_bench"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-jatim", action="store_true")
    a = ap.parse_args()
    pc = a.petacerdas
    os.makedirs(a.work, exist_ok=True)
    pas = os.path.join(a.work, "kab_pasuruan.gpkg")
    if not os.path.exists(pas):
        subprocess.run([pc, "load-district", os.path.join(a.data, "kab_pasuruan_3514.gpkg"), "--out", pas], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    work = [("Kab. Pasuruan", pas, "bts", 10, 380, 1.0)]
    if not a.no_jatim:
        jatim = os.path.join(a.work, "jatim.gpkg")
        if not os.path.exists(jatim):
            src = os.path.join(a.data, "jatim_desa.gpkg")
            tmp = jatim + ".building.gpkg"
            if os.path.exists(tmp):
                os.remove(tmp)
            q = dict(check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.run([pc, "import", tmp, src, "--as", "desa", "--layer", "desa", "--new", "--district-code", "35",
                            "--name", "Provinsi Jawa Timur", "--field", "population=pop_ghs", "--field", "parent=kode_kec"], **q)
            subprocess.run([pc, "import", tmp, src, "--as", "kecamatan", "--layer", "kecamatan", "--no-population",
                            "--field", "parent=kode_kab"], **q)
            os.rename(tmp, jatim)
        work.append(("Jawa Timur", jatim, "puskesmas", 100, 980, 30.0))

    ok = True
    print(f"{'area':<14} {'service':<10} {'N':>4} {'candidates':>10} {'evaluations':>11} {'swaps':>5} "
          f"{'people added':>13} {'CPU s (median)':>15} {'target':>7}  holds")
    for label, proj, service, n, spacing, target in work:
        cpus = []
        for _ in range(a.repeat):
            out_dir = os.path.join(a.work, "out_" + service)
            cpu, out, err = child_cpu([pc, "suggest", proj, "--service", service, "--count", str(n),
                                       "--candidates", f"grid:{spacing}", "--out", out_dir])
            cpus.append(cpu)
        m = re.search(r"choosing \d+ sites .*?: (\d+) candidates, (\d+) evaluations, (\d+) swaps", err)
        people = re.search(r"after \d+ swaps ([0-9.]+)", out)
        cpu = statistics.median(cpus)
        holds = cpu < target
        ok &= holds
        print(f"{label:<14} {service:<10} {n:>4} {m.group(1):>10} {m.group(2):>11} {m.group(3):>5} "
              f"{float(people.group(1)):>13.0f} {cpu:>15.2f} {target:>6.0f}s  {'yes' if holds else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
