// `npm run bench`: a benchmark, not a timed test. Generates 1M synthetic records once
// (bench-data/, git-ignored), then runs exo-audit and the comparisons side by side in the
// same run, each in a fresh process, and prints a table: time, records/s, peak RSS.
// Environment: BENCH_RECORDS (default 1000000), BENCH_RUNS (default 1), BENCH_PAIRS (default 3:
// alternating rounds of the bare loop and exo-audit's JSON-lines load, for the ratio).
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const records = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 1);
const pairs = Number(process.env.BENCH_PAIRS ?? 3);
const dataDir = path.join(root, 'bench-data', `r${records}`);
const buildDir = path.join(root, 'bench-data', 'build');

function sh(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...opts });
}

/** Runs a command under python's resource module to read the child's peak RSS. */
function measure(cmd, args) {
  const wrapper = 'import resource,subprocess,sys,time\n'
    + 't=time.perf_counter()\n'
    + 'p=subprocess.run(sys.argv[1:],stdout=subprocess.PIPE)\n'
    + 'w=(time.perf_counter()-t)*1000\n'
    + 'sys.stdout.write(p.stdout.decode()[-4000:]+"\\n@@ %d %.1f %d\\n"%(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,w,p.returncode))\n';
  const out = spawnSync('python3', ['-c', wrapper, cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env: process.env });
  const m = /@@ (\d+) ([\d.]+) (-?\d+)\s*$/.exec(out.stdout ?? '');
  if (!m) throw new Error(`bench child failed: ${cmd} ${args.join(' ')}\n${out.stderr}`);
  const body = out.stdout.slice(0, m.index).trim().split('\n').pop() ?? '';
  let report = {};
  try { report = JSON.parse(body); } catch { /* jq and friends print nothing useful */ }
  const result = { rssMB: Number(m[1]) / 1024, wallMs: Number(m[2]), exit: Number(m[3]), ...report };
  if (result.exit !== 0) {
    console.log(`  ! ${path.basename(args[0] ?? cmd)} exited ${result.exit}: ${(out.stderr ?? '').trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`);
    result.failed = true;
  }
  return result;
}

function best(cmd, args) {
  let result;
  for (let i = 0; i < runs; i++) {
    const r = measure(cmd, args);
    if (!result || (r.ms ?? r.wallMs) < (result.ms ?? result.wallMs)) result = r;
  }
  return result;
}

async function buildBenchEntries() {
  mkdirSync(buildDir, { recursive: true });
  const entries = readdirSync('test/bench').filter((f) => f.endsWith('.ts'));
  await build({
    entryPoints: entries.map((f) => path.join('test/bench', f)), outdir: buildDir, bundle: true, platform: 'node',
    target: 'node20', format: 'cjs', external: ['@duckdb/node-api'], logLevel: 'warning',
  });
}

function ensureData() {
  const jsonl = path.join(dataDir, 'ual.jsonl');
  const csv = path.join(dataDir, 'purview.csv');
  if (!existsSync(jsonl) || !existsSync(csv)) {
    mkdirSync(dataDir, { recursive: true });
    console.log(`generating ${records} synthetic records into ${path.relative(root, dataDir)} (once)...`);
    sh('node', ['dist/cli.js', 'synth', '--seed', '7', '--records', String(records), '--format', 'ual-jsonl', '--out', path.join(dataDir, 'jsonl')]);
    sh('node', ['dist/cli.js', 'synth', '--seed', '7', '--records', String(records), '--format', 'purview-csv', '--out', path.join(dataDir, 'csv')]);
    sh('bash', ['-c', `cat "${dataDir}/jsonl"/*.jsonl > "${jsonl}" && cat "${dataDir}/csv"/*.csv > "${csv}"`]);
  }
  return { jsonl, csv };
}

