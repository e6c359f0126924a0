import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { createUsageSourceBody } from '../../schemas/usage-source-input.js';
import { contentResponse, jsonBody } from '../operation-helpers.js';
import { JSON_BODY_PROBLEMS, problemResponses, RATE_LIMIT_PROBLEMS } from '../problem-responses.js';
import { ingestResponse, usageSourceResponse } from '../response-schemas/tenant-resources.js';
import { AUTH_PROBLEMS, requireScope } from '../security-schemes.js';

const tags = ['Usage evidence'];
const statement = z.looseObject({}).meta({ description: 'An xAPI 1.0.3 statement: `actor` (the learner), `verb`, `object.id` (the activity), `timestamp`.' });
const statements = z.union([statement, z.array(statement).max(1000)]).meta({ description: 'One statement or an array of at most 1,000.' });
const xapiVersion = z.string().meta({ description: 'Required by xAPI: `1.0.3` (any 1.0.x).', example: '1.0.3' });
const STATEMENT_PROBLEMS = { 409: ['statement_conflict'], 413: ['batch_too_large'], 503: ['usage_fold_behind', 'service_stopping'] } as const;

/** `/v1/usage/*`, `/v1/usage-sources` and the LRS-compatible `/xapi/statements`. */
export const usagePaths: ZodOpenApiPathsObject = {
  '/v1/usage/statements': {
    post: {
      tags,
      operationId: 'sendStatements',
      summary: 'Send xAPI usage statements',
      description:
        'Tell Credence that learners applied a skill: statements whose activity matches a course’s usage rule become active days ' +
        'of recent-usage evidence on the learner’s certificate. Replays change nothing; invalid statements are reported by position ' +
        'and the others are still processed. When no statement is valid the answer is 400 `invalid_statement`. Bodies up to 5 MB.',
      security: requireScope('usage:write'),
      requestBody: jsonBody(statements),
      responses: {
        200: contentResponse('What happened to each statement.', ingestResponse),
        ...problemResponses(JSON_BODY_PROBLEMS, AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS, STATEMENT_PROBLEMS, { 400: ['invalid_statement'] }),
      },
    },
  },
  '/v1/usage-sources': {
    post: {
      tags,
      operationId: 'createUsageSource',
      summary: 'Create a usage source',
      description: 'A usage source is one sender of statements (a tool, an LRS) with its own API key, which can only send statements.',
      security: requireScope('usage-sources:manage'),
      requestBody: jsonBody(createUsageSourceBody),
      responses: {
        201: contentResponse(
          'The source and its API key: the key is shown only this once.',
          z.object({ source: usageSourceResponse, apiKey: z.string().meta({ description: 'Send as `Authorization: Bearer <key>`.' }) }),
        ),
        ...problemResponses(JSON_BODY_PROBLEMS, AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS),
      },
    },
    get: {
      tags,
      operationId: 'listUsageSources',
      summary: 'List usage sources',
      security: requireScope('usage-sources:manage'),
      responses: {
        200: contentResponse('The sources (never their keys).', z.object({ items: z.array(usageSourceResponse) })),
        ...problemResponses(AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS),
      },
    },
  },
  '/xapi/statements': {
    post: {
      tags,
      operationId: 'xapiPostStatements',
      summary: 'Store statements (LRS-compatible)',
      description:
        'The xAPI Statements resource, write-only, so an existing LRS or xAPI emitter can forward to Credence (HTTP Basic with the ' +
        'API key as user name works). All or nothing: one invalid statement refuses the batch.',
      security: requireScope('usage:write'),
      requestParams: { header: z.object({ 'X-Experience-API-Version': xapiVersion }) },
      requestBody: jsonBody(statements),
      responses: {
        200: contentResponse('The statement ids, in order.', z.array(z.string())),
        ...problemResponses(JSON_BODY_PROBLEMS, AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS, STATEMENT_PROBLEMS, {
          400: ['xapi_version_required', 'invalid_statement'],
        }),
      },
    },
    put: {
      tags,
      operationId: 'xapiPutStatement',
      summary: 'Store one statement with a given id (LRS-compatible)',
      security: requireScope('usage:write'),
      requestParams: {
        header: z.object({ 'X-Experience-API-Version': xapiVersion }),
        query: z.object({ statementId: z.uuid().meta({ description: 'The statement’s id; a body `id`, if sent, must equal it.' }) }),
      },
      requestBody: jsonBody(statement),
      responses: {
        204: { description: 'Stored (or already stored with the same content).' },
        ...problemResponses(JSON_BODY_PROBLEMS, AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS, STATEMENT_PROBLEMS, {
          400: ['xapi_version_required', 'invalid_statement'],
        }),
      },
    },
  },
};
