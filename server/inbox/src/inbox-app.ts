/**
 * The inbox's shell: asks for the session, shows the login without one, otherwise the list
 * (kept alive, so its filters survive a look at one inquiry) or an inquiry from the #/inquiry/<id>
 * (or a notification's #/inquiries/<id>) hash, or at #/password the form to change one's own password; a language
 * switch (Korean first), that form's link and logout in the header. The tab's title counts the
 * inquiries that arrived while staff were not looking at the list. A session that ends (12 hours,
 * 30 minutes without a staff action, or logged out elsewhere) is said so on the login, which keeps the hash: after logging in again
 * staff are back on the same inquiry, with the note they were typing (drafts.ts).
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { ApiError, request, setCsrfToken, SESSION_LOST, type SessionInfo } from './api.js';
import { getLocale, LOCALES, savedLocale, useLocale, type InboxLocale } from './localization.js';
import { hiddenFromSight, shared } from './styles.js';
import { clearDrafts } from './drafts.js';
import type { InboxList } from './inbox-list.js';
import type { InboxDetail } from './inbox-detail.js';
import type { InboxPassword } from './inbox-password.js';
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
      /* A phone: a short header, so the first inquiries are on the first screen. */
      @media (max-width: 40rem) {
        header {
          gap: 0.25rem 0.75rem;
          padding: 0.5rem 0.75rem;
        }
        header h1 {
          font-size: 1.05rem;
        }
        .tools {
          gap: 0.5rem;
        }
        .tools .account,
        .tools label {
          ${hiddenFromSight}
        }
        main {
          padding: 0.75rem;
        }
      }
    `,
  ];

  @state() private session?: SessionInfo;
  @state() private checked = false;
  @state() private inquiryId = routeOf(location.hash);
  @state() private changingPassword = location.hash === PASSWORD_ROUTE;
  /** The session ended while the inbox was open (not a logout): the login says so. */
  @state() private expired = false;
  /** Inquiries that arrived while staff were not looking at the list (inbox-list counts them). */
  @state() private unseen = 0;
  /** Where the list was scrolled when staff left it. */
  private listScroll = 0;

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
      this.expired = false;
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

  /** The login form, and the button pressed in it, are gone: focus goes to the view that replaced it. */
  private onLoggedIn = async () => {
    await this.loadSession();
    if (this.session) await this.focusView();
  };

  private onHash = () => {
    const from = this.inquiryId;
    // Read before the list is hidden, which cuts the page short and its scroll with it.
    if (this.session && !this.inquiryId && !this.changingPassword) this.listScroll = window.scrollY;
    this.route();
    this.updateTitle();
    if (this.session) void this.focusView(from);
  };

  private route() {
    this.inquiryId = routeOf(location.hash);
    this.changingPassword = location.hash === PASSWORD_ROUTE;
  }

  /**
   * The view that replaced the last one gets the focus: what staff clicked is gone with the view
   * it was in, and focus left on <body> makes a keyboard start again from the top and a screen
   * reader say nothing about the new page. Back on the list, staff are where they left it, on the
   * inquiry they opened (`from`): on a phone, a list back at its top after every inquiry loses
   * their place in it.
   */
  private async focusView(from?: string) {
    await this.updateComplete;
    const list = this.renderRoot.querySelector<InboxList>('inbox-list');
    if (list && !this.inquiryId && !this.changingPassword) {
      await list.returnTo(this.listScroll, from);
      return;
    }
    window.scrollTo(0, 0);
    const view = this.changingPassword ? this.renderRoot.querySelector<InboxPassword>('inbox-password') : this.renderRoot.querySelector<InboxDetail>('inbox-detail');
    await view?.focusHeading();
  }

  /** A 401 while logged in: the session ended. (The first check's 401 only means nobody has logged in yet.) */
  private onSessionLost = () => {
    if (this.session) this.endSession(true);
  };

  /**
   * Back to the login. A session that ended by itself keeps the hash (and note drafts), so that
   * logging in again returns to the same place; a logout starts afresh.
   */
  private endSession(expired: boolean) {
    this.session = undefined;
    this.expired = expired;
    this.unseen = 0;
    setCsrfToken('');
    history.replaceState(null, '', expired ? `/login${location.hash}` : '/login');
    this.route();
    this.updateTitle();
  }

  private async logout() {
    try {
      await request('/logout', { body: {} });
    } finally {
      clearDrafts();
      this.endSession(false);
    }
  }

  private onUnseen(event: CustomEvent<number>) {
    this.unseen = event.detail;
    this.updateTitle();
  }

  private async changeLanguage(event: Event) {
    await useLocale((event.target as HTMLSelectElement).value as InboxLocale);
    this.updateTitle();
  }

  /**
   * The tab's title names the view, never the patient: titles are kept in the browser's history,
   * which anyone at a shared front-desk PC can read.
   */
  private updateTitle() {
    if (!this.session) {
      document.title = msg('로그인 - 상담 문의함', { id: 'inbox.login.pageTitle' });
      return;
    }
    const view = this.changingPassword
      ? msg('비밀번호 변경 · 상담 문의함', { id: 'inbox.password.tabTitle' })
      : this.inquiryId
        ? msg('문의 상세 · 상담 문의함', { id: 'inbox.detail.tabTitle' })
        : msg('상담 문의함', { id: 'inbox.title' });
    document.title = this.unseen > 0 ? msg(str`(${this.unseen}) ${view}`, { id: 'inbox.titleUnseen' }) : view;
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
            ? html`<span class="muted account">${this.session.email}</span>
                <a href=${PASSWORD_ROUTE} id="change-password">${msg('비밀번호 변경', { id: 'inbox.password.title' })}</a>
                <button type="button" class="secondary" id="logout" @click=${this.logout}>${msg('로그아웃', { id: 'inbox.logout' })}</button>`
            : nothing}
        </div>
      </header>
      <main>
        ${!this.checked
          ? nothing
          : !this.session
            ? html`<inbox-login
                .notice=${this.expired ? msg('로그인이 만료되었습니다. 다시 로그인해 주세요.', { id: 'inbox.login.expired' }) : ''}
                @logged-in=${this.onLoggedIn}
              ></inbox-login>`
            : html`
                <inbox-list
                  .session=${this.session}
                  ?hidden=${Boolean(this.inquiryId) || this.changingPassword}
                  @unseen-changed=${this.onUnseen}
                ></inbox-list>
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
