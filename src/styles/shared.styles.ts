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

  /* "Opening the form…" on the buttons, "Sending…" in the dialog. */
  .spinner {
    width: 18px;
    height: 18px;
    border: 3px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: consult-spin 0.8s linear infinite;
  }

  @keyframes consult-spin {
    to {
      transform: rotate(360deg);
    }
  }

  /* Slower: the words beside it say what is happening. */
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
`;
