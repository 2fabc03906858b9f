import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ATTRIBUTE_SETTINGS } from '../../config/sources.js';
import { mergeLayers, type ConfigInput } from '../../config/merge.js';
import { checkConfig, describeProblems, problemLine, type ConfigProblem } from '../../config/check.js';
import { dropButtonsWithoutForm } from '../../config/form-ids.js';
import { ourLocale } from '../../localization.js';
import type { ButtonConfig, WidgetConfigInput } from '../../config/schema.js';

/** Where settings come from, lowest first: the config object, attributes, configure(). */
export interface Sources {
  config: ConfigInput;
  attributes: Record<(typeof ATTRIBUTE_SETTINGS)[number], string | undefined>;
  overrides: ConfigInput;
  /** What reading them found wrong (the script tag's JSON block, its data-* attributes), reported with the rest. */
  found: readonly ConfigProblem[];
}

/** Link settings and the preset button that uses each. */
const URL_BUTTONS = { kakaoUrl: 'kakao', blogUrl: 'blog', mapUrl: 'directions' } as const;

/**
 * The widget's settings: the config object, the attributes and configure() merged, checked,
 * and each problem reported once (one console error naming the problems not told before; a note
 * for a link setting whose button is left out). Worked out again before a render only when one of those sources changed.
 */
export class SettingsController implements ReactiveController {
  settings: Partial<WidgetConfigInput> = {};
  problems: readonly ConfigProblem[] = [];
  /** The problems told already, by their line: each is told once, however often settings change. */
  private readonly reported = new Set<string>();
  private noted = '';

  private last?: Sources;

  constructor(
    host: ReactiveControllerHost,
    private readonly read: () => Sources,
  ) {
    host.addController(this);
  }

  /** Before each render: works the settings out again only when a source changed. */
  hostUpdate(): void {
    const next = this.read();
    const last = this.last;
    if (
      last &&
      last.config === next.config &&
      last.overrides === next.overrides &&
      last.found === next.found &&
      ATTRIBUTE_SETTINGS.every((n) => last.attributes[n] === next.attributes[n])
    ) {
      return;
    }
    this.last = next;
    this.compute(next);
  }

  /** Merges the layers (later wins), normalises the locale tag, and checks them. */
  private compute({ config, attributes, overrides, found }: Sources): void {
    const fromAttributes: ConfigInput = { ...attributes };
    // CMS templates write every attribute, empty when the clinic left it blank (data-blog-url=""):
    // that is a setting not given, not a bad one.
    for (const [name, value] of Object.entries(fromAttributes)) if (value === '') delete fromAttributes[name as keyof ConfigInput];
    for (const name of ['offsetX', 'offsetY'] as const) {
      const value = fromAttributes[name];
      // Written as a number (50, -1, 10.5: the check names what is wrong with the last two), not
      // anything Number() reads (0x10, 1e2), which would pass unseen.
      if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) fromAttributes[name] = Number(value);
    }
    const merged = mergeLayers(config, fromAttributes, overrides);
    // A language tag in any case, with a region or script (EN, ja-JP, zh-CN), is taken as one
    // of ours the way <html lang> is; another language (fr) stays a problem, as written.
    const locale = ourLocale(merged.locale);
    if (locale) merged.locale = locale;
    const checked = checkConfig(merged);
    this.settings = checked.config;
    this.problems = [...found, ...checked.problems, ...dropButtonsWithoutForm(checked.config, merged)];
    const fresh = this.problems.filter((p) => !this.reported.has(problemLine(p)));
    if (fresh.length) console.error(describeProblems(fresh));
    for (const p of fresh) this.reported.add(problemLine(p));
    this.noteUnusedUrls();
  }

  /** A link setting whose button is left out of `buttons` does nothing: say so, once. */
  private noteUnusedUrls(): void {
    const { buttons } = this.settings;
    const unused = buttons
      ? (Object.entries(URL_BUTTONS) as Array<[keyof typeof URL_BUTTONS, ButtonConfig]>).filter(
          ([setting, button]) => this.settings[setting] && !buttons.includes(button),
        )
      : [];
    const note = unused.map(([setting, button]) => `"${setting}" is set but "${button}" is not in "buttons", so no button uses it.`).join(' ');
    if (note && note !== this.noted) console.warn(`[consult-widget] ${note}`);
    this.noted = note;
  }
}
