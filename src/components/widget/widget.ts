import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '../../i18n.js';
import { LocaleController } from '../../locale-controller.js';
import { widgetStyles } from './widget.styles.js';
import { icons, type IconName } from './icons.js';
import { closeLabel, costLabel, directionsLabel, kakaoLabel, newWindowNote } from './labels.js';
import { ATTRIBUTE_SETTINGS } from '../../config/sources.js';
import { mergeLayers, type ConfigInput } from '../../config/merge.js';
import { SettingsController, type Sources } from './settings-controller.js';
import { ThemeController } from './theme-controller.js';
import { LayoutController } from './layout-controller.js';
import type { ConfigProblem } from '../../config/check.js';
import { hasForm } from '../../config/form-ids.js';
import type { ButtonConfig, WidgetConfigInput } from '../../config/schema.js';
import { pickText } from '../../config/resolve-texts.js';
import { BUTTON_PRESETS, DOUBLE_TAP_MS } from '../../config/constants.js';
import { currentLocale, loadDialogTexts } from '../../localization.js';
import { telHref } from '../../util/tel.js';
import { pageReferrer } from '../../util/page.js';
import { linkHref } from '../../util/link-href.js';
import { emit, type ContactMethod, type DialogView } from '../../events.js';
import { AnalyticsController } from './analytics-controller.js';
import type { Arrival } from '../../delivery/visit.js';
import type { ConsultDialog } from '../dialog/dialog.js';
import { outboxWaiting } from '../../delivery/outbox-marker.js';
import { loadDialogModule, loadOutbox, preloadDialog } from '../../chunks.js';

const CONTACT_METHODS: readonly ContactMethod[] = ['phone', 'kakao', 'blog', 'directions'];
/** Which elements data-adopt named, decided once each (see ConsultWidget.owns). */
const decided = new WeakMap<Element, boolean>();
/** Listened for on window while connected (see onPage). */
const PAGE_EVENTS = ['pointerdown', 'keydown', 'resize'];

/**
 * How long a tap waits for the form's code before the patient is told it could not be opened and
 * offered the phone: a stalled connection would otherwise leave the loading state up for good.
 */
const OPEN_WAIT_MS = 10_000;

/** The page the patient arrived on, recorded as the visit's first page for later inquiries. */
let arrival: Arrival | undefined;

/** Runs `task` once the page has loaded and the browser is idle (or soon, without requestIdleCallback). */
function whenIdleAfterLoad(task: () => void): void {
  const idle = () => (window.requestIdleCallback ? window.requestIdleCallback(() => task(), { timeout: 5000 }) : setTimeout(task, 1500));
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}


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
 * @fires consult-contact - A patient followed a link button, or in the dialog the map link or a phone link. `detail: { method: "phone" | "kakao" | "blog" | "directions" }`
 *
 * @csspart root - The fixed-position container.
 * @csspart launcher - The single button that expands the column on narrow screens.
 * @csspart launcher-label - The launcher's visible label (launcherLabel, default 상담 / Contact).
 * @csspart actions - The list of buttons.
 * @csspart button - Every contact button; each also has `button-<id>` (button-phone, button-cost, …).
 * @csspart icon - A button's icon.
 * @csspart label - A button's text.
 * @csspart notice - The message shown when the form could not be downloaded.
 * @csspart dialog - The dialog's own parts, exported under the same names: dialog, header, title, close-button, body, intro, reply-time, field, error, consent (and consent-marketing-notice, consent-sensitive-notice, consent-age14-notice), policy-toggle, policy, consent-privacy, consent-marketing, consent-sensitive, consent-age, marketing-toggle, alert, submit, sending-note, success, success-phone, directions, map-link.
 * @csspart loading - The loading state shown when a patient taps before the form's code is in.
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
export class ConsultWidget extends LitElement {
  static override styles = widgetStyles;

  /**
   * Set by the script tag: the one element it mounted (or adopted), or with data-mount="none" and
   * data-adopt the id of the page's own. Any other <consult-widget>, such as one in markup
   * visitors can write, stays empty. Unset (no script tag, or data-mount="none" alone), every one works.
   */
  static owner?: ConsultWidget | string;

