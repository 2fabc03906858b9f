import { css } from 'lit';

/** Rules both shadow roots need. */
export const sharedStyles = css`
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  /* Read by screen readers, not shown: e.g. "(opens in a new window)". */
  .hidden-text {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
