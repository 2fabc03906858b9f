import * as z from 'zod/mini';
import { BUTTON_PRESETS, FIELD_KINDS, FORMATS, LOCALES, PER_LOCALE, POSITIONS } from './constants.js';
import { HTTP_URL, LINK_URL } from '../schema/url.js';

/**
 * The one description of the widget's configuration.
 *
 * Zod itself is too heavy for the bytes a page loads before anyone clicks, so
 * `npm run schema` compiles this schema to JSON Schema (src/generated/config-schema.ts) and
 * the widget checks configuration at start with a small interpreter of that (check.ts). A
 * test keeps the two identical. Hence only checks JSON Schema can express: patterns, not
 * refinements. Each description reads as the end of "<setting> expects …": it is the
 * message agencies see for a wrong value, and the settings table of the README.
 */

/** Attaches the human description that becomes the error message and the documentation. */
const expects = <T extends z.ZodMiniType>(schema: T, description: string): T => {
  z.globalRegistry.add(schema, { description });
  return schema;
};

// Patterns keep their regex flags: JSON Schema has none, so compile.ts carries them in "flags".

const plainText = (max: number) => z.string().check(z.maxLength(max));
/**
 * Text patients read: one for every language, or one per language, e.g. { "ko": "성함", "en": "Name" }
 * (resolve-texts.ts picks the page's, else English, else Korean).
 */
const text = (max: number) =>
  expects(
    z.union([plainText(max), z.strictObject({ ko: z.optional(plainText(max)), en: z.optional(plainText(max)), ja: z.optional(plainText(max)), zh: z.optional(plainText(max)) })]),
    `text of at most ${max} characters${PER_LOCALE}`,
  );
const link = expects(
  z.string().check(z.regex(LINK_URL)),
  'a URL starting with https://, http://, tel:, sms: or mailto: (or a path starting with /)',
);
const httpUrl = (description: string) => expects(z.string().check(z.regex(HTTP_URL)), description);
const id = expects(z.string().check(z.regex(/^[a-z][a-z0-9_-]{0,39}$/i)), 'an id of up to 40 letters, digits, "-" or "_", starting with a letter');
/**
 * Object.prototype's members that a field name could otherwise be (the others start with "_").
 * A field called "constructor" or "toString" would read the prototype's member wherever a
 * plain object is indexed by field name; refused outright (case-insensitively, as all
 * patterns are), besides the widget using prototype-less maps.
 */
export const PROTOTYPE_NAMES = ['constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf'] as const;
const fieldName = expects(
  z.string().check(z.regex(new RegExp(`^(?!(?:${PROTOTYPE_NAMES.join('|').toLowerCase()})$)[a-z][a-z0-9_-]{0,39}$`, 'i'))),
  'an id of up to 40 letters, digits, "-" or "_", starting with a letter, not constructor, toString or the like',
);
// Theme values become CSS custom properties; refusing ; { } < > keeps each to a single value.
const cssValue = expects(z.string().check(z.regex(/^[^;{}<>]{1,200}$/)), 'a single CSS value');
const pixels = z.int().check(z.gte(0), z.lte(400));
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => expects(z.enum(values), `one of ${values.join(', ')}`);

/** The value is what the clinic reads; the label, what the patient sees (per language if need be). */
export const FieldOptionSchema = expects(
  z.union([plainText(100), z.strictObject({ value: plainText(100), label: text(100) })]),
  'an option as text, or as { "value", "label" } (the label per language if need be)',
);

export const FieldSchema = z.strictObject({
    name: fieldName,
    kind: oneOf(FIELD_KINDS),
    label: z.optional(text(100)),
    required: z.optional(z.boolean()),
    maxLength: z.optional(z.int().check(z.gte(1), z.lte(2000))),
    options: z.optional(z.array(FieldOptionSchema)),
    placeholder: z.optional(text(100)),
    sensitive: z.optional(z.boolean()),
});

export const FormSchema = z.strictObject({
    id,
    title: z.optional(text(100)),
    fields: z.optional(z.array(FieldSchema)),
    submitLabel: z.optional(text(40)),
});

