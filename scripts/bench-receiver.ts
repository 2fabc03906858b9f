/**
 * npm run bench:receiver: the receiver's throughput on loopback, for SQLite and PostgreSQL.
 *
 * For each engine: a fresh database (PostgreSQL in its own throwaway cluster), the real receiver
 * command as a child process, then autocannon posting distinct valid inquiries (a new id per
 * request) over a few connections. Prints inquiries per second, p50 and p99 latency, and the
 * inquiries acknowledged (2xx) against those stored; those two must be equal, or it exits 1.
 *
 * The run is bounded by a request count rather than a duration: autocannon drops the requests in
 * flight when a duration runs out, and those may be stored without their answer being counted,
 * which would make "stored = acknowledged" fail for no fault of the receiver. A time cap stops a
 * run that takes too long (then the figures are not comparable and the bench fails).
 *
 * Settings (environment): BENCH_ENGINES=sqlite,postgres  BENCH_REQUESTS=12000  BENCH_CONNECTIONS=8
 * BENCH_MAX_SECONDS=40  BENCH_LOG_LEVEL=info (the receiver's default; warn to see logging's cost).
 * Run it alone on the machine (flock /tmp/consult-build.lock npm run bench:receiver): it measures
 * the CPU it shares.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { openStore, type Engine } from '../server/storage/database.js';
import { startCluster, postgresAvailable, type Cluster } from '../test/server/helpers/postgres.js';
import { addTestSite, freshDatabaseUrl, inquiry, ORIGIN, startProcess, type ReceiverProcess } from '../test/server/helpers/receiver.js';

const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as Engine[];
const REQUESTS = Number(process.env.BENCH_REQUESTS) || 12000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS) || 8;
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS) || 40;
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL || 'info';
/** Requests before the measured run, so JIT compilation and cold caches are not measured. */
const WARMUP = Math.min(500, REQUESTS);

/** The target for this two-core machine. */
const TARGET = { engine: 'sqlite' as Engine, perSecond: 500, p99Ms: 50 };

interface Row {
  engine: Engine;
  perSecond: number;
  p50: number;
  p99: number;
  acknowledged: number;
  stored: number;
  missing: number;
  other: string;
  seconds: number;
  complete: boolean;
  /** Share of the machine's CPU that other processes used during the run. */
  others: number | undefined;
}

function isPostmasterOn(pid: string, port: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return /postgres$/.test(args[0]) && args[args.indexOf('-p') + 1] === port;
  } catch {
    return false;
  }
}

/**
 * The machine is shared: how much of its CPU went to other processes during a run says whether
 * the figures were disturbed (Linux /proc; undefined elsewhere). "Ours" is this process, the
 * receiver and, for PostgreSQL, the cluster's server processes. Clock ticks are 1/100 s.
 */
function cpuMeter(receiverPid: number | undefined, databaseUrl: string): () => number | undefined {
  const statOf = (pid: number | string) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  };
  const machineBusy = () => {
    const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return ticks.reduce((a, b) => a + b, 0) - ticks[3] - ticks[4];
  };
  // The cluster's postmaster is the process started with this port; its backends are its
  // children, and the time of those that ended is in its children's total (cutime, cstime).
  const port = /^postgres/.test(databaseUrl) ? new URL(databaseUrl).port : undefined;
  const postmaster = port ? readdirSync('/proc').find((pid) => /^\d+$/.test(pid) && isPostmasterOn(pid, port)) : undefined;
  const databaseTicks = () => {
    if (!postmaster) return 0;
    let ticks = statOf(postmaster).slice(11, 15).map(Number).reduce((a, b) => a + b, 0);
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const fields = statOf(pid);
        if (fields[1] === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // Ended between listing and reading: its time is in the postmaster's children's total.
      }
    }
    return ticks;
  };
  const ours = () => {
    const usage = process.cpuUsage();
    const receiver = statOf(receiverPid!);
    return (usage.user + usage.system) / 10_000 + Number(receiver[11]) + Number(receiver[12]) + databaseTicks();
  };
  try {
    const start = { machine: machineBusy(), ours: ours(), at: performance.now() };
    return () => {
      const seconds = (performance.now() - start.at) / 1000;
      const others = machineBusy() - start.machine - (ours() - start.ours);
      return Math.max(0, others) / 100 / seconds / cpus().length;
    };
  } catch {
    return () => undefined;
  }
}

/** Sends `amount` distinct inquiries; the ids the receiver acknowledged go into `acknowledged`. */
async function load(url: string, amount: number, acknowledged: Set<string>): Promise<{ result: autocannon.Result; complete: boolean; seconds: number }> {
  const run = randomBytes(4).toString('hex');
  let sequence = 0;
  // autocannon's own duration ends on its next one-second tick, up to a second late; the rate is
  // taken from the first request to the last answer instead.
  const started = performance.now();
  let lastAnswer = started;
  let finish!: (value: autocannon.Result) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  // With a callback autocannon returns its instance, which the time cap can stop.
  const instance = autocannon({
    url,
    connections: Math.min(CONNECTIONS, amount),
    pipelining: 1,
    amount,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/v1/sites/clinic/inquiries',
        setupRequest: (request, context) => {
          const id = `bench-${run}-${sequence++}`;
          // One request per connection at a time (pipelining 1), so the connection's context
          // carries the id of the request whose answer comes next.
          (context as { id?: string }).id = id;
          return {
            ...request,
            headers: { 'content-type': 'application/json', origin: ORIGIN, 'idempotency-key': id },
            body: JSON.stringify(inquiry({ id })),
          };
        },
        onResponse: (status, _body, context) => {
          lastAnswer = performance.now();
          const id = (context as { id?: string }).id;
          if (status >= 200 && status < 300 && id) acknowledged.add(id);
        },
      },
    ],
  }, (error, result) => (error ? fail(error) : finish(result)));
  let complete = true;
  const cap = setTimeout(() => {
    complete = false;
    instance.stop();
  }, MAX_SECONDS * 1000);
  const result = await done;
  clearTimeout(cap);
  return { result, complete, seconds: (lastAnswer - started) / 1000 };
}

