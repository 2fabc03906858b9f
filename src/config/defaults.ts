import { BUTTON_PRESETS } from './constants.js';

/** What a setting is when configuration leaves it out; the README's table is generated from this. */
export const DEFAULTS = {
  locale: 'the page\'s lang if it is ko or en; ko when the page has none, en for other languages',
  clinicName: '"본원" / "the clinic" in the privacy notice',
  position: 'bottom-right',
  offsetX: 20,
  offsetY: 20,
  buttons: BUTTON_PRESETS,
  forms: 'the presets cost, kakao and consult',
  interests: 'none: forms leave their treatment or area select out',
  marketingConsent: false,
  ageConfirmation: false,
  launcherLabel: '"상담" / "Contact"',
  collapseBelow: 1024,
  replyTime: '"진료일 기준 하루 안에 …" / "within one working day …"',
  policy: 'a built-in notice generated from clinicName and retentionMonths (12)',
  timeoutMs: 10000,
  retries: 3,
  format: 'json',
} as const;

export const DEFAULT_RETENTION_MONTHS = 12;
