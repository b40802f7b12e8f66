/**
 * Best of `runs` timings of `fn`, in ms of CPU time (user + system): on a busy
 * machine wall time mostly measures waiting for a core. A module of its own:
 * a bundle of a script that imported it from adversarial.ts would also run
 * adversarial.ts's measurements (its `require.main === module` is the bundle's).
 */
export function bestOf(runs: number, fn: () => void): number {
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const t0 = process.cpuUsage();
    fn();
    const t = process.cpuUsage(t0);
    best = Math.min(best, (t.user + t.system) / 1000);
  }
  return best;
}
