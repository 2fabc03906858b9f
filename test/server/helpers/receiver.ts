/**
 * Receivers for tests, over real HTTP: in this process (startApp) or as the real command in a
 * child process (startProcess), on a fresh database of either engine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../../../server/app.js';
import { readConfig, type ReceiverConfig } from '../../../server/config.js';
import { openStore, type Engine, type Store } from '../../../server/storage/database.js';
import { addSite, type NewSite } from '../../../server/domain/sites.js';
import { freePort } from './ports.js';

export type { Engine };

/**
 * The engines to test: both, always. scripts/test-server.ts starts the PostgreSQL cluster and
 * passes its URL; RECEIVER_TEST_ENGINES=sqlite narrows a local run on purpose.
 */
export function engines(): Engine[] {
  const only = process.env.RECEIVER_TEST_ENGINES;
  return only ? (only.split(',') as Engine[]) : ['sqlite', 'postgres'];
}

/** An empty database: a new SQLite file, or a new database in the test cluster. */
export async function freshDatabaseUrl(engine: Engine): Promise<string> {
  if (engine === 'sqlite') return join(mkdtempSync(join(tmpdir(), 'consult-receiver-')), 'receiver.db');
  const admin = process.env.TEST_POSTGRES_URL;
  if (!admin) throw new Error('TEST_POSTGRES_URL is not set: run the server tests with `npm run test:server`');
  const name = `cw_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return admin.replace(/\/[^/]*$/, `/${name}`);
}

export const ORIGIN = 'https://clinic.example';

export interface TestApp {
  url: string;
  store: Store;
  config: ReceiverConfig;
  databaseUrl: string;
  close(): Promise<void>;
}

/** The receiver app in this process on a free port, with one site "clinic" for ORIGIN. */
export async function startApp(
  engine: Engine,
  options: { env?: Record<string, string>; site?: Partial<NewSite>; databaseUrl?: string } = {},
): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await freshDatabaseUrl(engine));
  const port = await freePort();
  const config = readConfig({ PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, ...options.env });
  const store = await openStore(databaseUrl);
  if (options.site !== null) await addSite(store, { id: 'clinic', name: '하늘의원', origins: [ORIGIN], ...options.site }).catch(() => undefined);
  const app = await buildApp({ store, config });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    config,
    databaseUrl,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

/**
 * Readies a database for receiver processes (startProcess): migrated, with the site "clinic"
 * for ORIGIN, as `npm run receiver -- site add` would leave it.
 */
export async function addTestSite(databaseUrl: string, site: Partial<NewSite> = {}): Promise<void> {
  const store = await openStore(databaseUrl);
  try {
    await addSite(store, { id: 'clinic', name: '하늘의원', origins: [ORIGIN], ...site });
  } finally {
    await store.close();
  }
}

export interface ReceiverProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The real `npm run receiver` command (tsx server/main.ts) as a child process. */
export async function startProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ReceiverProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      child.stdout!.off('data', onData);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => settle(new Error(`receiver did not start in 20 s:\n${log}`)), 20_000);
    const onData = () => {
      if (log.includes('receiver ready')) settle();
    };
    child.stdout!.on('data', onData);
    // Below LOG_LEVEL=info the ready line is never written (the bench runs so): then an answering
    // /healthz is the sign, as it is for a load balancer.
    const poll = setInterval(() => {
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.ok && settle(),
        () => undefined,
      );
    }, 100);
    child.once('exit', (code) => settle(new Error(`receiver exited (${code}) before it was ready:\n${log}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => log,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A valid inquiry as the widget sends it; pass overrides for what a test is about. */
export function inquiry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `t-${randomBytes(8).toString('hex')}`,
    form: 'consult',
    fields: { name: '홍길동', phone: '010-1234-5678', message: '상담 가능한 시간이 궁금합니다.' },
    consent: { privacy: true, policyVersion: 'builtin-2026-11', agreedAt: '2026-11-25T10:00:00.000Z' },
    page: { url: 'https://clinic.example/hair', referrer: 'https://search.naver.com/', title: '모발이식 | 하늘의원' },
    locale: 'ko',
    submittedAt: '2026-11-25T10:00:05.000Z',
    antispam: { honeypot: '', elapsedMs: 42_000 },
    ...overrides,
  };
}

/** POSTs an inquiry as the widget on ORIGIN would. */
export function post(base: string, body: unknown, init: { site?: string; origin?: string | null; headers?: Record<string, string> } = {}) {
  const data = body as { id?: string };
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.origin !== null) headers.origin = init.origin ?? ORIGIN;
  if (typeof data?.id === 'string' && !('idempotency-key' in headers)) headers['idempotency-key'] = data.id;
  return fetch(`${base}/v1/sites/${init.site ?? 'clinic'}/inquiries`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** One administration command, as `npm run receiver -- …` runs it, on the given database. */
export function runCommand(databaseUrl: string, args: string[], input?: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    input,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