/** DuckDB for the comparison, installed into bench-data/tools (not a project dependency: see test/bench/duckdbLoad.ts). */
function ensureDuckDb() {
  const tools = path.join(root, 'bench-data', 'tools');
  if (!existsSync(path.join(tools, 'node_modules', '@duckdb', 'node-api'))) {
    console.log('installing @duckdb/node-api for the comparison (bench-data/tools)...');
    mkdirSync(tools, { recursive: true });
    sh('npm', ['install', '--prefix', tools, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '@duckdb/node-api@1.5.6-r.1']);
  }
  process.env.NODE_PATH = path.join(tools, 'node_modules');
}

function ensureJq() {
  const has = spawnSync('jq', ['--version']).status === 0;
  if (!has) {
    console.log('installing jq (apt) for the comparison...');
    spawnSync('bash', ['-c', '(apt-get install -y jq >/dev/null 2>&1) || (apt-get update >/dev/null && apt-get install -y jq >/dev/null)'], { stdio: 'inherit' });
  }
  return spawnSync('jq', ['--version']).status === 0;
}

function row(name, input, bytes, r, floorMs) {
  if (r.failed) return [name, input, 'failed', '', '', r.rssMB.toFixed(0), ''];
  const ms = r.ms ?? r.wallMs;
  const n = r.records ?? records;
  return [name, input, (ms / 1000).toFixed(2), Math.round(n / (ms / 1000)).toLocaleString('en-US'), (bytes / 1e6 / (ms / 1000)).toFixed(0), r.rssMB.toFixed(0), floorMs ? (ms / floorMs).toFixed(2) : ''];
}

function printTable(title, headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  console.log(`\n${title}`);
  console.log(headers.map((h, i) => h.padEnd(widths[i])).join('  '));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(widths[i])).join('  '));
}

