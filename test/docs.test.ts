import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { settingsTable } from '../scripts/settings-table.js';
import { compileConfigSchema } from '../src/config/compile.js';
import { checkConfig, describeProblems } from '../src/config/check.js';
import { mergeLayers, type ConfigInput } from '../src/config/merge.js';
import { ATTRIBUTE_SETTINGS, readConfigBlock, readDataset, toKebab } from '../src/config/sources.js';
import { FORM_PRESETS } from '../src/config/constants.js';
import type { ConsultWidget } from '../src/components/widget/widget.js';
import { capturingConsole } from './helpers.js';

describe('README', () => {
  it('documents every setting exactly as the schema checks it (run `npm run docs` if this fails)', async () => {
    const readme = await (await fetch('/README.md')).text();
    expect(readme).to.contain(settingsTable(compileConfigSchema()));
  });

  it('shows the two set-up commands', async () => {
    const readme = await (await fetch('/README.md')).text();
    expect(readme).to.contain('npm install && npm run demo');
    expect(readme).to.contain('npm test');
  });

  it('shows phone screenshots that exist (docs/*.png, taken by scripts/screenshots.mjs)', async () => {
    const readme = await (await fetch('/README.md')).text();
    const images = [...readme.matchAll(/\]\((docs\/[\w-]+\.png)\)/g)].map((m) => m[1]);
    expect(images.length).to.be.at.least(6);
    for (const image of images) {
      const response = await fetch(`/${image}`);
      expect(response.ok, image).to.be.true;
      expect(response.headers.get('content-type')).to.contain('image/png');
    }
  });
});

/** The README's ```html examples, parsed as pages (inert: nothing runs). */
function htmlExamples(readme: string): Document[] {
  return [...readme.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => new DOMParser().parseFromString(m[1], 'text/html'));
}

/**
 * The configurations the README's examples make: one for the script tag (its data-* settings
 * over the JSON block's, as on the page they are shown for), and one per <consult-widget> placed
 * by hand (its attributes).
 */
function readmeConfigs(readme: string): { name: string; config: ConfigInput }[] {
  const pages = htmlExamples(readme);
  const blocks = pages.map((doc) => readConfigBlock(doc)).filter((b) => b.config || b.problem);
  for (const block of blocks) expect(block.problem, 'a JSON block in the README does not parse').to.equal(undefined);
  const scriptTags = pages.flatMap((doc) => [...doc.querySelectorAll<HTMLScriptElement>('script[src][data-endpoint]')]);
  expect(blocks, 'the README shows a JSON settings block').to.not.be.empty;
  expect(scriptTags, 'the README shows the script tag').to.not.be.empty;
  const scriptTag = mergeLayers(...blocks.map((b) => b.config), ...scriptTags.map((s) => readDataset(s.dataset)));
  const elements = pages.flatMap((doc) => [...doc.querySelectorAll('consult-widget')]);
  return [
    { name: 'the script tag with the JSON block', config: scriptTag },
    ...elements.map((el, i) => ({
      name: `<consult-widget> ${i + 1}`,
      config: Object.fromEntries(ATTRIBUTE_SETTINGS.filter((s) => el.hasAttribute(toKebab(s))).map((s) => [s, el.getAttribute(toKebab(s))])) as ConfigInput,
    })),
  ];
}

/**
 * What would puzzle an agency copying a configuration: what the real checker refuses, a custom
 * form no button opens, a form button naming no form, and the widget's own console note for a
 * link setting whose button is left out of `buttons`.
 */
async function inconsistencies(config: ConfigInput): Promise<string[]> {
  const found: string[] = [];
  const { problems, config: checked } = checkConfig(config);
  if (problems.length) found.push(describeProblems(problems));
  const buttons = checked.buttons ?? [];
  const formIds = new Set<string>([...FORM_PRESETS, ...(checked.forms ?? []).map((f) => f.id)]);
  for (const form of checked.forms ?? []) {
    const opened = (FORM_PRESETS as readonly string[]).includes(form.id)
      ? buttons.length === 0 || buttons.some((b) => b === form.id || (typeof b === 'object' && b.type === 'form' && b.form === form.id))
      : buttons.some((b) => typeof b === 'object' && b.type === 'form' && b.form === form.id);
    if (!opened) found.push(`form "${form.id}" has no button in "buttons" that opens it`);
  }
  for (const b of buttons) if (typeof b === 'object' && b.type === 'form' && !formIds.has(b.form)) found.push(`button "${b.label}" opens form "${b.form}", which does not exist`);
  const notes = await capturingConsole(async () => {
    const el = await fixture<ConsultWidget>(html`<consult-widget .config=${config}></consult-widget>`);
    await waitUntil(() => el.shadowRoot?.querySelector('.root'), 'the widget did not render');
    el.remove();
  }, 'warn');
  return [...found, ...notes];
}

describe('README examples', () => {
  it('are consistent with each other: the checker accepts them, each custom form has its button, each link setting its button', async () => {
    const readme = await (await fetch('/README.md')).text();
    const configs = readmeConfigs(readme);
    expect(configs.some(({ config }) => (config.forms as { id: string }[] | undefined)?.some((f) => !(FORM_PRESETS as readonly string[]).includes(f.id))), 'an example with a custom form').to.be.true;
    for (const { name, config } of configs) expect(await inconsistencies(config), name).to.deep.equal([]);
  });

  it('would be caught: a custom form without its button, a link setting without its button', async () => {
    const [{ config }] = readmeConfigs(await (await fetch('/README.md')).text());
    const buttons = config.buttons as unknown[];
    const withoutFormButton = { ...config, buttons: buttons.filter((b) => typeof b === 'string') };
    expect((await inconsistencies(withoutFormButton)).join('\n')).to.contain('form "event" has no button');
    const withoutKakao = { ...config, buttons: buttons.filter((b) => b !== 'kakao') };
    expect((await inconsistencies(withoutKakao)).join('\n')).to.contain('"kakaoUrl" is set but "kakao" is not in "buttons"');
  });
});
