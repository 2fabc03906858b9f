/**
 * The login form: email and password; a lock-out is told apart from a wrong password, the last
 * try before one is warned of, and a session that ended (the app's notice) is said before
 * anything is typed.
 */
import { LitElement, html, css, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { ApiError, request } from './api.js';
import { shared, singleForm } from './styles.js';

@customElement('inbox-login')
@localized()
export class InboxLogin extends LitElement {
  static override styles = [
    shared,
    singleForm,
    css`
      .notice {
        margin: 0;
        padding: 0.6rem 0.8rem;
        border-inline-start: 4px solid #1d4ed8;
        background: #eef4ff;
        font-weight: 600;
      }
    `,
  ];

  /** Why staff are asked to log in again, if they were logged in (a session that ended). */
  @property() notice = '';
  @state() private error = '';
  @state() private busy = false;

  override render() {
    return html`
      <form class="card" @submit=${this.submit} novalidate>
        <h2>${msg('직원 로그인', { id: 'inbox.login.title' })}</h2>
        ${this.notice ? html`<p class="notice" id="login-notice">${this.notice}</p>` : nothing}
        <div class="field">
          <label for="email">${msg('이메일', { id: 'inbox.login.email' })}</label>
          <input id="email" name="email" type="email" autocomplete="username" required aria-describedby=${this.notice ? 'login-notice' : nothing} />
        </div>
        <div class="field">
          <label for="password">${msg('비밀번호', { id: 'inbox.login.password' })}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <p class="error" role="alert" id="login-error">${this.error}</p>
        <button type="submit" ?disabled=${this.busy}>${msg('로그인', { id: 'inbox.login.submit' })}</button>
      </form>
    `;
  }

  /** With a notice, the email field takes the focus, so a screen reader reads the notice with it. */
  override firstUpdated() {
    if (this.notice) this.renderRoot.querySelector<HTMLInputElement>('#email')?.focus();
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.error = '';
    try {
      await request('/login', { body: { email: String(data.get('email') ?? ''), password: String(data.get('password') ?? '') } });
      this.dispatchEvent(new Event('logged-in', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = this.failure(error);
      (form.elements.namedItem('password') as HTMLInputElement).value = '';
    } finally {
      this.busy = false;
    }
  }

  private failure(error: unknown): string {
    if (error instanceof ApiError && error.body.error === 'locked') {
      const minutes = Math.max(1, Math.ceil(Number(error.body.retryAfterSeconds ?? 900) / 60));
      // Who can help: the agency's `staff password` lifts the lock at once.
      return msg(
        str`로그인 시도가 너무 많아 잠겼습니다. ${minutes}분 뒤에 다시 시도하세요. 기다릴 수 없거나 비밀번호가 기억나지 않으면 문의함을 관리하는 대행사에 비밀번호 재설정을 요청하세요.`,
        { id: 'inbox.login.lockedHelp' },
      );
    }
    if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
      if (error.body.triesLeft === 1) {
        return msg('이메일 또는 비밀번호가 맞지 않습니다. 한 번 더 틀리면 로그인이 잠깁니다. 비밀번호가 기억나지 않으면 대행사에 재설정을 요청하세요.', {
          id: 'inbox.login.lastTry',
        });
      }
      return msg('이메일 또는 비밀번호가 맞지 않습니다.', { id: 'inbox.login.invalid' });
    }
    return msg('지금은 로그인할 수 없습니다. 잠시 뒤에 다시 시도하세요.', { id: 'inbox.login.failed' });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inbox-login': InboxLogin;
  }
}
