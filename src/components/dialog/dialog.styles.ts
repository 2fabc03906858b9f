import { css } from 'lit';
import { sharedStyles } from '../../styles/shared.styles.js';

/**
 * The phone's sheet: under the media query, and adopted by itself on a page laid out wider than
 * the phone (no <meta name="viewport">), whose 980px the media query sees instead (ModalController).
 */
export const phoneSheet = css`
  dialog {
    /* Between the viewport's edges: on a page shrunk to fit, 100vw is 980px where the page may be wider. */
    width: auto;
    max-height: calc(var(--consult-viewport-height, 100vh) - 8px);
    margin: auto 0 0;
    border-radius: var(--_radius) var(--_radius) 0 0;
  }
  .body {
    padding: 14px 16px 20px;
  }
  /* The full policy grows within the sheet's own scrolling, not as a small box inside it. */
  .policy {
    max-height: none;
    overflow: visible;
  }
`;

export const dialogStyles = [
  sharedStyles,
  css`
    :host {
      all: initial !important;
    }

    dialog {
      --_brand: var(--consult-brand, #1d4ed8);
      --_brand-text: var(--consult-brand-text, #ffffff);
      --_text: var(--consult-text, #1f2937);
      --_muted: #4b5563;
      --_surface: var(--consult-background, #ffffff);
      --_line: #d1d5db;
      --_error: #b91c1c;
      --_radius: var(--consult-radius, 14px);
      box-sizing: border-box;
      /* Scaled up on a page laid out wider than the phone (see the widget's .root). */
      zoom: var(--_fit, 1);
      width: min(480px, calc(100vw / var(--_fit, 1) - 24px));
      max-width: none;
      max-height: min(92vh / var(--_fit, 1), var(--consult-viewport-height, 100vh) - 16px);
      margin: auto;
      padding: 0;
      border: 0;
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      box-shadow: 0 12px 40px rgb(0 0 0 / 0.3);
      font-family: var(--consult-font, system-ui, -apple-system, 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', sans-serif);
      font-size: 15px;
      line-height: 1.5;
      letter-spacing: normal;
      text-align: start;
      /* A word wider than the sheet (a URL, or any word at 200% zoom) breaks rather than pushes out. */
      overflow-wrap: anywhere;
      overflow: hidden;
    }

    /* Korean breaks between words, not inside them. Only Korean: Japanese and Chinese have no
       spaces between words, so keep-all would leave a whole sentence on one line. */
    dialog:lang(ko) {
      word-break: keep-all;
    }

    dialog[open],
    dialog.warming {
      display: flex;
      flex-direction: column;
    }

    /* Laid out unseen for a moment ahead of a likely tap, where showModal() would place it. */
    dialog.warming:not([open]) {
      position: fixed;
      inset-block: 0;
      visibility: hidden;
      pointer-events: none;
    }
    dialog.unseen {
      transition: none !important;
      animation: none !important;
    }

    dialog::backdrop {
      background: rgb(17 24 39 / 0.55);
    }

    .header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 12px 12px 12px 20px;
      border-bottom: 1px solid var(--_line);
    }

    .title {
      min-width: 0;
      outline: none;
      margin: 0;
      font-size: 18px;
      font-weight: 700;
      line-height: 1.3;
      /* Lines break between words, never inside one ("consultat / ion"); Korean keeps its words
         whole too (keep-all, above), and Japanese and Chinese break between characters as usual. */
      overflow-wrap: normal;
    }

    .close {
      all: unset;
      flex: none;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 44px;
      height: 44px;
      border-radius: 50%;
      color: var(--_text);
      cursor: pointer;
    }

    .close:hover {
      background: #f3f4f6;
    }

    .body {
      padding: 16px 20px 20px;
      overflow-y: auto;
      overscroll-behavior: contain;
    }

    form {
      display: flex;
      flex-direction: column;
      gap: 14px;
      margin: 0;
    }

    .field {
      display: flex;
      flex-direction: column;
      gap: 6px;
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }

    .label {
      padding: 0;
      font-weight: 600;
      font-size: 15px;
    }

    .required {
      color: var(--_error);
    }

    .optional,
    .hint {
      color: var(--_muted);
      font-weight: 400;
      font-size: 14px;
    }

    .hint {
      margin: 0;
    }

    /* A clinic's number in a message, the directions or a notice: a target a thumb can hit, not a word.
       'tel', not 'tel:': the build's minifier writes the colon escaped and unquoted, which the JS
       template it sits in reads back as an invalid selector, dropping the rule (test/embed). */
    a[href^='tel'] {
      display: inline-flex;
      align-items: center;
      min-height: 44px;
      padding: 0 12px;
      border: 1px solid currentColor;
      border-radius: 8px;
      font-weight: 700;
      text-decoration: none;
    }

    input[type='text'],
    input[type='tel'],
    select,
    textarea {
      display: block;
      width: 100%;
      min-height: 44px;
      margin: 0;
      padding: 10px 12px;
      border: 1px solid #6b7280;
      border-radius: 8px;
      background: #ffffff;
      color: #111827;
      /* 16px or more, or iOS zooms the page when a field is focused. */
      font-family: inherit;
      font-size: 16px;
      line-height: 1.4;
    }

    textarea {
      resize: vertical;
    }

    /* Whatever scrolls a field into view (the browser above a phone's keyboard, too) keeps its label in sight. */
    .field :is(input, select, textarea) {
      scroll-margin-top: 40px;
    }

    :is(input, select, textarea)[aria-invalid='true'] {
      border-color: var(--_error);
      border-width: 2px;
    }

    :is(input, select, textarea, button, a, .policy):focus-visible {
      outline: 3px solid var(--_brand);
      outline-offset: 2px;
    }

    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
    }

    .choice,
    .check {
      display: flex;
      align-items: center;
      gap: 8px;
      min-height: 44px;
      cursor: pointer;
    }

    .check {
      align-items: flex-start;
      padding-top: 10px;
    }

    input[type='radio'],
    input[type='checkbox'] {
      flex: none;
      width: 22px;
      height: 22px;
      margin: 0;
      accent-color: var(--_brand);
    }

    .error {
      margin: 0;
      color: var(--_error);
      font-size: 14px;
    }

    .consent {
      padding: 14px;
      border-radius: 10px;
      background: #f3f4f6;
      /* What the patient agrees to: as readable as the form (older patients read it too). */
      font-size: 15px;
    }

    .consent-title {
      margin: 0 0 8px;
      font-size: 16px;
    }

    /* One grid, so the labels line up in one column whatever their length. The label column takes
       at most 35% (English labels run long; at 320px they took half), its labels then wrapping
       between words; a Japanese or Chinese label stays whole (keep-all). */
    .notice {
      display: grid;
      grid-template-columns: fit-content(35%) 1fr;
      gap: 4px 10px;
      margin: 0;
    }

    .notice div {
      display: contents;
    }

    .notice dt {
      overflow-wrap: normal;
      word-break: keep-all;
      color: var(--_muted);
      font-weight: 600;
    }

    .notice dd {
      margin: 0;
    }

    .pre,
    .policy-text {
      white-space: pre-line;
    }

    .refuse {
      margin: 8px 0;
    }

    .policy-toggle {
      all: unset;
      min-height: 44px;
      color: var(--_brand);
      font-weight: 600;
      text-decoration: underline;
      cursor: pointer;
    }

    .policy {
      max-height: 200px;
      margin-top: 6px;
      padding: 10px 12px;
      overflow-y: auto;
      border: 1px solid var(--_line);
      border-radius: 8px;
      background: #ffffff;
      font-size: 14px;
    }

    .policy[hidden],
    .marketing-notice[hidden] {
      display: none;
    }

    .policy :is(h1, h2, h3, h4, h5, h6) {
      font-size: 14px;
      margin: 8px 0 4px;
    }

    .policy table {
      border-collapse: collapse;
    }

    .policy :is(td, th) {
      border: 1px solid var(--_line);
      padding: 2px 4px;
    }

    .alert {
      padding: 12px 14px;
      border-radius: 10px;
      border: 1px solid var(--_error);
      background: #fef2f2;
      color: #7f1d1d;
      font-size: 14px;
    }

    .alert p {
      margin: 0;
    }

    .alert p + p {
      margin-top: 6px;
    }

    .sending-note {
      margin: 0;
      color: var(--_muted);
      font-size: 15px;
    }

    /* With nothing to show, it takes no room in the form (no gap) and stays a live region, ready to be heard. */
    .sending-note.quiet {
      position: absolute;
    }

    a {
      color: var(--_brand);
    }

    .nowrap {
      white-space: nowrap;
    }

    .intro {
      margin: 0;
      padding: 12px 14px;
      border-radius: 10px;
      background: #fef9c3;
      color: #3f3a0b;
      font-size: 15px;
    }

    .marketing-notice {
      margin-top: 6px;
    }

    .button {
      all: unset;
      box-sizing: border-box;
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 8px;
      width: 100%;
      min-height: 48px;
      padding: 12px 16px;
      border-radius: 10px;
      background: var(--_brand);
      color: var(--_brand-text);
      font-size: 16px;
      font-weight: 700;
      text-align: center;
      text-decoration: none;
      cursor: pointer;
    }

    .button.secondary {
      margin-top: 16px;
    }

    .button[aria-disabled='true'] {
      cursor: progress;
      opacity: 0.85;
    }


    .success {
      display: flex;
      flex-direction: column;
      gap: 8px;
      outline: none;
    }

    .success p {
      margin: 0;
    }

    .success-title {
      font-size: 18px;
      font-weight: 700;
    }

    .success .button {
      margin-top: 12px;
    }

    /* The honeypot: off-screen and clipped to nothing, so neither seen nor in the layout. */
    .hp {
      position: absolute;
      left: -10000px;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }

    /* Phones: a sheet from the bottom edge, full width, as tall as the visible viewport allows. */
    @media (max-width: 480px) {
      ${phoneSheet}
    }

    /* Short or narrow (a phone on its side or zoomed to 200%, the keyboard up): a smaller header,
       so the form keeps most of the height. */
    @media (max-width: 300px), (max-height: 420px) {
      .header {
        padding: 6px 6px 6px 12px;
      }
      .title {
        font-size: 15px;
      }
    }

    /* A phone zoomed to 200% (160–210px wide): each label above its text, which has no room beside it. */
    @media (max-width: 300px) {
      .notice {
        grid-template-columns: minmax(0, 1fr);
        gap: 0;
      }
      .notice div + div dt {
        margin-top: 6px;
      }
    }
  `,
];
