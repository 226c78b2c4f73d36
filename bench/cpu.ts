/**
 * CPU time of the server under test, for benchmarks run on a shared machine: there wall time mostly
 * measures the other tenants, CPU time measures the work.
 */
import fs from 'node:fs';

/**
 * CPU seconds used so far by a process and all its descendants (the server, its embedded
 * PostgreSQL and every backend): utime + stime of each live process, plus cutime + cstime for the
 * children it has already reaped. Linux only (/proc); 0 elsewhere.
 */
export function treeCpuSeconds(rootPid: number | undefined): number {
  if (rootPid === undefined || !fs.existsSync('/proc/self/stat')) return 0;
  const procs: { pid: number; ppid: number; ticks: number }[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // Fields after the command (which may hold spaces) in parentheses: state ppid … utime(14) stime cutime cstime.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    procs.push({ pid: Number(d), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
  }
  const inTree = new Set([rootPid]);
  for (let grown = true; grown;) {
    grown = false;
    for (const p of procs)
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grown = true;
      }
  }
  return procs.filter((p) => inTree.has(p.pid)).reduce((n, p) => n + p.ticks, 0) / 100;
}
