/**
 * Validation against the official Open Badges 3.0 AchievementCredential JSON Schema
 * (draft 2019-09), compiled once per process.
 */
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import Ajv2019Module from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { projectPath } from '../paths.js';

// ajv and ajv-formats are CommonJS with `exports.default`; under NodeNext the default import is
// the module object, so unwrap `.default` when present.
const Ajv2019 = ((Ajv2019Module as unknown as { default?: typeof Ajv2019Module }).default ?? Ajv2019Module);
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule);

/** Result of a schema validation. */
export interface SchemaResult {
  ok: boolean;
  /** Human-readable errors (JSON pointer + message), empty when ok. */
  errors: string[];
}

let validator: ValidateFunction | undefined;

function achievementCredentialValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(projectPath('src', 'credentials', 'schemas', 'achievementcredential.json'), 'utf8')) as object;
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Validates a credential (JSON) against the OB 3.0 AchievementCredential schema. */
export function validateAchievementCredential(credential: unknown): SchemaResult {
  const validate = achievementCredentialValidator();
  if (validate(credential)) return { ok: true, errors: [] };
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  return { ok: false, errors: [...new Set(errors)] };
}
