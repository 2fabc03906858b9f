import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001-initial.js';
import { sessionPasswordStamp } from './002-session-password-stamp.js';
import { noteAuthor } from './003-note-author.js';
import { allPhoneDigits } from './004-all-phone-digits.js';
import { outboxToldAddresses } from './005-outbox-told-addresses.js';
import { inquiryKeepUntil } from './006-inquiry-keep-until.js';
import { erasedInquiries } from './007-erased-inquiries.js';
import { inquiriesByForm } from './008-inquiries-by-form.js';

/** Every migration, in order. A new one gets the next number; a released one never changes. */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-session-password-stamp': sessionPasswordStamp,
  '003-note-author': noteAuthor,
  '004-all-phone-digits': allPhoneDigits,
  '005-outbox-told-addresses': outboxToldAddresses,
  '006-inquiry-keep-until': inquiryKeepUntil,
  '007-erased-inquiries': erasedInquiries,
  '008-inquiries-by-form': inquiriesByForm,
};

export const migrations: MigrationProvider = { getMigrations: async () => MIGRATIONS };
