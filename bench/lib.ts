/** Shared helpers for the benchmark parts (run with tsx). */
import { writeFileSync } from 'node:fs';

export interface BenchRow {
  area: string;
  figure: string;
  value: number;
  unit: string;
  min?: number;
  max?: number;
  runs?: number;
  peer?: string;
  peerValue?: number;
  ratio?: number;
  note?: string;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A row from repeated measurements: median with min and max. */
export function summarize(area: string, figure: string, values: number[], unit: string, extra: Partial<BenchRow> = {}): BenchRow {
  return { area, figure, value: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length, unit, ...extra };
}

export function writeRows(rows: BenchRow[]): void {
  const i = process.argv.indexOf('--json');
  const out = i >= 0 ? process.argv[i + 1] : process.env.PINGONE_BENCH_OUT;
  if (out) writeFileSync(out, JSON.stringify(rows, null, 2));
  for (const r of rows)
    console.error(
      `  ${r.area} · ${r.figure}: ${r.value.toFixed(2)} ${r.unit}${r.min !== undefined ? ` (min ${r.min.toFixed(2)}, max ${r.max!.toFixed(2)})` : ''}`
    );
}
