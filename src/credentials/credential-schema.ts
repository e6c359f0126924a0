/**
 * Validation against the official Open Badges 3.0 AchievementCredential JSON Schema
 * (draft 2019-09), compiled once per process.
 */
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import Ajv2019Module from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { projectPath } from '../paths.js';

// ajv and ajv-formats are CommonJS with `exports.default`: depending on the loader (Node, SWC
// under Jest) the default import is the class itself or the module object, so unwrap.
type Ajv2019Class = typeof Ajv2019Module.default;
type AddFormats = typeof addFormatsModule.default;
const unwrap = <T>(mod: unknown): T => ((mod as { default?: T }).default ?? mod) as T;
const Ajv2019 = unwrap<Ajv2019Class>(Ajv2019Module);
const addFormats = unwrap<AddFormats>(addFormatsModule);

/** Result of a schema validation. */
export interface SchemaResult {
  ok: boolean;
  /** Human-readable errors (JSON pointer + message), empty when ok. */
  errors: string[];
}

let validator: ValidateFunction | undefined;

function achievementCredentialValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(projectPath('src', 'credentials', 'schemas', 'achievementcredential.json'), 'utf8')) as object;
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  validator = ajv.compile(schema);
  return validator;
}

/** Validates a credential (JSON) against the OB 3.0 AchievementCredential schema. */
export function validateAchievementCredential(credential: unknown): SchemaResult {
  const validate = achievementCredentialValidator();
  if (validate(credential)) return { ok: true, errors: [] };
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  return { ok: false, errors: [...new Set(errors)] };
}
