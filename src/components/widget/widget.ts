import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { widgetStyles } from './widget.styles.js';
import { icons, type IconName } from './icons.js';
import { ATTRIBUTE_SETTINGS } from '../../config/sources.js';
import { mergeLayers, type ConfigInput } from '../../config/merge.js';
import { checkConfig, describeProblems, type ConfigProblem } from '../../config/check.js';
import { hasForm } from '../../config/form-ids.js';
import type { ButtonConfig, WidgetConfig } from '../../config/schema.js';
import { BUTTON_PRESETS } from '../../config/constants.js';
import { loadDialogTexts, pickLocale, setWidgetLocale } from '../../localization.js';
import { telHref } from '../../util/tel.js';
import type { DialogView } from '../../events.js';
import type { ConsultDialog } from '../dialog/dialog.js';
import { outboxWaiting } from '../../delivery/outbox-marker.js';


const THEME_PROPERTIES = {
  brand: '--consult-brand',
  brandText: '--consult-brand-text',
  text: '--consult-text',
  background: '--consult-background',
  font: '--consult-font',
  radius: '--consult-radius',
} as const;

/**
 * @summary The floating column of contact buttons (phone, KakaoTalk, blog, directions, cost
 * inquiry, free consultation) and, once a patient asks for one, the inquiry dialog.
 *
 * @tagname consult-widget
 *
 * @fires consult-open - A form or the directions panel opened. `detail: { formId }`
 * @fires consult-close - It closed. `detail: { formId, reason }`
 * @fires consult-submit - An inquiry is being sent. `detail: { formId, inquiryId }`
 * @fires consult-queued - Offline: the inquiry was saved in the browser and will be sent by itself. `detail: { formId, inquiryId }`
 * @fires consult-success - The endpoint accepted it (also one sent later from the outbox). `detail: { formId, inquiryId, status }`
 * @fires consult-error - Sending failed; what was typed is kept. `detail: { formId, inquiryId, reason, status? }`
 *
 * @csspart root - The fixed-position container.
 * @csspart launcher - The single button that expands the column on narrow screens.
 * @csspart launcher-label - The launcher's visible label (launcherLabel, default 상담 / Contact).
 * @csspart actions - The list of buttons.
 * @csspart button - Every contact button; each also has `button-<id>` (button-phone, button-cost, …).
 * @csspart icon - A button's icon.
 * @csspart label - A button's text.
 * @csspart notice - The message shown when the form could not be downloaded.
 *
 * @cssprop --consult-brand - Brand colour of primary buttons and focus rings. Default #1d4ed8.
 * @cssprop --consult-brand-text - Text on the brand colour. Default #ffffff.
 * @cssprop --consult-text - Text colour. Default #1f2937.
 * @cssprop --consult-background - Surface colour of buttons and dialog. Default #ffffff.
 * @cssprop --consult-font - Font family.
 * @cssprop --consult-radius - Corner radius. Default 14px.
 * @cssprop --consult-offset-x - Distance from the side of the screen. Default 20px.
 * @cssprop --consult-offset-y - Distance from the bottom of the screen. Default 20px.
 */
@localized()
export class ConsultWidget extends LitElement {
  static override styles = widgetStyles;

  /**
   * Set by the script tag to the one element it mounted (or adopted): any other
   * <consult-widget> in the page, such as one in markup visitors can write, stays empty.
   */
  static owner?: ConsultWidget;

  /** Where inquiries are POSTed as JSON. Required for the form buttons to appear. */
  @property() endpoint?: string;
  /** "ko" or "en"; when absent, the page's `<html lang>` decides, Korean if it has none. */
  @property() locale?: string;
  /** The main phone number, shown on the call button, e.g. "1833-7488". */
  @property() phone?: string;
  /** The clinic's KakaoTalk channel chat URL; without it the Kakao button opens a form. */
  @property({ attribute: 'kakao-url' }) kakaoUrl?: string;
  @property({ attribute: 'blog-url' }) blogUrl?: string;
  /** A map page (Naver, Kakao or Google maps) for "see details" in directions. */
  @property({ attribute: 'map-url' }) mapUrl?: string;
  @property({ attribute: 'clinic-name' }) clinicName?: string;
  @property() address?: string;
  @property() hours?: string;
  /** "bottom-right" (default) or "bottom-left". */
  @property({ reflect: true }) position?: string;
  @property({ attribute: 'offset-x' }) offsetX?: string;
  @property({ attribute: 'offset-y' }) offsetY?: string;

