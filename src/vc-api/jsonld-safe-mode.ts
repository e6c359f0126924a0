/**
 * JSON-LD safe mode for credentials to sign: every property and type must be defined by the
 * credential's contexts, every IRI absolute, every context bundled. What safe mode would drop
 * or misread is refused (a signature over dropped data would not cover it).
 *
 * Note on VC 2.0: the base context `https://www.w3.org/ns/credentials/v2` as published in the
 * W3C Recommendation (and bundled here) has no `@vocab`, so an undefined term is refused in 2.0
 * credentials just as in 1.1 ones; add a context that defines it (e.g. the VC examples context,
 * which has its own `@vocab`).
 */
import jsonld from 'jsonld';
import { AppError } from '../errors.js';
import { createDocumentLoader, getBundledContext } from '../credentials/document-loader.js';
import { expandWithTemplate } from '../credentials/expansion-templates.js';
import { isAbsoluteUrl } from './credential-input-rules.js';

type Path = Array<string | number>;

/** Contexts only: safe mode never needs a DID document. */
const contextLoader = createDocumentLoader();

/** What jsonld attaches to a safe-mode error. */
interface JsonLdErrorDetails {
  code?: string;
  url?: string;
  event?: { code?: string; details?: Record<string, unknown> };
}

const fieldOf = (path: Path | undefined, fallback: Path): string => ['credential', ...(path ?? fallback)].join('.');
const refuse = (code: string, field: string, detail: string): AppError => new AppError(code, 422, `${field}: ${detail}`, { field });

/** Depth-first path of the first place where `match(key, value)` holds. */
function locate(value: unknown, match: (key: string, child: unknown) => boolean, path: Path = []): Path | undefined {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = locate(item, match, [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (match(key, child)) return [...path, key];
      const found = locate(child, match, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Path of a string equal to `text` under one of `keys` (any key when null), directly or in an array. */
function locateValue(credential: object, keys: string[] | null, text: unknown): Path | undefined {
  const path = locate(credential, (key, child) => (!keys || keys.includes(key)) && (child === text || (Array.isArray(child) && child.includes(text))));
  if (!path) return undefined;
  const holder = path.reduce<unknown>((node, part) => (node as Record<string | number, unknown>)[part], credential);
  return Array.isArray(holder) ? [...path, holder.indexOf(text)] : path;
}

function checkTopLevelContexts(credential: Record<string, unknown>): void {
  const contexts = Array.isArray(credential['@context']) ? credential['@context'] : [credential['@context']];
  contexts.forEach((context, i) => {
    const field = `credential.@context.${i}`;
    if (typeof context === 'string') {
      if (!isAbsoluteUrl(context)) throw refuse('jsonld_relative_context', field, 'context URLs must be absolute');
      if (!getBundledContext(context)) throw refuse('jsonld_unknown_context', field, 'this context is not supported (contexts are never fetched)');
    } else if (!context || typeof context !== 'object' || Array.isArray(context)) {
      throw refuse('invalid_context', field, 'must be a context URL or object');
    }
  });
}

/**
 * Turns a jsonld error into a 422 naming the field; anything else is not an input problem,
 * except a RangeError (call stack or size exceeded): only the input can cause it, so it is a 422
 * too, never a 500.
 */
function refusalOf(error: unknown, credential: object): AppError | undefined {
  if (error instanceof RangeError) return refuse('jsonld_invalid', 'credential', 'JSON-LD processing failed: the credential is too deeply nested or too large to process');
  const name = error instanceof Error ? error.name : '';
  if (!name.startsWith('jsonld.')) return undefined;
  const details = ((error as { details?: JsonLdErrorDetails }).details ?? {}) as JsonLdErrorDetails;
  const event = details.event;
  const info = event?.details ?? {};
  switch (event?.code ?? details.code) {
    case 'invalid property': {
      const term = String(info.property);
      return refuse('jsonld_undefined_term', fieldOf(locate(credential, (key) => key === term), []), `"${term}" is not defined by the credential's contexts`);
    }
    case 'relative @type reference':
      return refuse('jsonld_undefined_type', fieldOf(locateValue(credential, ['type', '@type'], info.type), ['type']), `type "${String(info.type)}" is not defined by the credential's contexts`);
    case 'relative @id reference':
      return refuse('jsonld_relative_iri', fieldOf(locateValue(credential, null, info.id), []), `"${String(info.id)}" is not an absolute IRI`);
    case 'loading remote context failed': {
      const code = isAbsoluteUrl(details.url) ? 'jsonld_unknown_context' : 'jsonld_relative_context';
      return refuse(code, fieldOf(locateValue(credential, ['@context'], details.url), ['@context']), `context ${String(details.url)} cannot be loaded (contexts are never fetched)`);
    }
    default:
      return refuse('jsonld_invalid', 'credential', `JSON-LD processing failed: ${event?.code ?? details.code ?? (error as Error).message}`);
  }
}

/**
 * Refuses (422, naming the field) a credential that JSON-LD safe mode would not sign as is: a
 * relative or unbundled `@context` URL (`jsonld_relative_context`, `jsonld_unknown_context`), a
 * property its contexts do not define (`jsonld_undefined_term`), an undefined type
 * (`jsonld_undefined_type`), a relative IRI (`jsonld_relative_iri`), other JSON-LD errors
 * (`jsonld_invalid`, also for input too deep or large to expand). A shape seen before is checked
 * through its memoised expansion (the same safe-mode result, far cheaper); a new or failing
 * shape runs the full expansion.
 */
export async function assertJsonLdSafe(credential: Record<string, unknown>): Promise<void> {
  checkTopLevelContexts(credential);
  try {
    if (await expandWithTemplate(credential)) return;
    await jsonld.expand(credential, { documentLoader: contextLoader, safe: true, base: null });
  } catch (error) {
    throw refusalOf(error, credential) ?? error;
  }
}