  /** Whether an element is the script tag's (see owner). */
  static owns(el: Element): boolean {
    const owner = ConsultWidget.owner;
    if (owner === undefined || owner === el) return true;
    if (typeof owner !== 'string') return false;
    // Decided once, when it first asks: an element with the id that a review (or a cloned
    // fragment) adds later gets nothing, and takes nothing from the one already working. An id
    // that two elements carry when one asks is trusted for neither.
    let ok = decided.get(el);
    if (ok === undefined) decided.set(el, (ok = el.id === owner && [...document.querySelectorAll('consult-widget')].filter((w) => w.id === owner).length === 1));
    return ok;
  }

  /** Where inquiries are POSTed as JSON. Required for the form buttons to appear. */
  @property() endpoint?: string;
  /** "ko", "en", "ja" or "zh", in any case and with a region or script ("EN", "zh-CN"); when absent, the page's `<html lang>`, then the browser's languages, then Korean. */
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

  /**
   * Problems the script tag found in the settings it read (its JSON block, its data-*
   * attributes), reported in the one console error with the rest. @internal
   */
  @property({ attribute: false }) sourceProblems: readonly ConfigProblem[] = [];

  /** Settings given through configure(), which override attributes. */
  @state() private overrides: ConfigInput = {};
  @state() private expanded = false;
  @state() private dialogRequested = false;
  @state() private openFailed = false;
  @state() private loading = false;

  /** The checked settings (see SettingsController). */
  private readonly checked = new SettingsController(this, () => ({
    config: this.config,
    attributes: Object.fromEntries(ATTRIBUTE_SETTINGS.map((name) => [name, this[name]])) as Sources['attributes'],
    overrides: this.overrides,
    found: this.sourceProblems,
  }));
  /** Theme and offsets as custom properties. */
  protected readonly theme = new ThemeController(this, () => this.settings);
  /** Whether the column folds into the launcher (after the settings, which it reads). */
  private readonly layout = new LayoutController(this, () => this.settings.collapseBelow);
  /** The language of the texts (the locale setting, else the page's); renders again when it changes. */
  private readonly language = new LocaleController(this, () => this.settings.locale);
  /** Pushes the widget's events to window.dataLayer when the page has one. */
  protected readonly analytics = new AnalyticsController(this);

  private get settings(): Partial<WidgetConfigInput> {
    return this.checked.settings;
  }

  /** The problems found in the current configuration (read-only), also logged once to the console. */
  get problems(): readonly ConfigProblem[] {
    return this.checked.problems;
  }

  /** Adds settings on top of everything else, e.g. from window.ConsultWidget.configure(). */
  configure(partial: ConfigInput): void {
    this.overrides = mergeLayers(this.overrides, partial);
  }

  /** Opens a form by id ("cost", "kakao", "consult", or one from configuration), or "directions". */
  async open(formId?: string, opener?: HTMLElement | null): Promise<boolean> {
    const letGoes = this.letGoes;
    try {
      // Settings are worked out on update: a call right after mounting or right after
      // configure() waits for it. A patient's tap finds them ready, and is answered at once.
      if (!this.hasUpdated || this.isUpdatePending) await this.updateComplete;
      const view = this.viewFor(formId);
      if (!view) return false;
      this.openFailed = false;
      // A tap before the dialog's code is in shows a loading state at once.
      if (!this.dialogReady) {
        this.loading = true;
        this.loadingSince = Date.now();
      }
      // Texts follow the locale (also one set by configure({ locale }) just before).
      const dialog = await Promise.race([
        this.language.ensure().then(() => this.loadDialog()),
        new Promise<never>((_, reject) => setTimeout(reject, OPEN_WAIT_MS, new Error('timed out'))),
      ]);
      // The patient let it go meanwhile (Escape, a tap on the loading state): it does not pop up later.
      if (letGoes !== this.letGoes) return false;
      this.loading = false;
      return await dialog.show(view, opener ?? null);
    } catch (error) {
      if (letGoes !== this.letGoes) return false;
      // Usually a dropped connection while the form's code downloads: tell the patient, who
      // would otherwise see nothing happen, and offer the phone instead.
      this.loading = false;
      this.openFailed = true;
      console.error('[consult-widget] The form could not be opened:', error);
      return false;
    }
  }

