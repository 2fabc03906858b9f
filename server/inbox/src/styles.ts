/** Styles the inbox's elements share: plain controls with visible focus and AA contrast. */
import { css } from 'lit';

/** Out of sight, still read by screen readers; also used inside media queries, for what only narrow screens hide. */
export const hiddenFromSight = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
`;

export const shared = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    line-height: 1.3;
    margin: 0 0 0.75rem;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  input,
  select,
  textarea {
    border: 1px solid #6b7280;
    border-radius: 6px;
    padding: 0.4rem 0.55rem;
    background: #fff;
    min-height: 2.25rem;
  }
  button,
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.25rem;
    padding: 0.4rem 0.9rem;
    border-radius: 6px;
    border: 1px solid #0f5f57;
    background: #0f5f57;
    color: #fff;
    cursor: pointer;
    text-decoration: none;
    font-weight: 600;
  }
  button.secondary,
  .button.secondary {
    background: #fff;
    color: #0f5f57;
  }
  button.danger {
    background: #b42318;
    border-color: #b42318;
    color: #fff;
  }
  /*
   * On a phone, and on any touch screen (a 768 px tablet at the front desk), every control and
   * every link (a patient's name, a number to call, 목록으로, 취소) is a 44 px target: by its box,
   * not a larger font. The inbox's links stand alone, none in running text, so all of them.
   */
  @media (max-width: 40rem), (pointer: coarse) {
    input,
    select,
    button,
    .button {
      min-height: 2.75rem;
    }
    a[href] {
      display: inline-flex;
      align-items: center;
      min-height: 2.75rem;
      min-width: 2.75rem;
    }
  }
  button[disabled] {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 3px solid #1d4ed8;
    outline-offset: 2px;
  }
  a {
    color: #0b4f9c;
  }
  label {
    font-weight: 600;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .error {
    color: #b42318;
    font-weight: 600;
  }
  .muted {
    color: #4b5563;
  }
  .card {
    background: #fff;
    border: 1px solid #d0d5dd;
    border-radius: 8px;
    padding: 1rem 1.25rem;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
  }
  .visually-hidden {
    ${hiddenFromSight}
  }
`;

/** A form on its own in the middle of the page: the login, the password change. */
export const singleForm = css`
  form {
    max-width: 24rem;
    margin: 3rem auto;
    display: flex;
    flex-direction: column;
    gap: 1rem;
  }
`;
