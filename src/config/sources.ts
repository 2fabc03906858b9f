import type { ConfigInput } from './merge.js';
import type { ConfigProblem } from './check.js';
import { configSchema } from '../generated/config-schema.js';

/** Settings that fit in an attribute: data-* on the script tag, or plain attributes of <consult-widget>. */
export const ATTRIBUTE_SETTINGS = [
  'endpoint',
  'locale',
  'phone',
  'kakaoUrl',
  'blogUrl',
  'mapUrl',
  'clinicName',
  'position',
  'address',
  'hours',
  'offsetX',
  'offsetY',
] as const;

/** The script tag's data-* attributes that are read: the settings above, and how to mount. */
export const READ_DATASET: readonly string[] = ['mount', 'adopt', ...ATTRIBUTE_SETTINGS];

export const CONFIG_BLOCK_ID = 'consult-widget-config';

export function toKebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * data-* attributes of the script tag that look like a setting but are not read: one that only
 * the JSON block or configure() take (data-launcher-label), or a spelling the browser does not
 * turn into one (data-kakaourl for data-kakao-url). Other tools' (data-cfasync) are left alone.
 */
export function strayDataset(dataset: DOMStringMap): ConfigProblem[] {
  return Object.entries(dataset).flatMap(([key, got]) => {
    const setting = Object.keys(configSchema.properties!).find((name) => name.toLowerCase() === key.toLowerCase());
    if (!setting || READ_DATASET.includes(key)) return [];
    const expects = READ_DATASET.includes(setting) ? `to be written data-${toKebab(setting)}` : `nothing: "${setting}" goes in the JSON block or configure()`;
    return [{ setting: `data-${toKebab(key)}`, expects, got }];
  });
}

/** data-kakao-url="…" on the script tag, as { kakaoUrl: "…" }. */
export function readDataset(dataset: DOMStringMap): ConfigInput {
  const out: ConfigInput = {};
  for (const name of ATTRIBUTE_SETTINGS) {
    const value = dataset[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * The <script type="application/json" id="consult-widget-config"> block, if the page has one.
 * Only a script element of that type counts: markup a page lets visitors write (a review board
 * that allows HTML) cannot use an earlier <div id="consult-widget-config"> to replace the
 * agency's settings. Such an element is ignored, with one warning.
 */
export function readConfigBlock(doc: Document): { config?: ConfigInput; problem?: ConfigProblem; ignored?: boolean } {
  const block = doc.querySelector(`script#${CONFIG_BLOCK_ID}[type="application/json" i]`);
  const ignored = doc.querySelectorAll(`#${CONFIG_BLOCK_ID}`).length > (block ? 1 : 0);
  if (!block) return { ignored };
  let got: unknown;
  try {
    got = JSON.parse(block.textContent ?? '');
    if (typeof got === 'object' && got !== null && !Array.isArray(got)) return { config: got as ConfigInput, ignored };
  } catch (error) {
    // Not "missing": where the JSON breaks (a trailing comma, quotes an editor made curly).
    got = (error as Error).message;
  }
  return { problem: { setting: `#${CONFIG_BLOCK_ID}`, expects: 'a JSON object of settings', got }, ignored };
}