  /**
   * Starts loading the dialog's code and texts, once (again after a failure). Called on a
   * patient's intent (pointer over or down on the buttons, focus); when the browser is idle
   * after load the code is only fetched (preloadDialog), so a tap rarely waits for the network.
   */
  prefetch(): Promise<void> {
    this.recordVisit();
    this.dialogLoad ??= Promise.all([loadDialogModule(), this.language.ensure().then(loadDialogTexts)]).then(
      ([{ defineDialog, DIALOG_PARTS }]) => {
        defineDialog();
        this.dialogParts = DIALOG_PARTS;
        this.dialogReady = true;
        // Create the (closed) dialog now: its styles and controllers are set up before the tap.
        this.dialogRequested = true;
      },
      (error: unknown) => {
        this.dialogLoad = undefined;
        throw error;
      },
    );
    return this.dialogLoad;
  }
  private dialogLoad?: Promise<void>;
  private dialogReady = false;
  /** Counts the slow opens a patient let go: an open() under way since then does not show the dialog. */
  private letGoes = 0;

  /**
   * The patient lets a slow open go: the loading state goes, and the dialog will not pop up when
   * its code comes. Not by a tap in its first moments: that is the second tap of a double tap.
   */
  private readonly letGo = (event?: Event) => {
    if (event?.type === 'click' && Date.now() - this.loadingSince < DOUBLE_TAP_MS) return;
    this.letGoes++;
    this.loading = false;
  };
  private loadingSince = 0;
  /** The dialog's parts (see define-dialog.ts), exported through this element. */
  private dialogParts = '';
  /**
   * A patient's intent: the dialog's code runs, and the closed dialog builds the form of the
   * button concerned (the first one pointed at or focused; then the one pressed, as pointerdown
   * comes a moment before the click), so the tap only has to show it.
   */
  private readonly onIntent = (event: Event) => {
    const target = event.composedPath().find((n): n is HTMLElement => n instanceof HTMLElement && !!n.dataset.view)?.dataset.view;
    const prepare = target && target !== this.prepared && (!this.prepared || event.type === 'pointerdown');
    if (prepare) this.prepared = target;
    this.prefetch()
      .then(async () => {
        if (!prepare) return;
        await this.updateComplete;
        this.dialog?.prepare(target === 'directions' ? { type: 'directions' } : { type: 'form', formId: target });
      })
      .catch(() => {
        if (prepare) this.prepared = undefined;
      });
  };
  /** The view of the button whose form the closed dialog was last asked to build. */
  private prepared?: string;

  close(): void {
    this.dialog?.close('api');
  }

