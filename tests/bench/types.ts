// The contract between `npm run bench` (tests/bench/run.ts) and each area's benchmark.
// run.ts prepares a dataset (the demo school, or 20 schools), starts the built app on it, and
// calls every registered benchmark with this context; each returns rows of figures that run.ts
// prints as one table and writes to tests/.output/bench.json for the README.

export type BenchContext = {
  /** "demo" (one school) or "20 schools". */
  dataset: string;
  /** The running app, e.g. http://localhost:3100 */
  baseUrl: string;
  /** The dataset's database, for picking ids and for direct data-layer timings. */
  databaseUrl: string;
  /** The demo password shared by generated accounts. */
  password: string;
};

export type BenchRow = {
  /** What was measured, e.g. "journal page, class of 30, quarter". */
  name: string;
  /** e.g. { median_ms: 21.3, p95_ms: 35.1 } or { rps: 180, p99_ms: 120 } */
  figures: Record<string, number | string>;
  /** The target from the issue, e.g. "median ≤ 40 ms", with whether it was met. */
  target?: string;
  met?: boolean;
};

export type Benchmark = { area: string; run(ctx: BenchContext): Promise<BenchRow[]> };
