import type { oas31 } from 'zod-openapi';
import { renderGettingStarted } from './api-docs/getting-started.js';
import { withInlineCode } from './api-docs/inline-code.js';
import type { SchemaComponents } from './api-docs/json-schema.js';
import { renderOperation, type OperationView } from './api-docs/operation-section.js';
import { html, page, SafeHtml } from './html.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const DOCS_STYLES = new SafeHtml(`<style>
main.docs{max-width:64rem}table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}th{color:var(--muted);font-weight:600}td:first-child code{white-space:nowrap}
pre{background:#1c2430;color:#f6f7f9;padding:.75rem 1rem;border-radius:8px;overflow-x:auto;font-size:.85rem}pre code{overflow-wrap:normal}
section.op{background:#fff;border:1px solid var(--line);border-radius:12px;padding:1rem 1.25rem;margin:1rem 0}
.method{display:inline-block;min-width:4.2rem;text-align:center;border-radius:6px;padding:.1rem .4rem;color:#fff;font-size:.85rem;background:var(--accent)}
.method.post{background:var(--ok)}.method.patch,.method.put{background:var(--warn)}.method.delete{background:var(--bad)}
.summary{font-weight:600}ol.steps{list-style:none;padding-left:0}nav.toc ul{columns:2;padding-left:1.2rem}h4{margin:.9rem 0 .3rem}
</style>`);

/** Every operation of the document, grouped by its first tag, in the document's tag order. */
function operationsByTag(document: oas31.OpenAPIObject, publicUrl: string): Map<string, OperationView[]> {
  const components = (document.components?.schemas ?? {}) as SchemaComponents;
  const groups = new Map<string, OperationView[]>((document.tags ?? []).map((tag) => [tag.name, []]));
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? 'Other';
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, operation, publicUrl, components }]);
    }
  }
  return groups;
}

const anchorOf = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/**
 * The API reference page: a "Getting started" walkthrough, then every operation of the OpenAPI
 * document grouped by tag. Self-contained HTML (no scripts, no external resources).
 */
export function renderApiDocsPage(document: oas31.OpenAPIObject, options: { publicUrl: string }): string {
  const groups = [...operationsByTag(document, options.publicUrl)].filter(([, views]) => views.length > 0);
  const descriptions = new Map((document.tags ?? []).map((tag) => [tag.name, tag.description]));
  const toc = groups.map(([tag]) => html`<li><a href="#${anchorOf(tag)}">${tag}</a></li>`);
  const sections = groups.map(
    ([tag, views]) => html`<section id="${anchorOf(tag)}"><h2>${tag}</h2><p>${withInlineCode(descriptions.get(tag))}</p>${views.map(renderOperation)}</section>`,
  );
  const body = html`<main class="docs"><h1>${document.info.title}</h1><p>${withInlineCode(document.info.description)}</p>
<nav class="toc"><ul><li><a href="#getting-started">Getting started</a></li>${toc}</ul></nav>
${renderGettingStarted(options.publicUrl)}
${sections}</main>`;
  return page({ lang: 'en', title: `${document.info.title} reference`, head: DOCS_STYLES, body });
}