  /**
   * Inquiries saved while offline go out on the next page load of the site. The outbox code
   * is downloaded only when the marker says something is waiting.
   */
  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of PAGE_EVENTS) addEventListener(type, this.onPage, true);
    this.addEventListener('consult-close', this.onPage);
    if (!this.owned) return;
    // The page as the patient arrived, read now; storage is touched only when the browser is
    // idle (its first use in a page can wait on another process), or on intent if sooner.
    arrival ??= { href: location.href, referrer: pageReferrer() };
    whenIdleAfterLoad(() => {
      // A patient who turned on Data Saver gets the form's code on intent only, not on every page
      // they merely read (about 18 KB each time). The visit is still recorded (2.5 KB).
      // Nor does a page where no button opens it (no endpoint, no directions panel).
      const opens = this.settings.endpoint || pickText(this.settings.address) || pickText(this.settings.hours);
      if (opens && !(navigator as { connection?: { saveData?: boolean } }).connection?.saveData) preloadDialog(this.language.locale ?? currentLocale());
      this.recordVisit();
      // Sent through the element in the page, whose events the page listens to (a single-page
      // site may have put another in its place since).
      if (this.isConnected && outboxWaiting()) loadOutbox().then(({ flushOutbox }) => flushOutbox(this), () => undefined);
    });
  }

  /** A single-page site that swaps its widget for another leaves nothing of the old one listening (or kept alive). */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of PAGE_EVENTS) removeEventListener(type, this.onPage, true);
  }

  /**
   * The first render waits for a task of its own: mounting (defining the element, reading the
   * settings) and rendering the buttons are then two short tasks instead of one long one that
   * would hold up the page's own input on a slow phone.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await new Promise((resolve) => setTimeout(resolve));
    super.scheduleUpdate();
  }

  /**
   * Records the visit's first page, once (prefetch() runs on every pointer over the buttons).
   * The code is in the outbox chunk, which the dialog needs first anyway: the buttons' download
   * does not carry it. A failed download is tried again on the next intent.
   */
  private recordVisit(): void {
    this.visitRecorded ??= loadOutbox().then(
      ({ rememberVisit }) => void rememberVisit(arrival),
      () => (this.visitRecorded = undefined),
    );
  }
  private visitRecorded?: Promise<unknown>;

  /** False for a <consult-widget> in the page that the script tag did not adopt: it stays empty. */
  private get owned(): boolean {
    return ConsultWidget.owns(this);
  }

  protected override shouldUpdate(changed: Map<PropertyKey, unknown>): boolean {
    return this.owned && super.shouldUpdate(changed);
  }

  private get dialog(): ConsultDialog | null {
    return this.renderRoot?.querySelector('consult-dialog') ?? null;
  }

  private viewFor(formId = this.defaultForm()): DialogView | undefined {
    const s = this.settings;
    if (formId === 'directions') {
      if (pickText(s.address) || pickText(s.hours) || s.mapUrl) return { type: 'directions' };
      console.error('[consult-widget] Cannot open "directions": it needs "address", "hours" or "mapUrl".');
      return undefined;
    }
    if (!s.endpoint) {
      console.error('[consult-widget] Cannot open a form: "endpoint" is not set, so an inquiry would have nowhere to go.');
      return undefined;
    }
    if (!hasForm(s, formId)) {
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

  private async loadDialog(): Promise<ConsultDialog> {
    await this.prefetch();
    // The locale may have changed since the texts were fetched (configure({ locale })).
    await loadDialogTexts();
    this.dialogRequested = true;
    await this.updateComplete;
    return this.dialog!;
  }

  /**
   * Listened for on window (capture) while connected: a resize may fold the column into the
   * launcher; the expanded column folds away on Escape and on a tap or click outside the
   * widget (and after a choice and when the dialog closes), so it never stays over the page.
   */
  private onPage = (event: Event): void => {
    const { type } = event;
    if (type === 'resize') return this.requestUpdate();
    if (this.loading && (event as KeyboardEvent).key === 'Escape') return this.letGo();
    if (!this.expanded || (type === 'keydown' ? (event as KeyboardEvent).key !== 'Escape' : type === 'pointerdown' && event.composedPath().includes(this))) return;
    const inside = type === 'keydown' && this.matches(':focus-within');
    this.expanded = false;
    if (inside) this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
  };

  /** Focus that moves on out of the widget (Tab past the last button) folds the column it leaves open. */
  private onFocusOut = ({ currentTarget, relatedTarget }: FocusEvent): void => {
    if (this.expanded && relatedTarget && !(currentTarget as Element).contains(relatedTarget as Node)) this.expanded = false;
  };

  private get buttons(): readonly ButtonConfig[] {
    return this.settings.buttons ?? BUTTON_PRESETS;
  }

  // The launcher comes before the column in the markup, so a screen reader or Tab goes from it into
  // the column it opens; CSS shows it below.
  protected override render() {
    if (!this.language.ready) return nothing;
    const items = this.buttons.map((b, i) => this.renderButton(b, i)).filter((b) => b !== nothing);
    const left = this.settings.position === 'bottom-left';
    return html`
      <div
        class="root ${left ? 'left' : ''} ${this.layout.compact ? 'compact' : ''}"
        part="root"
        lang=${currentLocale()}
        @pointerover=${this.onIntent}
        @pointerdown=${this.onIntent}
        @focusin=${this.onIntent}
        @focusout=${this.onFocusOut}
      >
        <div class="notice" part="notice" role="alert" ?hidden=${!this.openFailed}>
          ${this.openFailed
            ? html`<p>${msg('문의 창을 열지 못했습니다. 연결을 확인한 뒤 다시 눌러 주세요.', { id: 'widget.open-failed' })}</p>
                ${this.settings.phone
                  ? html`<a class="call" href=${telHref(this.settings.phone)} @click=${() => emit(this, 'consult-contact', { method: 'phone' })}
                      >${icons.phone}${this.settings.phone}</a
                    >`
                  : nothing}
                <button type="button" class="dismiss" aria-label=${closeLabel()} @click=${() => (this.openFailed = false)}>
                  ${icons.close}
                </button>`
            : nothing}
        </div>
        ${items.length
          ? html`
              <button
                type="button"
                class="launcher"
                part="launcher"
                aria-expanded=${this.expanded ? 'true' : 'false'}
                aria-controls="actions"
                @click=${() => (this.expanded = !this.expanded)}
              >
                <span class="icon" part="icon">${this.expanded ? icons.close : icons.menu}</span>
                <span class="launcher-label" part="launcher-label">${pickText(this.settings.launcherLabel) || msg('상담', { id: 'widget.launcher' })}</span>
              </button>
              <ul id="actions" class="actions ${this.expanded ? 'expanded' : ''}" part="actions" aria-label=${msg('상담 및 연락 메뉴', { id: 'widget.menu' })} @click=${() => (this.expanded = false)}>
                ${items.map((item) => html`<li>${item}</li>`)}
              </ul>
            `
          : nothing}
      </div>
      ${this.loading
        ? html`<div class="loading" part="loading" role="status" aria-live="polite" lang=${currentLocale()} @click=${this.letGo}>
            <p class="loading-card"><span class="spinner" aria-hidden="true"></span>${msg('문의 창을 여는 중…', { id: 'widget.loading' })}</p>
          </div>`
        : nothing}
      ${this.dialogRequested ? html`<consult-dialog exportparts=${this.dialogParts} .config=${this.settings}></consult-dialog>` : nothing}
    `;
  }

  private renderButton(entry: ButtonConfig, index: number): TemplateResult | typeof nothing {
    const s = this.settings;
    if (typeof entry === 'object') {
      // Parts: button-<id>, by default the form's id or link-<its place in the list>.
      if (entry.type === 'link') return this.link(entry.id ?? `link-${index + 1}`, entry.url, pickText(entry.label)!, 'link');
      return s.endpoint ? this.action(entry.id ?? entry.form, pickText(entry.label)!, 'consult', entry.form) : nothing;
    }
    const form = (id: string, label: string, icon: IconName, cls = '') =>
      s.endpoint ? this.action(id, label, icon, id, cls) : nothing;
    switch (entry) {
      case 'phone':
        return s.phone ? this.link('phone', telHref(s.phone), msg('전화 상담', { id: 'widget.phone' }), 'phone', s.phone, 'primary') : nothing;
      case 'kakao':
        return s.kakaoUrl
          ? this.link('kakao', s.kakaoUrl, kakaoLabel(), 'kakao', undefined, 'kakao')
          : form('kakao', kakaoLabel(), 'kakao', 'kakao');
      case 'blog':
        return s.blogUrl ? this.link('blog', s.blogUrl, msg('블로그', { id: 'widget.blog' }), 'blog') : nothing;
      case 'directions':
        if (pickText(s.address) || pickText(s.hours)) return this.action('directions', directionsLabel(), 'directions', 'directions');
        return s.mapUrl ? this.link('directions', s.mapUrl, directionsLabel(), 'directions') : nothing;
      case 'cost':
        return form('cost', costLabel(), 'cost');
      case 'consult':
        return form('consult', msg('무료 상담', { id: 'widget.consult' }), 'consult', 'primary');
    }
  }

  private link(id: string, url: string, label: string, icon: IconName, sub?: string, cls = ''): TemplateResult | typeof nothing {
    const href = linkHref(url);
    if (!href) return nothing;
    const web = /^https?:/i.test(href);
    const method = (CONTACT_METHODS as readonly string[]).includes(id) ? (id as ContactMethod) : undefined;
    return html`<a
      class="action ${cls}"
      part="button button-${id}"
      @click=${method ? () => emit(this, 'consult-contact', { method }) : nothing}
      href=${href}
      target=${web ? '_blank' : '_self'}
      rel=${web ? 'noopener noreferrer' : ''}
      ><span class="icon" part="icon">${icons[icon]}</span
      ><span class="label" part="label">${label}${sub ? html`<span class="sub">${sub}</span>` : nothing}${web
          ? html`<span class="hidden-text">${newWindowNote()}</span>`
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
      data-view=${target}
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
