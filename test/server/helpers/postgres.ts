/**
 * A throwaway PostgreSQL cluster for tests and the bench: Debian's postgresql binaries, run as
 * the postgres user (the server refuses root), on a free loopback port, removed afterwards.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

const BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

export interface Cluster {
  /** postgres://… of the cluster's admin database. */
  url: string;
  stop(): void;
  /** Stops the server as a crash would, keeping its data: the database becomes unreachable. */
  pause(): void;
  /** Starts the paused server again on the same port. */
  resume(): void;
}

export function postgresAvailable(): boolean {
  return existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));
}

function asPostgres(command: string): void {
  const root = process.getuid?.() === 0;
  if (root) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', command], { stdio: 'pipe' });
  else execFileSync('/bin/sh', ['-c', command], { stdio: 'pipe' });
}

export async function startCluster(): Promise<Cluster> {
  if (!postgresAvailable()) throw new Error(`PostgreSQL binaries not found in ${BIN}: apt-get install postgresql (or set PG_BIN)`);
  const dir = mkdtempSync(join(tmpdir(), 'consult-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  asPostgres(`${BIN}/initdb -D ${data} -A trust -U postgres --no-sync >/dev/null`);
  const start = () =>
    asPostgres(
      `${BIN}/pg_ctl -D ${data} -l ${dir}/log -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on" -w start >/dev/null`,
    );
  start();
  let stopped = false;
  let paused = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pause() {
      asPostgres(`${BIN}/pg_ctl -D ${data} -m immediate -w stop >/dev/null`);
      paused = true;
    },
    resume() {
      start();
      paused = false;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        if (!paused) asPostgres(`${BIN}/pg_ctl -D ${data} -m immediate -w stop >/dev/null`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