  /** Every setting as an object (the JSON block's layer); attributes override it. */
  @property({ attribute: false }) config: ConfigInput = {};

  /** Settings given through configure(), which override attributes. */
  @state() private overrides: ConfigInput = {};
  @state() private expanded = false;
  /** Narrower than collapseBelow (or a phone on its side): the column folds into the launcher. */
  @state() private compact = false;
  @state() private dialogRequested = false;
  @state() private localeReady = false;
  @state() private openFailed = false;

  private settings: Partial<WidgetConfig> = {};
  private reported = '';

  /** The problems found in the current configuration (read-only), also logged once to the console. */
  problems: readonly ConfigProblem[] = [];

  /** Adds settings on top of everything else, e.g. from window.ConsultWidget.configure(). */
  configure(partial: ConfigInput): void {
    this.overrides = mergeLayers(this.overrides, partial);
  }

  /** Opens a form by id ("cost", "kakao", "consult", or one from configuration), or "directions". */
  async open(formId?: string, opener?: HTMLElement | null): Promise<boolean> {
    try {
      // Settings are worked out on update; a call right after mounting must wait for the first.
      await this.updateComplete;
      const view = this.viewFor(formId);
      if (!view) return false;
      this.openFailed = false;
      const dialog = await this.loadDialog();
      dialog.show(view, opener ?? null);
      return true;
    } catch (error) {
      // Usually a dropped connection while the form's code downloads: tell the patient, who
      // would otherwise see nothing happen, and offer the phone instead.
      this.openFailed = true;
      console.error('[consult-widget] The form could not be opened:', error);
      return false;
    }
  }

  close(): void {
    this.dialog?.close('api');
  }

