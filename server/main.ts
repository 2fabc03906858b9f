/**
 * The receiver's one command: `npm run receiver` serves; `npm run receiver -- site|token|staff …`
 * administers the database that DATABASE_URL names.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { readConfig, type ReceiverConfig } from './config.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { engineOf, openStore, sqliteFile, type Store } from './storage/database.js';
import { buildApp } from './app.js';
import { receiverJobs, startJobs } from './jobs.js';
import { addSite, getSite, listSites, removeSite, siteHoldings, updateSite, type NotifySettings, type Site } from './domain/sites.js';
import { addToken, listTokens, removeToken, tokenActor } from './domain/tokens.js';
import { retryFailedNotifications } from './domain/outbox.js';
import { addStaff, listStaff, removeStaff, resetPassword } from './domain/staff.js';
import { deletePatient } from './domain/patients.js';
import { checkSmtp } from './domain/notify/email.js';
import { failureReason } from './domain/notify/reason.js';
import type { FastifyBaseLogger } from 'fastify';
import { CLI, logAccess, readAccessLog } from './domain/access-log.js';
import { backupTo } from './storage/backup.js';

const USAGE = `Usage:
  npm run receiver                                   serve (PORT, HOST, DATABASE_URL, … see README)
  npm run receiver -- site add <siteId> --origin <origin> [--origin …] [--name <clinic name>]
                       [--retention-days <n>] [--notify-email <address> …] [--webhook <url>]
                       [--webhook-secret <secret>] [--webhook-mode json|slack] [--full-content | --no-full-content]
  npm run receiver -- site update <siteId> [the same options as site add] [--add-origin <origin> …]
                       [--remove-origin <origin> …]
                       --origin and --notify-email replace the site's whole list; --add-origin and
                       --remove-origin change one address and keep the others
  npm run receiver -- site list
  npm run receiver -- site remove <siteId> [--yes]   deletes the site with all its inquiries, staff and
                                                     tokens: asks for the site id, or needs --yes
  npm run receiver -- token add <siteId>             prints a bearer token for the inquiries API
  npm run receiver -- token list <siteId>            the site's tokens by id (token:…), never the tokens
  npm run receiver -- token remove <siteId> <id>     revokes a token (a leaked one): it gets 401 from then on
  npm run receiver -- staff add <siteId> <email>     reads the password from standard input
  npm run receiver -- staff list <siteId>            the site's accounts, open sessions, locks
  npm run receiver -- staff password <siteId> <email>
                                                     a new password from standard input; unlocks the
                                                     account and logs out every session it had
  npm run receiver -- staff remove <siteId> <email>  removes an account (someone who left) and its sessions
  npm run receiver -- patient delete <siteId> --phone <number>
                                                     deletes one patient's inquiries (a request under PIPA)
  npm run receiver -- notify retry <siteId>          sends the site's failed notifications again
  npm run receiver -- access list <siteId> [--since <date>]
                                                     the site's access records (default: the last 30 days)
  npm run receiver -- backup <file>                  a copy of the SQLite database, taken while it runs,
                                                     into a new file only its owner can read`;

const SITE_OPTIONS = {
  origin: { type: 'string', multiple: true },
  'add-origin': { type: 'string', multiple: true },
  'remove-origin': { type: 'string', multiple: true },
  name: { type: 'string' },
  'retention-days': { type: 'string' },
  'notify-email': { type: 'string', multiple: true },
  webhook: { type: 'string' },
  'webhook-secret': { type: 'string' },
  'webhook-mode': { type: 'string' },
  'full-content': { type: 'boolean' },
  'no-full-content': { type: 'boolean' },
  // site remove
  yes: { type: 'boolean' },
  // access list
  since: { type: 'string' },
  // patient delete
  phone: { type: 'string' },
} as const;

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** One line typed at the terminal, the question on standard error so that standard output stays the command's. */
async function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await prompt.question(question);
  } finally {
    prompt.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function siteChanges(values: Record<string, string | boolean | string[] | undefined>) {
  const notify: Partial<NotifySettings> = {};
  if (values['notify-email']) notify.emails = values['notify-email'] as string[];
  if (values.webhook !== undefined) notify.webhookUrl = values.webhook as string;
  if (values['webhook-secret'] !== undefined) notify.webhookSecret = values['webhook-secret'] as string;
  if (values['webhook-mode'] !== undefined) {
    if (values['webhook-mode'] !== 'json' && values['webhook-mode'] !== 'slack') throw new Error('--webhook-mode is json or slack');
    notify.webhookMode = values['webhook-mode'];
  }
  if (values['full-content'] && values['no-full-content']) throw new Error('--full-content or --no-full-content, not both');
  if (values['full-content']) notify.fullContent = true;
  if (values['no-full-content']) notify.fullContent = false;
  const days = values['retention-days'];
  return {
    name: values.name as string | undefined,
    origins: values.origin as string[] | undefined,
    addOrigins: values['add-origin'] as string[] | undefined,
    removeOrigins: values['remove-origin'] as string[] | undefined,
    retentionDays: days === undefined ? undefined : Number(days),
    notify,
  };
}

/** Whom a site's notifications go to: a webhook by its host only, since its URL may hold a key. */
function notifyTargets(site: Site): string[] {
  const webhook = site.notify.webhookUrl && (URL.canParse(site.notify.webhookUrl) ? new URL(site.notify.webhookUrl).host : 'not a URL: set it again');
  return [...site.notify.emails, webhook ? `webhook ${webhook}` : ''].filter(Boolean);
}

/**
 * The site as a change left it, and what the change took away: a list option replaces the whole
 * list, and an address dropped by mistake (the www one) otherwise goes unnoticed until inquiries
 * from it are refused.
 */
function printSite(site: Site, before?: Site): void {
  const dropped = (was: string[] | undefined, now: string[]) => (was ?? []).filter((item) => !now.includes(item));
  const targets = notifyTargets(site);
  console.log(`  origins:       ${site.origins.join(', ')}`);
  for (const origin of dropped(before?.origins, site.origins)) console.log(`    no longer listed: ${origin} (posts from it are now refused)`);
  console.log(`  notifications: ${targets.join(', ') || 'none'}`);
  for (const target of dropped(before && notifyTargets(before), targets)) console.log(`    no longer notified: ${target}`);
  console.log(`  retention:     ${site.retentionDays} days`);
  // Allowed (a clinic may check the inbox itself), but an agency that forgot would hear of it only
  // when the clinic asks where its inquiries went.
  if (!targets.length) {
    console.error(`Warning: site ${site.id} has no --notify-email or --webhook: staff will not be told of new inquiries (they still appear in the inbox). Add one with: site update ${site.id} --notify-email <address>`);
  }
}

/**
 * An account's rights record names the person as well as the id: the account, and with it the
 * only other place that id leads to, goes when it is removed, while the access records that
 * name it stay for years.
 */
async function siteMustExist(store: Store, siteId: string): Promise<void> {
  if (!(await getSite(store, siteId))) throw new Error(`no site "${siteId}"`);
}

/**
 * Backs the database up into a new file. Every site's access log records it first, as an export
 * of all its inquiries: a copy that cannot be recorded is not taken.
 */
async function backup(store: Store, args: string[]): Promise<void> {
  if (args.length !== 1) throw new Error(`"backup" takes 1 argument: the file to write\n\n${USAGE}`);
  const done = await backupTo(store, args[0], async () => {
    for (const site of await listSites(store)) await logAccess(store, { siteId: site.id, actor: CLI.actor, action: 'export', target: 'backup cli' });
  });
  console.log(`Backed up ${done.inquiries} inquir${done.inquiries === 1 ? 'y' : 'ies'} of ${done.sites} site(s) to ${done.file} (${Math.ceil(done.bytes / 1024)} KB, readable by its owner only).`);
}

async function administer(store: Store, args: string[]): Promise<void> {
  if (args[0] === 'backup') return backup(store, args.slice(1));
  const [noun, verb, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, options: SITE_OPTIONS, allowPositionals: true });
  const need = (count: number) => {
    if (positionals.length !== count) throw new Error(`"${noun} ${verb}" takes ${count} argument(s)\n\n${USAGE}`);
  };
  switch (`${noun} ${verb}`) {
    case 'site add': {
      need(1);
      const { addOrigins, removeOrigins, ...changes } = siteChanges(values);
      if (addOrigins || removeOrigins) throw new Error('"site add" takes --origin (as many as needed); --add-origin and --remove-origin are for "site update"');
      const site = await addSite(store, { id: positionals[0], ...changes, origins: changes.origins ?? [] });
      console.log(`Added site ${site.id} (${site.name}):`);
      printSite(site);
      console.log(`Its endpoint: <receiver address>/v1/sites/${site.id}/inquiries`);
      return;
    }
    case 'site update': {
      need(1);
      const before = await getSite(store, positionals[0]);
      const site = await updateSite(store, positionals[0], siteChanges(values));
      console.log(`Updated site ${site.id} (${site.name}):`);
      printSite(site, before);
      return;
    }
    case 'site list': {
      need(0);
      for (const site of await listSites(store)) {
        console.log(`${site.id}\t${site.name}\t${site.origins.join(' ')}\t${site.retentionDays} days\t${notifyTargets(site).join(', ') || 'no notifications'}`);
      }
      return;
    }
    case 'site remove': {
      need(1);
      const id = positionals[0];
      const holdings = await siteHoldings(store, id);
      if (!holdings) throw new Error(`no site "${id}"`);
      // A clinic's every inquiry goes for good (backups aside): a mistyped id or a command
      // recalled from the shell's history must not be enough.
      if (!values.yes) {
        const what = `${plural(holdings.inquiries, 'inquiry', 'inquiries')}, ${plural(holdings.staff, 'staff account', 'staff accounts')} and ${plural(holdings.tokens, 'token', 'tokens')}`;
        if (!process.stdin.isTTY) throw new Error(`Site ${id} has ${what}: removing it deletes them for good. Nothing was removed; run again with --yes to remove it.`);
        const answer = await ask(`Removing site ${id} deletes its ${what} for good. Type the site id to remove it: `);
        if (answer.trim() !== id) throw new Error(`Nothing was removed: "${answer.trim()}" is not ${id}.`);
      }
      const deleted = (await removeSite(store, id, CLI)) ?? 0;
      console.log(`Removed site ${id} with its ${plural(deleted, 'inquiry', 'inquiries')}, staff accounts and tokens.`);
      return;
    }
    case 'access list': {
      need(1);
      await siteMustExist(store, positionals[0]);
      const since = typeof values.since === 'string' ? values.since : new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(Date.parse(since))) throw new Error(`--since expects a date such as 2026-11-01; got "${since}"`);
      const rows = await readAccessLog(store, positionals[0], new Date(since).toISOString());
      console.log(['at', 'actor', 'action', 'target', 'ip'].join('\t'));
      for (const row of rows) console.log([row.at, row.actor, row.action, row.target, row.ip].join('\t'));
      return;
    }
    case 'notify retry': {
      need(1);
      const count = await retryFailedNotifications(store.db, positionals[0]);
      console.log(`${count} failed notification(s) of site ${positionals[0]} will be sent again by the running receiver.`);
      return;
    }
    case 'token add': {
      need(1);
      await siteMustExist(store, positionals[0]);
      const token = await addToken(store, positionals[0], CLI);
      console.log(token);
      console.error(`Keep this token now: it is stored only as a hash and cannot be shown again. Its id is ${tokenActor(token)}.`);
      return;
    }
    case 'token list': {
      need(1);
      await siteMustExist(store, positionals[0]);
      const tokens = await listTokens(store, positionals[0]);
      for (const t of tokens) console.log(`${t.id}\tcreated ${t.createdAt}`);
      if (!tokens.length) console.error(`Site ${positionals[0]} has no tokens.`);
      return;
    }
    case 'token remove': {
      need(2);
      await siteMustExist(store, positionals[0]);
      if (!(await removeToken(store, positionals[0], positionals[1], CLI))) throw new Error(`site ${positionals[0]} has no token ${positionals[1]} (see "token list")`);
      console.log(`Revoked ${positionals[1]}: requests with it are refused from now on.`);
      return;
    }
    case 'staff add': {
      need(2);
      if (process.stdin.isTTY) console.error('Password (at least 10 characters), then Enter and Ctrl-D:');
      await addStaff(store, positionals[0], positionals[1], await readStdin(), CLI);
      console.log(`Added ${positionals[1].toLowerCase()} to site ${positionals[0]}.`);
      return;
    }
    case 'staff list': {
      need(1);
      await siteMustExist(store, positionals[0]);
      const accounts = await listStaff(store, positionals[0]);
      for (const a of accounts) {
        console.log([a.email, `created ${a.createdAt}`, `${a.sessions} open session(s)`, a.lockedUntil ? `locked until ${a.lockedUntil}` : ''].filter(Boolean).join('\t'));
      }
      if (!accounts.length) console.error(`Site ${positionals[0]} has no staff accounts.`);
      return;
    }
    case 'staff password': {
      need(2);
      await siteMustExist(store, positionals[0]);
      if (process.stdin.isTTY) console.error('New password (at least 10 characters), then Enter and Ctrl-D:');
      if (!(await resetPassword(store, positionals[0], positionals[1], await readStdin(), CLI))) throw new Error(`site ${positionals[0]} has no account ${positionals[1].toLowerCase()}`);
      console.log(`New password set for ${positionals[1].toLowerCase()}; its sessions were ended and any lock lifted.`);
      return;
    }
    case 'staff remove': {
      need(2);
      await siteMustExist(store, positionals[0]);
      if (!(await removeStaff(store, positionals[0], positionals[1], CLI))) throw new Error(`site ${positionals[0]} has no account ${positionals[1].toLowerCase()}`);
      console.log(`Removed ${positionals[1].toLowerCase()} from site ${positionals[0]}; its sessions were ended.`);
      return;
    }
    case 'patient delete': {
      need(1);
      if (typeof values.phone !== 'string') throw new Error(`"patient delete" needs --phone <number>\n\n${USAGE}`);
      await siteMustExist(store, positionals[0]);
      const deleted = await deletePatient(store, positionals[0], values.phone, CLI);
      console.log(`Deleted ${deleted} inquir${deleted === 1 ? 'y' : 'ies'} of that phone number from site ${positionals[0]}.`);
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

export async function serve(config: ReceiverConfig): Promise<void> {
  const store = await openStore(config.databaseUrl);
  const app = await buildApp({ store, config, logger: { level: config.logLevel } });
  const stopJobs = startJobs(receiverJobs(store, config), app.log);
  const shutdown = async () => {
    // Finish the requests under way (their inquiries are being committed), then close.
    await app.close();
    await stopJobs();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ engine: store.engine, publicUrl: config.publicUrl }, 'receiver ready');
  // Only ever a log line: the receiver keeps taking inquiries whatever it finds.
  await reportSmtp(store, config, app.log).catch((error: unknown) => app.log.error({ reason: failureReason(error) }, 'could not check SMTP_URL'));
}

/** Says at start, in the log, when email notifications cannot go out (the reason only: never SMTP_URL, which holds the password). */
async function reportSmtp(store: Store, config: ReceiverConfig, log: FastifyBaseLogger): Promise<void> {
  const emailing = (await listSites(store)).filter((site) => site.notify.emails.length > 0).map((site) => site.id);
  if (!emailing.length) return;
  if (!config.smtpUrl) return log.error({ sites: emailing }, 'SMTP_URL is not set: these sites\' email notifications fail (the inbox shows it)');
  const problem = await checkSmtp(config.smtpUrl);
  if (problem) log.error({ smtp: problem, sites: emailing }, 'SMTP_URL does not work: email notifications are retried, but no clinic is told until it is fixed');
}

async function main(args: string[]): Promise<void> {
  const config = readConfig();
  if (args.length === 0 || args[0] === 'serve') return serve(config);
  if (args[0] === 'help' || args[0] === '--help') return console.log(USAGE);
  // Opening a database that is not there creates an empty one: a backup of it would pass for one.
  if (args[0] === 'backup' && engineOf(config.databaseUrl) === 'sqlite' && !existsSync(sqliteFile(config.databaseUrl))) {
    throw new Error(`There is no database at ${resolve(sqliteFile(config.databaseUrl))}: set DATABASE_URL to the receiver's file (or run from the directory the receiver runs in).`);
  }
  const store = await openStore(config.databaseUrl);
  try {
    await administer(store, args);
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
