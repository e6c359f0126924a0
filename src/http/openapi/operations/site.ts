import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { privacyChoiceBody } from '../../schemas/privacy-input.js';
import { contentResponse } from '../operation-helpers.js';
import { problemResponses, RATE_LIMIT_PROBLEMS } from '../problem-responses.js';
import { htmlPage } from '../response-schemas/public-resources.js';

const tags = ['Pages'];
const page = (description: string) => contentResponse(description, htmlPage, 'text/html');
const redirect = (description: string) => ({ description, headers: z.object({ Location: z.string() }) });
const form = (schema: z.ZodType) => ({ required: true, content: { 'application/x-www-form-urlencoded': { schema } } });
const privacyPath = { path: z.object({ number: z.string().meta({ description: 'The certificate number.' }) }) };
const FORM_PROBLEMS = problemResponses(RATE_LIMIT_PROBLEMS, { 403: ['cross_origin_form'] });

/** Server-rendered pages for people: home, health, the analytics dashboard and the learner's privacy page. */
export const sitePaths: ZodOpenApiPathsObject = {
  '/': { get: { tags, operationId: 'home', summary: 'Home page with a certificate lookup', security: [], responses: { 200: page('The home page.') } } },
  '/health': {
    get: {
      tags,
      operationId: 'health',
      summary: 'Health check',
      security: [],
      responses: { 200: contentResponse('The service is up.', z.object({ status: z.literal('ok') })) },
    },
  },
  '/dashboard': {
    get: {
      tags,
      operationId: 'dashboard',
      summary: 'Adoption dashboard',
      description: 'Signed-in users see the analytics as a page; others are sent to the sign-in page.',
      security: [{ dashboardSession: ['analytics:read'] }],
      responses: { 200: page('The dashboard.'), 303: redirect('Not signed in: to `/dashboard/sign-in`.'), ...problemResponses(RATE_LIMIT_PROBLEMS, { 400: ['validation_failed'] }) },
    },
  },
  '/dashboard/sign-in': {
    get: { tags, operationId: 'dashboardSignInPage', summary: 'Dashboard sign-in page', security: [], responses: { 200: page('The sign-in form.') } },
    post: {
      tags,
      operationId: 'dashboardSignIn',
      summary: 'Sign in to the dashboard with an admin API key',
      security: [],
      requestBody: form(z.object({ apiKey: z.string(), lang: z.enum(['en', 'nb']).optional() })),
      responses: { 303: redirect('Signed in: to the dashboard.'), 401: page('The key is invalid.'), ...FORM_PROBLEMS },
    },
  },
  '/dashboard/sign-out': {
    post: {
      tags,
      operationId: 'dashboardSignOut',
      summary: 'Sign out of the dashboard',
      security: [],
      requestBody: form(z.object({ lang: z.enum(['en', 'nb']).optional() })),
      responses: { 303: redirect('Signed out: to the sign-in page.'), ...FORM_PROBLEMS },
    },
  },
  '/privacy/{number}': {
    get: {
      tags,
      operationId: 'privacyPage',
      summary: 'The learner’s privacy page',
      description: 'Reached by the secret `links.privacy` URL of a certificate: lets the learner hide usage evidence from the verify page.',
      security: [],
      requestParams: { ...privacyPath, query: z.object({ token: z.string().meta({ description: 'The secret token of the privacy link.' }) }) },
      responses: { 200: page('The privacy setting.'), ...problemResponses(RATE_LIMIT_PROBLEMS, { 404: ['privacy_link_invalid'] }) },
    },
    post: {
      tags,
      operationId: 'setPrivacy',
      summary: 'Hide or show usage evidence',
      security: [],
      requestParams: privacyPath,
      requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: privacyChoiceBody }, 'application/json': { schema: privacyChoiceBody } } },
      responses: {
        200: contentResponse('JSON requests: the new setting.', z.object({ number: z.string(), usageHidden: z.boolean() })),
        303: redirect('Form posts: back to the privacy page.'),
        ...problemResponses(RATE_LIMIT_PROBLEMS, { 400: ['validation_failed'], 404: ['privacy_link_invalid'] }),
      },
    },
  },
  '/openapi.json': {
    get: {
      tags: ['API description'],
      operationId: 'openApiDocument',
      summary: 'This API description (OpenAPI 3.1)',
      description: 'Generated from the same schemas the routes validate with; import it into your API client or code generator.',
      security: [],
      responses: { 200: contentResponse('The OpenAPI document.', z.looseObject({ openapi: z.string() })) },
    },
  },
  '/docs': {
    get: { tags: ['API description'], operationId: 'apiReference', summary: 'The API reference (this description as a page)', security: [], responses: { 200: page('The reference.') } },
  },
};