  /**
   * Inquiries saved while offline go out on the next page load of the site. The outbox code
   * is downloaded only when the marker says something is waiting.
   */
  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of ['pointerdown', 'keydown', 'resize']) addEventListener(type, this.onPage, true);
    this.addEventListener('consult-close', this.onPage);
    if (outboxWaiting() && this.owned) import('../../delivery/outbox.js').then(({ flushOutbox }) => flushOutbox(this), () => undefined);
  }

  /** False for a <consult-widget> in the page that the script tag did not adopt: it stays empty. */
  private get owned(): boolean {
    return !ConsultWidget.owner || ConsultWidget.owner === this;
  }

  protected override shouldUpdate(changed: Map<PropertyKey, unknown>): boolean {
    return this.owned && super.shouldUpdate(changed);
  }

  private get dialog(): ConsultDialog | null {
    return this.renderRoot?.querySelector('consult-dialog') ?? null;
  }

  private viewFor(formId = this.defaultForm()): DialogView | undefined {
    if (formId === 'directions') return { type: 'directions' };
    if (!this.settings.endpoint) {
      console.error('[consult-widget] Cannot open a form: "endpoint" is not set, so an inquiry would have nowhere to go.');
      return undefined;
    }
    if (!hasForm(this.settings, formId)) {
      console.error(`[consult-widget] open("${formId}"): there is no form with that id.`);
      return undefined;
    }
    return { type: 'form', formId };
  }

  private defaultForm(): string {
    for (const b of this.buttons) {
      if (b === 'cost' || b === 'consult') return b;
      if (typeof b === 'object' && b.type === 'form') return b.form;
    }
    return 'cost';
  }

  /** Downloads the dialog's code; a static hook so tests can make the download fail. */
  static loadDialogModule = () => import('../dialog/define-dialog.js');

  private async loadDialog(): Promise<ConsultDialog> {
    const [{ defineDialog }] = await Promise.all([ConsultWidget.loadDialogModule(), loadDialogTexts()]);
    defineDialog();
    this.dialogRequested = true;
    await this.updateComplete;
    return this.dialog!;
  }

  protected override willUpdate(): void {
    const attributes: ConfigInput = {};
    for (const name of ATTRIBUTE_SETTINGS) attributes[name] = this[name];
    for (const name of ['offsetX', 'offsetY'] as const) {
      const value = attributes[name];
      if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) attributes[name] = Number(value);
    }
    const { config, problems } = checkConfig(mergeLayers(this.config, attributes, this.overrides));
    this.settings = config;
    this.problems = problems;
    const report = problems.length ? describeProblems(problems) : '';
    if (report && report !== this.reported) console.error(report);
    this.reported = report;
    this.applyStyleSettings();
    this.applyLocale();
    // Narrower than collapseBelow (innerWidth, like a media query), or a phone on its side.
    this.compact = innerWidth < (config.collapseBelow ?? 1024) || innerHeight <= 520;
  }

  /**
   * Listened for on window (capture) while connected: a resize may fold the column into the
   * launcher; the expanded column folds away on Escape and on a tap or click outside the
   * widget (and after a choice and when the dialog closes), so it never stays over the page.
   */
  private onPage = (event: Event): void => {
    const { type } = event;
    if (type === 'resize') return this.requestUpdate();
    if (!this.expanded || (type === 'keydown' ? (event as KeyboardEvent).key !== 'Escape' : type === 'pointerdown' && event.composedPath().includes(this))) return;
    const inside = type === 'keydown' && this.matches(':focus-within');
    this.expanded = false;
    if (inside) this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
  };

  private appliedLocale?: string;

  private applyLocale(): void {
    const wanted = pickLocale(this.settings.locale, document.documentElement.getAttribute('lang'));
    if (wanted === this.appliedLocale) return;
    this.appliedLocale = wanted;
    setWidgetLocale(wanted).then(
      () => (this.localeReady = true),
      (error: unknown) => {
        console.error(`[consult-widget] The "${wanted}" texts could not be loaded:`, error);
        this.localeReady = true;
      },
    );
  }

  /**
   * Theme and offsets as custom properties on our own element (CSSOM, so CSP-safe). Only what
   * we set is ever removed, so custom properties an agency put inline stay.
   */
  private applyStyleSettings(): void {
    const { theme = {}, offsetX, offsetY } = this.settings;
    const wanted: Record<string, string | number | undefined> = {
      '--consult-offset-x': offsetX === undefined ? undefined : `${offsetX}px`,
      '--consult-offset-y': offsetY === undefined ? undefined : `${offsetY}px`,
      // Set here, not as a CSS fallback: CSS minifiers round 2147483647, and only the maximum wins z-index fights.
      '--consult-z-index': theme.zIndex ?? 2147483647,
    };
    for (const [key, prop] of Object.entries(THEME_PROPERTIES)) wanted[prop] = theme[key as keyof typeof THEME_PROPERTIES];
    for (const [prop, value] of Object.entries(wanted)) {
      if (value !== undefined) {
        this.style.setProperty(prop, String(value));
        this.styled.add(prop);
      } else if (this.styled.delete(prop)) {
        this.style.removeProperty(prop);
      }
    }
  }
  private styled = new Set<string>();

  private get buttons(): readonly ButtonConfig[] {
    return this.settings.buttons ?? BUTTON_PRESETS;
  }

  protected override render() {
    if (!this.localeReady) return nothing;
    const items = this.buttons.map((b) => this.renderButton(b)).filter((b) => b !== nothing);
    const left = this.settings.position === 'bottom-left';
    return html`
      <div class="root ${left ? 'left' : ''} ${this.compact ? 'compact' : ''}" part="root">
        <p class="notice" part="notice" role="alert" ?hidden=${!this.openFailed}>
          ${this.openFailed ? msg('문의 창을 열지 못했습니다. 연결을 확인한 뒤 다시 눌러 주세요.', { id: 'widget.open-failed' }) : nothing}
          ${this.openFailed && this.settings.phone
            ? html`<a href=${telHref(this.settings.phone)}>${this.settings.phone}</a>`
            : nothing}
        </p>
        ${items.length
          ? html`
              <ul id="actions" class="actions ${this.expanded ? 'expanded' : ''}" part="actions" aria-label=${msg('상담 및 연락 메뉴', { id: 'widget.menu' })} @click=${() => (this.expanded = false)}>
                ${items.map((item) => html`<li>${item}</li>`)}
              </ul>
              <button
                type="button"
                class="launcher"
                part="launcher"
                aria-expanded=${this.expanded ? 'true' : 'false'}
                aria-controls="actions"
                @click=${() => (this.expanded = !this.expanded)}
              >
                <span class="icon" part="icon">${this.expanded ? icons.close : icons.menu}</span>
                <span class="launcher-label" part="launcher-label">${this.settings.launcherLabel || msg('상담', { id: 'widget.launcher' })}</span>
              </button>
            `
          : nothing}
      </div>
      ${this.dialogRequested ? html`<consult-dialog .config=${this.settings}></consult-dialog>` : nothing}
    `;
  }

  private renderButton(entry: ButtonConfig): TemplateResult | typeof nothing {
    const s = this.settings;
    if (typeof entry === 'object') {
      if (entry.type === 'link') return this.link('custom', entry.url, entry.label, 'link');
      return s.endpoint ? this.action('custom', entry.label, 'consult', entry.form) : nothing;
    }
    const form = (id: string, label: string, icon: IconName, cls = '') =>
      s.endpoint ? this.action(id, label, icon, id, cls) : nothing;
    switch (entry) {
      case 'phone':
        return s.phone ? this.link('phone', telHref(s.phone), msg('전화 상담', { id: 'widget.phone' }), 'phone', s.phone, 'primary') : nothing;
      case 'kakao':
        return s.kakaoUrl
          ? this.link('kakao', s.kakaoUrl, msg('카카오톡 상담', { id: 'widget.kakao' }), 'kakao', undefined, 'kakao')
          : form('kakao', msg('카카오톡 상담', { id: 'widget.kakao' }), 'kakao', 'kakao');
      case 'blog':
        return s.blogUrl ? this.link('blog', s.blogUrl, msg('블로그', { id: 'widget.blog' }), 'blog') : nothing;
      case 'directions':
        if (s.address || s.hours) return this.action('directions', msg('오시는 길', { id: 'widget.directions' }), 'directions', 'directions');
        return s.mapUrl ? this.link('directions', s.mapUrl, msg('오시는 길', { id: 'widget.directions' }), 'directions') : nothing;
      case 'cost':
        return form('cost', msg('비용 문의', { id: 'widget.cost' }), 'cost');
      case 'consult':
        return form('consult', msg('무료 상담', { id: 'widget.consult' }), 'consult', 'primary');
    }
  }

  private link(id: string, href: string, label: string, icon: IconName, sub?: string, cls = ''): TemplateResult {
    const web = /^https?:/i.test(href);
    return html`<a
      class="action ${cls}"
      part="button button-${id}"
      href=${href}
      target=${web ? '_blank' : '_self'}
      rel=${web ? 'noopener noreferrer' : ''}
      ><span class="icon" part="icon">${icons[icon]}</span
      ><span class="label" part="label">${label}${sub ? html`<span class="sub">${sub}</span>` : nothing}${web
          ? html`<span class="hidden-text">${msg('(새 창)', { id: 'widget.new-window' })}</span>`
          : nothing}</span
      ></a
    >`;
  }

  private action(id: string, label: string, icon: IconName, target: string, cls = ''): TemplateResult {
    return html`<button
      type="button"
      class="action ${cls}"
      part="button button-${id}"
      aria-haspopup="dialog"
      @click=${(e: Event) => {
        // Focus comes back to the launcher when the column has folded away behind it.
        void this.open(target, this.expanded ? this.renderRoot.querySelector<HTMLElement>('.launcher') : (e.currentTarget as HTMLElement));
      }}
    >
      <span class="icon" part="icon">${icons[icon]}</span><span class="label" part="label">${label}</span>
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consult-widget': ConsultWidget;
  }
}
