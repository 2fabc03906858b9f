/**
 * Staff change their own password: the current one, the new one twice. The other browsers the
 * account was logged in on are logged out; this one stays, with a new session.
 */
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { ApiError, request, setCsrfToken } from './api.js';
import { shared, singleForm } from './styles.js';
import { MIN_PASSWORD_LENGTH as MIN_LENGTH } from '../../domain/password-rules.js';

@customElement('inbox-password')
@localized()
export class InboxPassword extends LitElement {
  static override styles = [shared, singleForm];

  @state() private error = '';
  @state() private done = false;
  @state() private busy = false;

  /** Called by the app when staff arrive here. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override render() {
    if (this.done) {
      return html`<div class="card" role="status" id="password-done">
        <h2 tabindex="-1">${msg('비밀번호를 바꿨습니다', { id: 'inbox.password.done.title' })}</h2>
        <p>${msg('이 브라우저는 로그인된 채로 있고, 다른 기기나 브라우저에서는 새 비밀번호로 다시 로그인해야 합니다.', { id: 'inbox.password.done' })}</p>
        <p><a href="#/">${msg('문의 목록으로', { id: 'inbox.password.back' })}</a></p>
      </div>`;
    }
    return html`
      <form class="card" @submit=${this.submit} novalidate>
        <h2 tabindex="-1" id="password-title">${msg('비밀번호 변경', { id: 'inbox.password.title' })}</h2>
        <div class="field">
          <label for="current">${msg('현재 비밀번호', { id: 'inbox.password.current' })}</label>
          <input id="current" name="current" type="password" autocomplete="current-password" maxlength="1024" required />
        </div>
        <div class="field">
          <label for="next">${msg(str`새 비밀번호 (${MIN_LENGTH}자 이상)`, { id: 'inbox.password.next' })}</label>
          <input id="next" name="next" type="password" autocomplete="new-password" minlength=${MIN_LENGTH} maxlength="1024" required />
        </div>
        <div class="field">
          <label for="again">${msg('새 비밀번호 확인', { id: 'inbox.password.again' })}</label>
          <input id="again" name="again" type="password" autocomplete="new-password" maxlength="1024" required />
        </div>
        <p class="error" role="alert" id="password-error">${this.error}</p>
        <button type="submit" ?disabled=${this.busy}>${msg('비밀번호 바꾸기', { id: 'inbox.password.submit' })}</button>
        <a href="#/">${msg('취소', { id: 'inbox.password.cancel' })}</a>
      </form>
    `;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    this.error = '';
    if (value('next').length < MIN_LENGTH) {
      this.error = msg(str`새 비밀번호는 ${MIN_LENGTH}자 이상이어야 합니다.`, { id: 'inbox.password.short' });
      return;
    }
    if (value('next') !== value('again')) {
      this.error = msg('새 비밀번호 두 칸이 서로 다릅니다.', { id: 'inbox.password.mismatch' });
      return;
    }
    this.busy = true;
    try {
      const { csrfToken } = await request<{ csrfToken: string }>('/inbox/api/password', { body: { current: value('current'), password: value('next') } });
      setCsrfToken(csrfToken);
      this.done = true;
      // The form and its focused button are gone: focus moves to what replaced them.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#password-done h2')?.focus();
    } catch (error) {
      this.error = this.failure(error);
      (form.elements.namedItem('current') as HTMLInputElement).value = '';
    } finally {
      this.busy = false;
    }
  }

  /** A wrong current password; after a few the receiver ends the session and the login shows (api.ts). */
  private failure(error: unknown): string {
    if (error instanceof ApiError && error.status === 403 && error.body.error === 'invalid') {
      return msg('현재 비밀번호가 맞지 않습니다.', { id: 'inbox.password.invalid' });
    }
    return msg('지금은 비밀번호를 바꿀 수 없습니다. 잠시 뒤에 다시 시도하세요.', { id: 'inbox.password.failed' });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'inbox-password': InboxPassword;
  }
}
