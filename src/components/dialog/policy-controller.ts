import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PolicyConfig } from '../../config/schema.js';
import { loadPolicy } from '../../policy/load.js';
import { sanitizeHtml } from '../../policy/sanitize.js';
import type { PolicyState } from './consent.js';

/**
 * The full privacy policy behind "see the full policy": configured text or HTML (sanitized
 * once per HTML string), or a page fetched from policy.url when first expanded. Fetched
 * policies are kept per URL, so a fetch started for one URL can only ever fill in that URL's
 * policy, and a configure() that leaves the URL alone keeps what is on screen. A failed or
 * empty fetch shows a link that opens the page itself, and is tried again on the next expand.
 */
export class PolicyController implements ReactiveController {
  expanded = false;
  private fetched = new Map<string, PolicyState>();
  private sanitized?: { html: string; content: PolicyState };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly policy: () => PolicyConfig | undefined,
  ) {
    host.addController(this);
  }

  toggle(): void {
    this.expanded = !this.expanded;
    const url = this.urlToFetch();
    if (this.expanded && url && this.fetched.get(url)?.status === 'failed') this.fetched.delete(url);
    this.host.requestUpdate();
  }

  collapse(): void {
    this.expanded = false;
  }

  /** A URL policy expanded before its configuration arrived or changed is fetched then. */
  hostUpdate(): void {
    const url = this.urlToFetch();
    if (this.expanded && url && !this.fetched.has(url)) void this.fetch(url);
  }

  private urlToFetch(): string | undefined {
    const p = this.policy();
    return p?.url && !p.html && !p.text ? p.url : undefined;
  }

  private async fetch(url: string): Promise<void> {
    this.fetched.set(url, { status: 'loading' });
    let next: PolicyState;
    try {
      next = { status: 'ready', content: await loadPolicy(url) };
    } catch {
      next = { status: 'failed', url };
    }
    this.fetched.set(url, next);
    this.host.requestUpdate();
  }

  /** What to show: configured HTML or text, the fetched page, or `builtin()` (the default notice). */
  content(builtin: () => string): PolicyState {
    const p = this.policy();
    if (p?.html) {
      if (this.sanitized?.html !== p.html) {
        let content: PolicyState;
        try {
          content = { status: 'ready', content: sanitizeHtml(p.html) };
        } catch {
          // A page that forbids our Trusted Types policy: its own notice is better than none.
          content = p.url ? { status: 'failed', url: p.url } : { status: 'ready', content: builtin(), builtin: true };
        }
        this.sanitized = { html: p.html, content };
      }
      return this.sanitized.content;
    }
    if (p?.text) return { status: 'ready', content: p.text };
    const url = this.urlToFetch();
    if (url) return this.fetched.get(url) ?? { status: 'loading' };
    return { status: 'ready', content: builtin(), builtin: true };
  }
}