export const ButtonSchema = expects(
  z.union([
    z.enum(BUTTON_PRESETS),
    z.strictObject({ type: z.literal('link'), label: text(40), url: link, id: z.optional(id) }),
    z.strictObject({ type: z.literal('form'), label: text(40), form: id, id: z.optional(id) }),
  ]),
  `one of ${BUTTON_PRESETS.join(', ')}, or { "type": "link", "label", "url", "id"? }, or { "type": "form", "label", "form", "id"? }`,
);

export const PolicySchema = z.strictObject({
  text: z.optional(z.string().check(z.maxLength(100_000))),
  html: z.optional(z.string().check(z.maxLength(200_000))),
  url: z.optional(httpUrl('an http(s) URL of the policy page, or a path such as /privacy')),
  version: z.optional(plainText(64)),
  retentionMonths: z.optional(z.int().check(z.gte(1), z.lte(120))),
  processor: z.optional(text(100)),
});

export const ThemeSchema = z.strictObject({
  brand: z.optional(cssValue),
  brandText: z.optional(cssValue),
  text: z.optional(cssValue),
  background: z.optional(cssValue),
  font: z.optional(cssValue),
  radius: z.optional(cssValue),
  zIndex: z.optional(z.int()),
});

export const ConfigSchema = z.strictObject({
  endpoint: httpUrl('an http(s) URL that receives inquiries, such as https://clinic.example/api/inquiry, or a path such as /api/inquiry'),
  locale: z.optional(oneOf(LOCALES)),
  clinicName: z.optional(text(100)),
  phone: z.optional(expects(z.string().check(z.regex(/^\+?[0-9][0-9 ().-]{2,19}$/)), 'a phone number such as 1833-7488')),
  kakaoUrl: z.optional(link),
  blogUrl: z.optional(link),
  mapUrl: z.optional(link),
  address: z.optional(text(300)),
  hours: z.optional(text(500)),
  position: z.optional(oneOf(POSITIONS)),
  offsetX: z.optional(pixels),
  offsetY: z.optional(pixels),
  buttons: z.optional(z.array(ButtonSchema)),
  forms: z.optional(z.array(FormSchema)),
  interests: z.optional(z.array(FieldOptionSchema)),
  marketingConsent: z.optional(z.boolean()),
  ageConfirmation: z.optional(z.boolean()),
  launcherLabel: z.optional(text(20)),
  collapseBelow: z.optional(z.int().check(z.gte(0), z.lte(4000))),
  replyTime: z.optional(text(200)),
  policy: z.optional(PolicySchema),
  theme: z.optional(ThemeSchema),
  timeoutMs: z.optional(z.int().check(z.gte(1000), z.lte(120_000))),
  retries: z.optional(z.int().check(z.gte(1), z.lte(10))),
  format: z.optional(oneOf(FORMATS)),
});

export type Locale = (typeof LOCALES)[number];
/** Text given per language. */
export type LocalText = Partial<Record<Locale, string>>;
/** A setting as the widget uses it: every text per language resolved to the page's (resolve-texts.ts). */
export type Resolved<T> = T extends string | number | boolean
  ? T
  : T extends ReadonlyArray<infer U>
    ? Array<Resolved<U>>
    : T extends object
      ? [Exclude<keyof T, Locale>] extends [never]
        ? string
        : { [K in keyof T]: Resolved<T[K]> }
      : T;
/** The settings as given, texts possibly per language. */
export type WidgetConfigInput = z.infer<typeof ConfigSchema>;
export type WidgetConfig = Resolved<WidgetConfigInput>;
export type FormConfig = Resolved<z.infer<typeof FormSchema>>;
export type FieldConfig = Resolved<z.infer<typeof FieldSchema>>;
/** A button as given, its label possibly per language (the buttons resolve it themselves: the dialog's code resolves the rest). */
export type ButtonConfig = z.infer<typeof ButtonSchema>;
export type PolicyConfig = Resolved<z.infer<typeof PolicySchema>>;
export type ThemeConfig = Resolved<z.infer<typeof ThemeSchema>>;
