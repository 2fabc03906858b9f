import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WidgetConfigInput } from '../../config/schema.js';

const THEME_PROPERTIES = {
  brand: '--consult-brand',
  brandText: '--consult-brand-text',
  text: '--consult-text',
  background: '--consult-background',
  font: '--consult-font',
  radius: '--consult-radius',
} as const;

/**
 * Theme and offsets as custom properties on the widget's own element (CSSOM, so CSP-safe).
 * Only what it set is ever removed, so custom properties an agency put inline stay.
 */
export class ThemeController implements ReactiveController {
  private readonly styled = new Set<string>();

  private last?: Partial<WidgetConfigInput>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly settings: () => Partial<WidgetConfigInput>,
  ) {
    host.addController(this);
  }

  /** Before each render: applies the theme when the settings changed. */
  hostUpdate(): void {
    const settings = this.settings();
    if (settings === this.last) return;
    this.last = settings;
    this.apply(settings);
  }

  private apply({ theme = {}, offsetX, offsetY }: Partial<WidgetConfigInput>): void {
    const wanted: Record<string, string | number | undefined> = {
      '--consult-offset-x': offsetX === undefined ? undefined : `${offsetX}px`,
      '--consult-offset-y': offsetY === undefined ? undefined : `${offsetY}px`,
      // Only when configured, so page CSS (consult-widget { --consult-z-index: 10 }) can set it too.
      '--consult-z-index': theme.zIndex,
      // The default, set here rather than as a CSS fallback: CSS minifiers round 2147483647,
      // and only the maximum wins z-index fights. Private: the page sets --consult-z-index.
      '--_z-max': 2147483647,
    };
    for (const [key, prop] of Object.entries(THEME_PROPERTIES)) wanted[prop] = theme[key as keyof typeof THEME_PROPERTIES];
    for (const [prop, value] of Object.entries(wanted)) {
      if (value !== undefined) {
        this.host.style.setProperty(prop, String(value));
        this.styled.add(prop);
      } else if (this.styled.delete(prop)) {
        this.host.style.removeProperty(prop);
      }
    }
  }
}
