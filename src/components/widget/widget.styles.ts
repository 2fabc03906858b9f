import { css } from 'lit';
import { sharedStyles } from '../../styles/shared.styles.js';

export const widgetStyles = [
  sharedStyles,
  css`
    /* Host pages style "*" and "button" freely; !important inside a shadow root outranks them. */
    :host {
      all: initial !important;
    }

    .root {
      --_brand: var(--consult-brand, #1d4ed8);
      --_brand-text: var(--consult-brand-text, #ffffff);
      --_text: var(--consult-text, #1f2937);
      --_surface: var(--consult-background, #ffffff);
      --_radius: var(--consult-radius, 14px);
      /* Every tile's edge: 4.8:1 against white, 4.2:1 against black, so it shows on any page. */
      --_edge: #6b7280;
      position: fixed;
      z-index: var(--consult-z-index, var(--_z-max));
      /* A page laid out wider than the phone (no <meta name="viewport">) is shrunk to fit it: we
         are scaled back up by as much (LayoutController), and our viewport units scaled down. */
      zoom: var(--_fit, 1);
      bottom: var(--consult-offset-y, 20px);
      right: var(--consult-offset-x, 20px);
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      gap: 8px;
      box-sizing: border-box;
      font-family: var(--consult-font, system-ui, -apple-system, 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', sans-serif);
      font-size: 13px;
      line-height: 1.35;
      letter-spacing: normal;
      color: var(--_text);
      text-align: center;
    }

    .root.left {
      right: auto;
      left: var(--consult-offset-x, 20px);
      align-items: flex-start;
    }

    /* A grid, so every button is as wide as the widest label (English runs longer than Korean). */
    .actions {
      display: grid;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .action,
    .launcher {
      all: unset;
      box-sizing: border-box;
      display: flex;
      align-items: center;
      justify-content: center;
      border: 1px solid var(--_edge);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      box-shadow: 0 2px 10px rgb(0 0 0 / 0.18);
      font: inherit;
      text-align: center;
      text-decoration: none;
      cursor: pointer;
      -webkit-tap-highlight-color: transparent;
    }

    .action {
      flex-direction: column;
      gap: 2px;
      width: 100%;
      min-width: 76px;
      max-width: 120px;
      min-height: 64px;
      padding: 8px 4px;
    }

    .action:hover {
      background: #f3f4f6;
    }

    .action:focus-visible,
    .launcher:focus-visible {
      outline: 3px solid var(--_brand);
      outline-offset: 2px;
    }

    .action.primary,
    .launcher {
      background: var(--_brand);
      color: var(--_brand-text);
    }

    .action.kakao {
      background: #fee500;
      color: #191919;
    }

    .icon {
      display: flex;
    }

    .label {
      display: block;
      font-size: 14px;
      font-weight: 600;
    }

    /* Korean words stay whole; Japanese and Chinese, without spaces, break between characters
       (keep-all made "費用のお問い合わせ" wider than its tile). */
    .root:lang(ko) .label {
      word-break: keep-all;
    }

    .sub {
      display: block;
      font-size: 13px;
      font-weight: 700;
      white-space: nowrap;
    }

    .launcher {
      display: none;
      gap: 8px;
      min-height: 56px;
      padding: 8px 20px 8px 16px;
      border-radius: 28px;
    }

    .launcher-label {
      font-size: 16px;
      font-weight: 700;
    }

    /* Read by older patients in a hurry: body-size text, the phone as a button, and a way to close it. */
    .notice {
      position: relative;
      max-width: min(260px, 100vw / var(--_fit, 1) - 40px);
      /* On a screen zoomed to 200% it would run off the top, its close button with it: it scrolls instead. */
      max-height: calc(100svh / var(--_fit, 1) - 80px - var(--consult-offset-y, 20px));
      overflow-y: auto;
      padding: 12px 44px 12px 14px;
      border-radius: 10px;
      background: #7f1d1d;
      color: #ffffff;
      font-size: 16px;
      line-height: 1.45;
      text-align: start;
    }

    .notice p {
      margin: 0;
    }

    .call {
      display: flex;
      align-items: center;
      gap: 8px;
      min-height: 44px;
      margin-top: 10px;
      padding: 0 14px;
      border-radius: 8px;
      background: #ffffff;
      color: #7f1d1d;
      font-weight: 700;
      text-decoration: none;
      white-space: nowrap;
    }

    .dismiss {
      position: absolute;
      top: 0;
      right: 0;
      width: 44px;
      height: 44px;
      border: 0;
      background: none;
      color: inherit;
      cursor: pointer;
    }

    .loading {
      position: fixed;
      inset: 0;
      z-index: var(--consult-z-index, var(--_z-max));
      display: flex;
      align-items: center;
      justify-content: center;
      background: rgb(17 24 39 / 0.55);
    }

    .loading-card {
      display: flex;
      align-items: center;
      gap: 10px;
      margin: 0;
      padding: 18px 22px;
      zoom: var(--_fit, 1);
      border-radius: var(--_radius, 14px);
      background: var(--consult-background, #ffffff);
      color: var(--consult-text, #1f2937);
      font: 15px/1.4 var(--consult-font, system-ui, sans-serif);
    }


    .notice[hidden] {
      display: none;
    }

    /* Narrower than collapseBelow (1024px unless configured), or a phone on its side: one
       launcher that expands into the column, so the buttons never cover the page. Expanded, the
       column is a sheet as tall as the screen above the launcher allows (8px left at the top), and
       scrolls inside itself when the buttons need more. */
    .compact .launcher {
      display: flex;
      order: 1;
    }
    .compact .actions:not(.expanded) {
      display: none;
    }
    .compact .actions {
      /* At least 184px wide (longer labels widen it), never wider than the screen beside the
         offset (a phone zoomed to 200% is 160-200px wide): the buttons fill what the scrollbar
         leaves, so nothing scrolls sideways. */
      min-width: min(184px,100vw / var(--_fit, 1) - var(--consult-offset-x, 20px) - 4px);
      max-width: calc(100vw / var(--_fit, 1) - var(--consult-offset-x, 20px) - 4px);
      /* The screen less the launcher's 56px, the gap, the offset and 8px at the top, rounded down
         to whole 56px steps (a button and the gap) plus 38px: when the column must scroll, the
         button at its edge shows about half, so the patient sees there is more. svh: the height
         with the address bar showing. Browsers without round() (before 2024; older Samsung
         Internet) keep the plain bound: the same room, without the half button. (Not two
         declarations: one with var() is taken whatever function it uses, and then computes to none.)
         Never under one button and half the next (94px): a short screen above a page's bottom bar
         (a phone on its side at 200%, offsetY 92) was left no button at all. */
      max-height: max(94px,100vh / var(--_fit, 1) - 90px - var(--consult-offset-y, 20px));
      overflow: hidden auto;
      /* A desktop's scrollbar at 200% zoom takes less of the buttons' width. */
      scrollbar-width: thin;
      padding: 4px;
    }
    @supports (height: round(down, 1px, 1px)) {
      .compact .actions {
        max-height: max(94px,round(down,100svh / var(--_fit, 1) - 110px - var(--consult-offset-y, 20px),56px) + 38px);
      }
    }
    .compact .action {
      flex-direction: row;
      justify-content: flex-start;
      /* 14px from 360px wide down to 4px at 160px (320px zoomed to 200%), so the phone number
         still fits beside its icon. */
      gap: min(10px,5vw / var(--_fit, 1) - 4px);
      max-width: none;
      min-height: 48px;
      padding: 8px min(14px,5vw / var(--_fit, 1) - 4px);
    }
    .compact .label {
      text-align: start;
      /* A word wider than a zoomed-in screen leaves breaks rather than pushes the button off it. */
      overflow-wrap: anywhere;
    }
  `,
];
