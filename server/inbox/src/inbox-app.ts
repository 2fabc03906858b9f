/**
 * The inbox's shell: asks for the session, shows the login without one, otherwise the list
 * (kept alive, so its filters survive a look at one inquiry) or an inquiry from the #/inquiry/<id>
 * (or a notification's #/inquiries/<id>) hash, or at #/password the form to change one's own password; a language
 * switch (Korean first), that form's link and logout in the header.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { ApiError, request, setCsrfToken, SESSION_LOST, type SessionInfo } from './api.js';
import { getLocale, LOCALES, savedLocale, useLocale, type InboxLocale } from './localization.js';
import { shared } from './styles.js';
import type { InboxList } from './inbox-list.js';
import './inbox-login.js';
import './inbox-list.js';
import './inbox-detail.js';
import './inbox-password.js';

const LANGUAGE_NAMES: Record<InboxLocale, string> = { ko: '한국어', en: 'English' };

/** Where staff change their own password. */
const PASSWORD_ROUTE = '#/password';

/**
 * #/inquiry/<id>, as the list links; #/inquiries/<id> is how notifications (emails, Slack,
 * webhooks: domain/notify/content.ts inboxUrl) link an inquiry, and links already sent stay good.
 */
function routeOf(hash: string): string | undefined {
  const match = /^#\/inquir(?:y|ies)\/([^/]+)$/.exec(hash);
  return match ? decodeURIComponent(match[1]) : undefined;
}

// localized() must apply before customElement() defines the element: <inbox-app> is in the
// page already and is upgraded during define, so a later initializer would miss it.
@customElement('inbox-app')
@localized()
export class InboxApp extends LitElement {
  static override styles = [
    shared,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1.5rem;
        align-items: center;
        justify-content: space-between;
        padding: 0.75rem 1.25rem;
        background: #fff;
        border-bottom: 1px solid #d0d5dd;
      }
      header h1 {
        font-size: 1.25rem;
        margin: 0;
      }
      .tools {
        display: flex;
        gap: 0.75rem;
        align-items: center;
        flex-wrap: wrap;
      }
      .tools label {
        font-weight: 400;
      }
      main {
        padding: 1.25rem;
        max-width: 80rem;
        margin: 0 auto;
      }
    `,
  ];

  @state() private session?: SessionInfo;
  @state() private checked = false;
  @state() private inquiryId = routeOf(location.hash);
  @state() private changingPassword = location.hash === PASSWORD_ROUTE;

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener(SESSION_LOST, this.onSessionLost);
    void this.start();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener(SESSION_LOST, this.onSessionLost);
  }

  private async start() {
    const locale = savedLocale();
    if (locale !== getLocale()) await useLocale(locale);
    await this.loadSession();
  }

  private async loadSession() {
    try {
      this.session = await request<SessionInfo>('/inbox/api/session');
      setCsrfToken(this.session.csrfToken);
      if (location.pathname !== '/inbox') history.replaceState(null, '', `/inbox${location.hash}`);
    } catch (error) {
      this.session = undefined;
      if (!(error instanceof ApiError && error.status === 401)) console.error('inbox: session check failed');
      // The hash stays, so a notification's link opens its inquiry once staff have logged in.
      if (location.pathname !== '/login') history.replaceState(null, '', `/login${location.hash}`);
    } finally {
      this.checked = true;
      this.updateTitle();
    }
  }

  private onHash = () => {
    this.inquiryId = routeOf(location.hash);
    this.changingPassword = location.hash === PASSWORD_ROUTE;
  };

  private onSessionLost = () => {
    this.session = undefined;
    setCsrfToken('');
    history.replaceState(null, '', '/login');
  };

  private async logout() {
    try {
      await request('/logout', { body: {} });
    } finally {
      this.onSessionLost();
    }
  }

  private async changeLanguage(event: Event) {
    await useLocale((event.target as HTMLSelectElement).value as InboxLocale);
    this.updateTitle();
  }

  private updateTitle() {
    document.title = this.session ? msg('상담 문의함', { id: 'inbox.title' }) : msg('로그인 - 상담 문의함', { id: 'inbox.login.pageTitle' });
  }

  private refreshList() {
    void this.renderRoot.querySelector<InboxList>('inbox-list')?.refresh();
  }

  override render() {
    return html`
      <header>
        <h1>${msg('상담 문의함', { id: 'inbox.title' })}${this.session ? html` <span class="muted text">· ${this.session.siteName}</span>` : nothing}</h1>
        <div class="tools">
          <label for="language">${msg('언어', { id: 'inbox.language' })}</label>
          <select id="language" @change=${this.changeLanguage}>
            ${LOCALES.map((l) => html`<option .value=${l} ?selected=${getLocale() === l} lang=${l}>${LANGUAGE_NAMES[l]}</option>`)}
          </select>
          ${this.session
            ? html`<span class="muted">${this.session.email}</span>
                <a href=${PASSWORD_ROUTE} id="change-password">${msg('비밀번호 변경', { id: 'inbox.password.title' })}</a>
                <button type="button" class="secondary" id="logout" @click=${this.logout}>${msg('로그아웃', { id: 'inbox.logout' })}</button>`
            : nothing}
        </div>
      </header>
      <main>
        ${!this.checked
          ? nothing
          : !this.session
            ? html`<inbox-login @logged-in=${() => this.loadSession()}></inbox-login>`
            : html`
                <inbox-list .session=${this.session} ?hidden=${Boolean(this.inquiryId) || this.changingPassword}></inbox-list>
                ${this.changingPassword ? html`<inbox-password></inbox-password>` : nothing}
                ${!this.changingPassword && this.inquiryId
                  ? html`<inbox-detail .session=${this.session} .inquiryId=${this.inquiryId} @inquiry-changed=${this.refreshList}></inbox-detail>`
                  : nothing}
              `}
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inbox-app': InboxApp;
  }
}
