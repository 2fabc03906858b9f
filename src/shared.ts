/**
 * What the script tag's classic script lends the chunks it loads later (the dialog, the
 * translations): one Lit, one localization runtime, one locale controller, one set of icons, the
 * style rules both shadow roots share.
 * The chunks are built with these modules replaced by reads from this registry (see
 * vite.config.ts), so they neither download Lit twice nor keep a second set of texts.
 */
import { LitElement, html, css, svg, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { noChange, _$LH } from 'lit';
import { msg, str } from './i18n.js';
import { currentLocale } from './localization.js';
import { LocaleController } from './locale-controller.js';
import { icons } from './components/widget/icons.js';
import { sharedStyles } from './styles/shared.styles.js';
import { pageFit } from './util/page-fit.js';

/** The window property (a symbol, so no element id or name can clobber it). */
export const SHARED_KEY = 'consult-widget.shared';

/** Module → the names the chunks may import from it; the build fails on any other. */
export const SHARED_NAMES = {
  lit: ['LitElement', 'html', 'css', 'svg', 'nothing'],
  'lit/decorators.js': ['property', 'state'],
  // lit-html's core, for directives the chunks carry themselves (live).
  'lit-html': ['noChange', 'nothing', '_$LH'],
  '@lit/localize': ['str'],
  i18n: ['msg', 'str'],
  localization: ['currentLocale'],
  'locale-controller': ['LocaleController'],
  icons: ['icons'],
  'shared-styles': ['sharedStyles'],
  'page-fit': ['pageFit'],
} as const;

type Registry = { [K in keyof typeof SHARED_NAMES]: { [N in (typeof SHARED_NAMES)[K][number]]: unknown } };

export function shareModules(): void {
  const registry = {
    lit: { LitElement, html, css, svg, nothing },
    'lit/decorators.js': { property, state },
    'lit-html': { noChange, nothing, _$LH },
    '@lit/localize': { str },
    i18n: { msg, str },
    localization: { currentLocale },
    'locale-controller': { LocaleController },
    icons: { icons },
    'shared-styles': { sharedStyles },
    'page-fit': { pageFit },
  } satisfies Registry;
  Object.defineProperty(window, Symbol.for(SHARED_KEY), { value: Object.freeze(registry) });
}
