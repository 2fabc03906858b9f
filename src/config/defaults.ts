import { BUTTON_PRESETS } from './constants.js';

/** What a setting is when configuration leaves it out; the README's table is generated from this. */
export const DEFAULTS = {
  locale: 'the page\'s <html lang> when it is one of these (zh-CN, zh-TW … count as zh), else the first of the browser\'s languages that is, else ko',
  clinicName: '"본원" in the privacy notice ("the clinic", "当院", "本院" in the other languages)',
  position: 'bottom-right',
  offsetX: 20,
  offsetY: 20,
  buttons: BUTTON_PRESETS,
  forms: 'the presets cost, kakao and consult',
  interests: 'none: forms leave their treatment or area select out',
  marketingConsent: false,
  ageConfirmation: false,
  launcherLabel: '"상담" ("Contact", "相談", "咨询" in the other languages)',
  collapseBelow: 1024,
  replyTime: '"진료일 기준 하루 안에 …" ("within one working day …" and so on in the other languages)',
  policy: 'a built-in notice generated from clinicName, retentionMonths (12) and processor',
  timeoutMs: 10000,
  retries: 3,
  format: 'json',
} as const;

export const DEFAULT_RETENTION_MONTHS = 12;
