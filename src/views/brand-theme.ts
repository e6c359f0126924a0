import type { TenantBranding } from '../db/schema.js';
import { isHexColor } from '../pdf/branding.js';
import { html, SafeHtml } from './html.js';

/**
 * A `<style>` element applying a tenant's colours to the page: the primary colour becomes
 * the link and button colour (PATCH /v1/tenant only accepts ones readable with white text),
 * the accent colour a decorative rule above the header. Anything that is not `#rrggbb` is
 * ignored, so stored branding can never inject CSS.
 */
export function brandTheme(branding: TenantBranding): SafeHtml {
  const rules: string[] = [];
  if (branding.primaryColor && isHexColor(branding.primaryColor)) rules.push(`:root{--accent:${branding.primaryColor}}`);
  if (branding.accentColor && isHexColor(branding.accentColor)) rules.push(`header.site{border-top:6px solid ${branding.accentColor};padding-top:.75rem}`);
  return rules.length ? html`<style>${new SafeHtml(rules.join(''))}</style>` : html``;
}
