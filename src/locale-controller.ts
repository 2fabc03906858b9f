import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { currentLocale, onLocaleChange, pickLocale, setWidgetLocale } from './localization.js';
import type { Locale } from './config/schema.js';

/**
 * The language of an element's texts: renders it again whenever they change (or grow, when
 * the dialog's arrive). The widget also chooses the language through it.
 */
export class LocaleController implements ReactiveController {
  private stop?: () => void;
  private applied?: string;
  /** True once the texts of the first chosen language are in. */
  ready = false;
  /** Settles once the texts of the chosen language are in. */
  settled: Promise<void> = Promise.resolve();

  /** `choose`: the widget's locale setting, read before each render (the dialog passes none). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly choose?: () => Locale | undefined,
  ) {
    host.addController(this);
  }

  /** The language chosen last (its texts may still be on their way). */
  get locale(): string | undefined {
    return this.applied;
  }

  hostUpdate(): void {
    if (this.choose) this.use(this.choose());
  }

  hostConnected(): void {
    this.stop = onLocaleChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = undefined;
  }

  /** The setting if given, else the page's <html lang>, else the browser's languages (see pickLocale). */
  private use(setting: Locale | undefined): void {
    const wanted = pickLocale(setting, document.documentElement.getAttribute('lang'));
    if (wanted === this.applied) return;
    this.applied = wanted;
    // Texts already in (Korean, the source, always is): render with them now, not a tick later.
    if (currentLocale() === wanted) this.ready = true;
    void this.load(wanted);
  }

  private failed = false;

  /** Asks for a language's texts; `settled` follows, never rejecting (the page keeps working). */
  private load(locale: string): Promise<void> {
    this.failed = false;
    const done = () => {
      this.ready = true;
      this.host.requestUpdate();
    };
    const attempt = setWidgetLocale(locale as Locale);
    this.settled = attempt.then(done, (error: unknown) => {
      this.failed = true;
      console.error(`[consult-widget] The "${locale}" texts could not be loaded:`, error);
      done();
    });
    return attempt;
  }

  /**
   * The chosen language's texts, for a patient opening a form: if they failed to download (a
   * dropped connection), asked for again now, under a new URL; rejects if they fail again, so
   * the form is not shown in another language and the next tap tries once more.
   */
  async ensure(): Promise<void> {
    await this.settled;
    if (this.failed && this.applied) await this.load(this.applied);
  }
}