async function bench(engine: Engine): Promise<Row> {
  const databaseUrl = await freshDatabaseUrl(engine);
  await addTestSite(databaseUrl);
  let receiver: ReceiverProcess | undefined;
  try {
    receiver = await startProcess(databaseUrl, {
      RATE_LIMIT_PER_IP: '10000000',
      RATE_LIMIT_PER_SITE: '10000000',
      LOG_LEVEL,
    });
    const acknowledged = new Set<string>();
    await load(receiver.url, WARMUP, acknowledged);
    const before = acknowledged.size;
    const othersShare = cpuMeter(receiver.child.pid, databaseUrl);
    const { result, complete, seconds } = await load(receiver.url, REQUESTS, acknowledged);
    const others = othersShare();
    const measured = acknowledged.size - before;
    // Stop the receiver the way an operator would, so every request it took is finished.
    await receiver.stop('SIGTERM');
    receiver = undefined;

    const store = await openStore(databaseUrl);
    let stored: number;
    let missing = 0;
    try {
      const row = await store.db.selectFrom('inquiries').select((eb) => eb.fn.countAll<string | number>().as('n')).where('site_id', '=', 'clinic').executeTakeFirstOrThrow();
      stored = Number(row.n);
      // Every acknowledged id, not only the count: an answered inquiry must be the stored one.
      const ids = [...acknowledged];
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const found = await store.db.selectFrom('inquiries').select('id').where('site_id', '=', 'clinic').where('id', 'in', chunk).execute();
        missing += chunk.length - found.length;
      }
    } finally {
      await store.close();
    }
    const codes = Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, { count }]) => `${code}×${count}`);
    if (result.errors) codes.push(`errors×${result.errors}`);
    if (result.timeouts) codes.push(`timeouts×${result.timeouts}`);
    return {
      engine,
      perSecond: measured / seconds,
      p50: result.latency.p50,
      p99: result.latency.p99,
      acknowledged: acknowledged.size,
      stored,
      missing,
      other: codes.join(' ') || '-',
      seconds,
      complete,
      others,
    };
  } finally {
    await receiver?.stop('SIGKILL');
  }
}

function table(rows: Row[]): string {
  const head = ['engine', 'inquiries/s', 'p50 ms', 'p99 ms', 'acknowledged', 'stored', 'non-2xx/errors', 'seconds', 'CPU to others'];
  const body = rows.map((r) => [
    r.engine,
    r.perSecond.toFixed(0),
    String(r.p50),
    String(r.p99),
    String(r.acknowledged),
    String(r.stored),
    r.other,
    r.seconds.toFixed(1),
    r.others === undefined ? '?' : `${(r.others * 100).toFixed(0)}%`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

const rows: Row[] = [];
let cluster: Cluster | undefined;
let failed = false;
try {
  for (const engine of engines) {
    if (engine === 'postgres') {
      if (!postgresAvailable()) {
        console.error('PostgreSQL binaries not found: apt-get install postgresql (or set PG_BIN); skipping postgres');
        failed = true;
        continue;
      }
      cluster = await startCluster();
      process.env.TEST_POSTGRES_URL = cluster.url;
    }
    console.error(`${engine}: ${WARMUP} warm-up, then ${REQUESTS} inquiries over ${CONNECTIONS} connections (LOG_LEVEL=${LOG_LEVEL})…`);
    rows.push(await bench(engine));
    cluster?.stop();
    cluster = undefined;
  }
} finally {
  cluster?.stop();
}

console.log(`\nReceiver on 127.0.0.1, ${CONNECTIONS} connections, ${REQUESTS} distinct inquiries per engine, LOG_LEVEL=${LOG_LEVEL}\n`);
console.log(table(rows));
console.log('');
for (const row of rows) {
  if (!row.complete) {
    console.log(`${row.engine}: FAIL, the run did not finish within ${MAX_SECONDS} s`);
    failed = true;
  }
  if (row.acknowledged !== row.stored || row.missing > 0) {
    console.log(`${row.engine}: FAIL, ${row.acknowledged} acknowledged but ${row.stored} stored (${row.missing} acknowledged ids missing)`);
    failed = true;
  } else {
    console.log(`${row.engine}: stored = acknowledged (${row.stored}), every acknowledged id found`);
  }
  if (row.engine === TARGET.engine) {
    const met = row.perSecond > TARGET.perSecond && row.p99 < TARGET.p99Ms;
    console.log(`${row.engine}: target (> ${TARGET.perSecond}/s, p99 < ${TARGET.p99Ms} ms) ${met ? 'met' : 'MISSED'}`);
  }
  if ((row.others ?? 0) > 0.1) {
    console.log(`${row.engine}: other processes took ${((row.others ?? 0) * 100).toFixed(0)}% of the CPUs during the run; its figures are disturbed`);
  }
}
process.exit(failed ? 1 : 0);
