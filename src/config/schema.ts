import * as z from 'zod/mini';
import { BUTTON_PRESETS, FIELD_KINDS, FORMATS, LOCALES, POSITIONS } from './constants.js';
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

const text = (max: number) => expects(z.string().check(z.maxLength(max)), `text of at most ${max} characters`);
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

export const FieldOptionSchema = expects(
  z.union([text(100), z.strictObject({ value: text(100), label: text(100) })]),
  'an option as text, or as { "value", "label" }',
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
  version: z.optional(text(64)),
  retentionMonths: z.optional(z.int().check(z.gte(1), z.lte(120))),
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
  interests: z.optional(z.array(text(100))),
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

export type WidgetConfig = z.infer<typeof ConfigSchema>;
export type FormConfig = z.infer<typeof FormSchema>;
export type FieldConfig = z.infer<typeof FieldSchema>;
export type ButtonConfig = z.infer<typeof ButtonSchema>;
export type PolicyConfig = z.infer<typeof PolicySchema>;
export type ThemeConfig = z.infer<typeof ThemeSchema>;
export type Locale = (typeof LOCALES)[number];
