import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import { adoptionQuery, analyticsFilterQuery, followUpQuery } from '../../schemas/analytics-query.js';
import { problemResponses, RATE_LIMIT_PROBLEMS } from '../problem-responses.js';
import { AUTH_PROBLEMS, requireScope } from '../security-schemes.js';

const tags = ['Analytics'];
const report = z.looseObject({}).meta({ description: 'The report as JSON (see the field names in the CSV header).' });
const csv = z.string().meta({ description: 'The same report as CSV (with `?format=csv` or `Accept: text/csv`).' });

/** One analytics report: JSON or CSV, by API key or a dashboard session. */
function reportOperation(options: { operationId: string; summary: string; description: string; query: z.ZodObject }): ZodOpenApiOperationObject {
  return {
    tags,
    operationId: options.operationId,
    summary: options.summary,
    description: options.description,
    security: [...requireScope('analytics:read'), { dashboardSession: ['analytics:read'] }],
    requestParams: { query: options.query },
    responses: {
      200: { description: 'The report.', content: { 'application/json': { schema: report }, 'text/csv': { schema: csv } } },
      ...problemResponses({ 400: ['validation_failed'] }, AUTH_PROBLEMS, RATE_LIMIT_PROBLEMS),
    },
  };
}

/** `/v1/analytics/*`: adoption, manager activation and follow-up lists. */
export const analyticsPaths: ZodOpenApiPathsObject = {
  '/v1/analytics/adoption': {
    get: reportOperation({
      operationId: 'adoptionReport',
      summary: 'Adoption after 30, 60 and 90 days',
      description: 'Share of completers who apply the skill weekly at 30, 60 and 90 days, by cohort, team, manager or course, with a red/amber/green status against the target.',
      query: adoptionQuery,
    }),
  },
  '/v1/analytics/managers': {
    get: reportOperation({
      operationId: 'managerActivation',
      summary: 'Adoption by manager',
      description:
        'Per manager: `activated` is true when at least one direct report used the skill in the 7 days ending today ' +
        '(on or after completing a course in scope); `activation` counts those reports (`active`) among all of them ' +
        '(`eligible`, each learner once); the adoption at 30/60/90 days is the team’s, as in the adoption report.',
      query: analyticsFilterQuery,
    }),
  },
  '/v1/analytics/follow-up': {
    get: reportOperation({
      operationId: 'followUpList',
      summary: 'Learners to follow up',
      description: 'Completers whose usage is fading, lapsed or absent, most urgent first.',
      query: followUpQuery,
    }),
  },
};