export async function main() {
  console.log('building...');
  sh('node', ['scripts/build.mjs']);
  await buildBenchEntries();
  const { jsonl, csv } = ensureData();
  const jsonlBytes = statSync(jsonl).size;
  const csvBytes = statSync(csv).size;
  const b = (f) => path.join(buildDir, f);
  const haveJq = ensureJq();
  ensureDuckDb();
  console.log(`data: ${path.relative(root, jsonl)} ${(jsonlBytes / 1e9).toFixed(2)} GB, ${path.relative(root, csv)} ${(csvBytes / 1e9).toFixed(2)} GB; ${runs} run(s) each, best shown; machine: ${(await import('node:os')).cpus().length} cores`);

  const bareJ = best('node', [b('bareJsonParse.js'), jsonl]);
  const exoJ = best('node', [b('loadExo.js'), jsonl]);
  const duckJ = best('node', [b('duckdbLoad.js'), 'json', jsonl]);
  const jqJ = haveJq ? best('jq', ['-c', '.Id', jsonl]) : null;
  const bareC = best('node', [b('bareCsvParse.js'), csv]);
  const exoC = best('node', [b('loadExo.js'), csv]);
  const duckC = best('node', [b('duckdbLoad.js'), 'csv', csv]);

  const headers = ['contender', 'input', 'seconds', 'records/s', 'MB/s', 'peak RSS MB', 'x bare'];
  const rows = [
    row('bare JSON.parse loop (floor)', 'JSON lines', jsonlBytes, bareJ, bareJ.ms),
    row('exo-audit load', 'JSON lines', jsonlBytes, exoJ, bareJ.ms),
    row('DuckDB read_json -> table', 'JSON lines', jsonlBytes, duckJ, bareJ.ms),
  ];
  if (jqJ) rows.push(row('jq -c .Id', 'JSON lines', jsonlBytes, { ...jqJ, records }, bareJ.ms));
  rows.push(
    row('bare csv-parse + JSON.parse(AuditData)', 'Purview CSV', csvBytes, bareC, bareC.ms),
    row('exo-audit load', 'Purview CSV', csvBytes, exoC, bareC.ms),
    row('DuckDB read_csv -> table (AuditData left as text)', 'Purview CSV', csvBytes, duckC, bareC.ms),
  );
  printTable(`Load: ${records.toLocaleString('en-US')} records`, headers, rows);
  // The machine's speed drifts by tens of percent over minutes: the ratio is also taken from rounds
  // that alternate the two, and the target is judged on their median.
  const ratios = [];
  for (let i = 0; i < pairs; i++) {
    const bare = measure('node', [b('bareJsonParse.js'), jsonl]);
    const exo = measure('node', [b('loadExo.js'), jsonl]);
    ratios.push(exo.ms / bare.ms);
  }
  const sorted = [...ratios].sort((x, y) => x - y);
  const ratio = sorted.length > 0 ? sorted[Math.floor(sorted.length / 2)] : exoJ.ms / bareJ.ms;
  if (ratios.length > 0) console.log(`\nexo-audit / bare loop, JSON lines, ${ratios.length} alternating rounds: ${ratios.map((r) => `${r.toFixed(2)}x`).join(', ')} (median ${ratio.toFixed(2)}x)`);
  console.log(`\ntargets: load within 1.3x of the bare loop: ${ratio.toFixed(2)}x ${ratio <= 1.3 ? 'MET' : 'NOT MET'}; faster than DuckDB: ${exoJ.ms < duckJ.ms ? 'MET' : 'NOT MET'} (${(exoJ.ms / 1000).toFixed(2)} s vs ${(duckJ.ms / 1000).toFixed(2)} s); peak RSS under 1.5 GB: ${exoJ.rssMB < 1536 ? 'MET' : 'NOT MET'} (${exoJ.rssMB.toFixed(0)} MB)`);
  if (exoJ.records !== records) console.log(`warning: exo-audit loaded ${exoJ.records} of ${records} records`);

  // Queries: each side loads the data once in its own process, then runs each query 5 times (median).
  const exoQ = measure('node', [b('queriesExo.js'), jsonl]);
  const duckQ = measure('node', [b('queriesDuck.js'), jsonl]);
  if (exoQ.results && duckQ.results) {
    const names = Object.keys(exoQ.results);
    printTable(`Hunting queries on ${records.toLocaleString('en-US')} records (median of 5, data already loaded)`,
      ['query', 'exo-audit ms', 'DuckDB ms', 'x DuckDB', 'rows', 'same rows'],
      names.map((n) => {
        const e = exoQ.results[n];
        const d = duckQ.results[n];
        return [n, e.ms.toFixed(1), d ? d.ms.toFixed(1) : '', d ? (e.ms / d.ms).toFixed(2) : '', e.rows, d ? (e.rows === d.rows ? 'yes' : `no (${d.rows})`) : ''];
      }));
    const worst = Math.max(...names.map((n) => exoQ.results[n].ms / (duckQ.results[n]?.ms ?? Infinity)));
    console.log(`\ntarget: each query within 2x DuckDB: worst ${worst.toFixed(2)}x ${worst <= 2 ? 'MET' : 'NOT MET'}`);
  }

  // Findings: all rules over the same records.
  const fin = measure('node', [b('findingsBench.js'), jsonl]);
  if (fin.rules) {
    printTable(`Findings: all rules over ${fin.records.toLocaleString('en-US')} records: ${fin.totalMs.toFixed(0)} ms total, ${fin.findings} findings, ${fin.stories} stories`,
      ['rule', 'ms', 'findings', 'inputs selected by'],
      fin.rules.map((r) => [r.rule, r.ms.toFixed(1), r.findings, r.selectedBy]));
  }

  for (const extra of ['lsp.bench.js', 'timeline.bench.js']) {
    if (!existsSync(b(extra))) continue;
    // The timeline runs in Debian's chromium, which the e2e installer puts on a fresh machine.
    if (extra === 'timeline.bench.js' && !process.env.CHROMIUM_PATH && !existsSync('/usr/bin/chromium')) {
      console.log('\ninstalling chromium for the timeline benchmark (scripts/e2e/install.sh --browser-only)...');
      sh('bash', ['scripts/e2e/install.sh', '--browser-only'], { stdio: ['ignore', 'inherit', 'inherit'] });
    }
    const r = measure('node', [b(extra)]);
    console.log(`\n${extra.replace('.bench.js', '')}: ${JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !['rssMB', 'wallMs', 'exit'].includes(k))))}`);
  }
}

await main();
