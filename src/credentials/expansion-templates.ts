/**
 * Memoised JSON-LD expansion for documents that share a shape.
 *
 * Why: with the VC 2.0 + OB 3.0 contexts, jsonld spends ~90% of a sign in context
 * processing (it deep-clones the active context at every type-scoped node). The expanded
 * form of a document depends on its structure, keys, types and contexts, but a string leaf
 * only ever lands verbatim in an `@value` (literal) or, when it is an absolute IRI, in an
 * `@id`. So we expand each *shape* once with the stock jsonld (strings replaced by slot
 * IRIs), remember where every slot landed, and later fill the slots with real values.
 * The RDF conversion and RDFC-1.0 canonicalisation still run on the real values with the
 * stock libraries: the canonical N-Quads are identical to the stock pipeline's (tested).
 *
 * Anything unusual returns `null` so the caller falls back to stock expansion: contexts that
 * are not bundled, a slot that lands anywhere but a bare `@value`/`@id`, a value placed in an
 * IRI position that is not a plain absolute IRI, or input that contains slot-like strings.
 */
import jsonld from 'jsonld';
import { bundledContextUrls, createDocumentLoader, getBundledContext } from './document-loader.js';

const SLOT_PREFIX = 'urn:x-credence-slot:';
/** Values of these keys stay in the shape (they select type-scoped contexts or are vocab terms). */
const CONSTANT_KEYS = new Set(['@context', 'type', '@type', 'proofPurpose', 'cryptosuite', 'statusPurpose', 'identityType']);
/** jsonld's absolute-IRI test (`isAbsolute` in jsonld/lib/url.js). */
const ABSOLUTE_IRI = /^([A-Za-z][A-Za-z0-9+\-.]*|_):[^\s]*$/;
const MAX_TEMPLATES = 500;
const INVALID = Symbol('invalid');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Slot = { kind: 'literal' | 'iri' };
interface Template {
  expanded: Json;
  slots: Slot[];
}

const templates = new Map<string, Template | null>();
const loader = createDocumentLoader();
let termCache: { count: number; terms: Set<string> } | undefined;

/** Every term defined anywhere (including scoped contexts) in the bundled contexts. */
function definedTerms(): Set<string> {
  const urls = bundledContextUrls();
  if (termCache?.count === urls.length) return termCache.terms;
  const terms = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        terms.add(key);
        visit(child);
      }
    }
  };
  for (const url of urls) visit(getBundledContext(url));
  termCache = { count: urls.length, terms };
  return terms;
}

/** A value that expands to itself wherever an IRI is expected (no compact-IRI or term match). */
function isPlainAbsoluteIri(value: string): boolean {
  if (!ABSOLUTE_IRI.test(value) || value.startsWith('_:')) return false;
  const colon = value.indexOf(':');
  const terms = definedTerms();
  if (terms.has(value)) return false;
  return value.startsWith('//', colon + 1) || !terms.has(value.slice(0, colon));
}

/** Replaces slot-able strings by slot IRIs; returns null when the input is unsupported. */
function skeletonOf(document: object): { skeleton: Json; values: string[] } | null {
  const values: string[] = [];
  let ok = true;
  const contextsOk = (context: unknown): boolean => {
    const list = Array.isArray(context) ? context : [context];
    return list.every((c) => typeof c !== 'string' || getBundledContext(c) !== undefined);
  };
  const walk = (value: unknown, constant: boolean): Json => {
    if (typeof value === 'string') {
      if (value.startsWith(SLOT_PREFIX)) ok = false;
      if (constant) return value;
      values.push(value);
      return SLOT_PREFIX + (values.length - 1);
    }
    if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, constant));
    if (typeof value === 'object') {
      const out: { [key: string]: Json } = {};
      for (const [key, child] of Object.entries(value)) {
        if (key === '__proto__' || (key === '@context' && !contextsOk(child))) ok = false;
        out[key] = walk(child, constant || CONSTANT_KEYS.has(key));
      }
      return out;
    }
    ok = false;
    return null;
  };
  const skeleton = walk(document, false);
  return ok ? { skeleton, values } : null;
}

/** Records where each slot landed in the expanded skeleton; null when any landed elsewhere. */
function locateSlots(expanded: Json, slotCount: number): Slot[] | null {
  const slots = new Array<Slot | undefined>(slotCount);
  let ok = true;
  const claim = (text: string, kind: Slot['kind']): void => {
    const index = Number(text.slice(SLOT_PREFIX.length));
    if (!Number.isInteger(index) || index >= slotCount || slots[index]) ok = false;
    else slots[index] = { kind };
  };
  const walk = (value: Json, parentKey: string | undefined): void => {
    if (typeof value === 'string') {
      if (!value.includes(SLOT_PREFIX)) return;
      if (value.startsWith(SLOT_PREFIX) && parentKey === '@value') claim(value, 'literal');
      else if (value.startsWith(SLOT_PREFIX) && parentKey === '@id') claim(value, 'iri');
      else ok = false;
    } else if (Array.isArray(value)) {
      // A slot inside an array under @value/@id (e.g. a JSON literal) is not a bare slot: reject.
      for (const item of value) walk(item, parentKey === '@value' || parentKey === '@id' ? '' : parentKey);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key.includes(SLOT_PREFIX)) ok = false;
        walk(child, key);
      }
    }
  };
  walk(expanded, undefined);
  if (!ok || slots.some((slot) => slot === undefined)) return null;
  return slots as Slot[];
}

async function buildTemplate(skeleton: Json, slotCount: number): Promise<Template | null> {
  let expanded: Json;
  try {
    expanded = (await jsonld.expand(skeleton as object, { documentLoader: loader, safe: true, base: null })) as Json;
  } catch {
    return null;
  }
  const slots = locateSlots(expanded, slotCount);
  return slots ? { expanded, slots } : null;
}

function fill(value: Json, values: readonly string[], slots: readonly Slot[]): Json | typeof INVALID {
  if (typeof value === 'string') {
    if (!value.startsWith(SLOT_PREFIX)) return value;
    const index = Number(value.slice(SLOT_PREFIX.length));
    const real = values[index] as string;
    if ((slots[index] as Slot).kind === 'iri' && !isPlainAbsoluteIri(real)) return INVALID;
    return real;
  }
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const item of value) {
      const filled = fill(item, values, slots);
      if (filled === INVALID) return INVALID;
      out.push(filled);
    }
    return out;
  }
  if (value && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value)) {
      const filled = fill(value[key] as Json, values, slots);
      if (filled === INVALID) return INVALID;
      out[key] = filled;
    }
    return out;
  }
  return value;
}
/**
 * The JSON-LD expanded form of `document` (safe mode, base null), from a per-shape template,
 * or `null` when the document is outside what templates support (use stock expansion then).
 */
export async function expandWithTemplate(document: object): Promise<unknown[] | null> {
  const parsed = skeletonOf(document);
  if (!parsed) return null;
  const key = JSON.stringify(parsed.skeleton);
  let template = templates.get(key);
  if (template === undefined) {
    template = await buildTemplate(parsed.skeleton, parsed.values.length);
    if (templates.size >= MAX_TEMPLATES) {
      const oldest = templates.keys().next().value;
      if (oldest !== undefined) templates.delete(oldest);
    }
    templates.set(key, template);
  }
  if (!template) return null;
  const filled = fill(template.expanded, parsed.values, template.slots);
  return filled === INVALID ? null : (filled as unknown[]);
}

/** Number of cached shapes (for tests and metrics). */
export function expansionTemplateCount(): number {
  return templates.size;
}
