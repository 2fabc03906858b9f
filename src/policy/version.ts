import type { PolicyConfig } from '../config/schema.js';

/**
 * Bumped whenever the built-in default notice changes its substance (2026-11-26: it names a
 * form's checkbox fields among what is collected; .2: and the page data sent with an inquiry;
 * 2026-11-27: and who processes inquiries on the clinic's behalf, policy.processor).
 */
export const BUILTIN_POLICY_VERSION = 'builtin-2026-11-27';

/**
 * Which text the patient agreed to, recorded with every inquiry. A configured version wins;
 * otherwise a short hash of the configured text, or the URL it was fetched from.
 */
export function policyVersion(policy: PolicyConfig | undefined): string {
  if (policy?.version) return policy.version;
  const own = policy?.text ?? policy?.html;
  if (own) return `text-${fnv1a(own)}`;
  if (policy?.url) return policy.url.slice(0, 64);
  return BUILTIN_POLICY_VERSION;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
