/**
 * The tables, as Kysely sees them. The same columns on SQLite and PostgreSQL: times are ISO 8601
 * text (fixed width, so they sort as text), flags are 0/1 integers and structured values JSON
 * text, which keeps every query identical on both engines.
 */
import type { ColumnType, Generated } from 'kysely';

export interface SiteTable {
  id: string;
  name: string;
  /** JSON array of origins allowed to post, e.g. ["https://clinic.example"]. */
  origins: string;
  retention_days: number;
  /** JSON of NotifySettings (see domain/sites.ts). */
  notify: string;
  created_at: string;
}

export interface ApiTokenTable {
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  token_hash: string;
  site_id: string;
  created_at: string;
}

export interface StaffTable {
  id: string;
  site_id: string;
  email: string;
  password_hash: string;
  failed_logins: Generated<number>;
  locked_until: string | null;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie value. */
  id_hash: string;
  staff_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  /** passwordStamp() of the password hash the session was opened with; null for sessions older than it. */
  password_stamp: string | null;
}

export interface InquiryTable {
  site_id: string;
  id: string;
  received_at: string;
  form: string;
  /** new | contacted | booked | closed | spam */
  status: string;
  /** 1 when the spam signals say so; kept apart from status so a wrong guess can be undone. */
  spam: number;
  /** SHA-256 of what the patient typed and agreed to: the same id with other content is a conflict. */
  content_hash: string;
  /** The validated payload, as JSON. */
  payload: string;
  /** Copied out of the payload for searching. */
  name: string;
  /** The digits of every phone number in it, each between spaces (domain/phones.ts storedDigits). */
  phone_digits: string;
  /** When the retention period the patient was told ends (consent.retentionMonths), ISO; null when not told. */
  keep_until: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface InquiryNoteTable {
  id: string;
  site_id: string;
  inquiry_id: string;
  staff_id: string;
  /** The author's email when the note was written: it signs the note after the account is gone. Null: written before 003, by an account removed before it. */
  author: string | null;
  text: string;
  created_at: string;
}

export interface RateLimitTable {
  /** The limit's name, the client or site and the window's number: one row per window. */
  key: string;
  count: number;
  expires_at: string;
}

export interface OutboxTable {
  id: string;
  site_id: string;
  inquiry_id: string;
  /** email | webhook */
  channel: string;
  /** pending | sent | failed (gave up after the last try) | held (its inquiry is filed as spam) */
  state: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  /** A worker's claim: others leave the row alone until this time passes. */
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /**
   * email: the addresses the mail server took the message for on tries that others refused,
   * each between spaces (" desk@clinic.example doctor@clinic.example "); later tries leave them
   * out. Null: none yet.
   */
  told_addresses: string | null;
}

export interface AccessLogTable {
  id: string;
  at: string;
  site_id: string;
  /** staff:<id> or token:<hash prefix> or system */
  actor: string;
  /** e.g. list, view, export, status, note, delete-patient, login */
  action: string;
  /** What was looked at: an inquiry id, a filter, a count; never what patients typed. */
  target: string;
  ip: string;
}

export interface Database {
  sites: SiteTable;
  api_tokens: ApiTokenTable;
  staff: StaffTable;
  sessions: SessionTable;
  inquiries: InquiryTable;
  inquiry_notes: InquiryNoteTable;
  rate_limits: RateLimitTable;
  outbox: OutboxTable;
  access_log: AccessLogTable;
  erased_inquiries: ErasedInquiryTable;
}

/** An inquiry a patient had erased (patients.ts), kept a week so a late copy is not stored again. */
export interface ErasedInquiryTable {
  site_id: string;
  /** SHA-256 of the inquiry's id: what identifies a copy, nothing that names the patient. */
  id_hash: string;
  erased_at: string;
}
