import type { oas31 } from 'zod-openapi';
import { html, type SafeHtml } from '../html.js';
import { curlExample } from './curl-example.js';
import { withInlineCode } from './inline-code.js';
import { typeLabel, type JsonSchema, type SchemaComponents } from './json-schema.js';
import { schemaFields } from './schema-fields.js';

/** What one operation section needs. */
export interface OperationView {
  method: string;
  path: string;
  operation: oas31.OperationObject;
  publicUrl: string;
  components: SchemaComponents;
}

/** Ways in other than an API key or access token, in words. */
const OTHER_AUTH: Record<string, string> = {
  webhookSignature: 'a signed webhook (`Credence-Signature`)',
  dashboardSession: 'a dashboard session',
  oauthClient: 'the OAuth client’s id and secret (HTTP Basic, or `client_id` and `client_secret` in the form)',
};

/** Who may call: public, or the scope an API key or OAuth token needs (and any other way in). */
function authText(operation: oas31.OperationObject): string {
  const requirements = operation.security ?? [];
  if (requirements.every((r) => Object.keys(r).length === 0)) return 'Public: no credentials needed.';
  const scopes = [...new Set(requirements.flatMap((r) => Object.values(r).flat()))];
  const hasToken = requirements.some((r) => 'apiKey' in r || 'oauth2' in r);
  const ways = [...new Set(requirements.flatMap((r) => Object.keys(r)))].flatMap((name) => (OTHER_AUTH[name] ? [OTHER_AUTH[name]] : []));
  if (hasToken) ways.unshift(`an API key or OAuth 2.0 access token with scope ${scopes.map((s) => `\`${s}\``).join(', ')}`);
  const text = ways.join(', or ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function parametersTable(operation: oas31.OperationObject, components: SchemaComponents): SafeHtml | string {
  const parameters = (operation.parameters ?? []).filter((p): p is oas31.ParameterObject => 'in' in p);
  if (parameters.length === 0) return '';
  const rows = parameters.map(
    (p) => html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${typeLabel((p.schema ?? {}) as JsonSchema, components)}</td><td>${p.required ? 'yes' : ''}</td><td>${withInlineCode(p.description ?? (p.schema as JsonSchema | undefined)?.description)}</td></tr>`,
  );
  return html`<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Required</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function requestBodySection(operation: oas31.OperationObject, components: SchemaComponents): SafeHtml | string {
  const body = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody : undefined;
  if (!body) return '';
  const mediaTypes = Object.keys(body.content);
  const firstSchema = (Object.values(body.content)[0]?.schema ?? {}) as JsonSchema;
  const fields = schemaFields(firstSchema, components);
  const rows = fields.map(
    (f) => html`<tr><td><code>${f.name}</code></td><td>${f.type}</td><td>${f.required ? 'yes' : ''}</td><td>${withInlineCode(f.description)}</td></tr>`,
  );
  return html`<h4>Request body</h4><p>${withInlineCode(body.description)} Send as ${mediaTypes.map((t, i) => html`${i > 0 ? ', ' : ''}<code>${t}</code>`)}.</p>
${fields.length > 0 ? html`<table><thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>` : ''}`;
}

function responsesList(operation: oas31.OperationObject): SafeHtml {
  const items = Object.entries(operation.responses ?? {}).map(([status, response]) => {
    const r = response as oas31.ResponseObject;
    const types = Object.keys(r.content ?? {});
    return html`<li><strong>${status}</strong> ${withInlineCode(r.description)}${types.length > 0 ? html` <span class="muted">(${types.join(', ')})</span>` : ''}</li>`;
  });
  return html`<h4>Responses</h4><ul class="responses">${items}</ul>`;
}

/** One operation: method and path, what it does, who may call, inputs, responses and a curl example. */
export function renderOperation(view: OperationView): SafeHtml {
  const { method, path, operation, components } = view;
  return html`<section class="op" id="${operation.operationId ?? `${method}-${path}`}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${path}</code></h3>
<p class="summary">${operation.summary}</p>
${operation.description ? html`<p>${withInlineCode(operation.description)}</p>` : ''}
<p class="auth"><strong>Auth:</strong> ${withInlineCode(authText(operation))}</p>
${parametersTable(operation, components)}
${requestBodySection(operation, components)}
${responsesList(operation)}
<h4>Example</h4><pre><code>${curlExample(view)}</code></pre>
</section>`;
}
