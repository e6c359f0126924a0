import { z } from 'zod';

/**
 * Form fields of `POST /oauth/token` (`application/x-www-form-urlencoded`, RFC 6749 §4.4.2).
 * The client authenticates with HTTP Basic or with `client_id` + `client_secret` here, not both.
 */
export const tokenRequestBody = z.object({
  grant_type: z.literal('client_credentials').meta({ description: 'Only the client credentials grant is supported.' }),
  client_id: z.string().max(128).optional().meta({ description: 'The client id (`client_secret_post`; omit when using HTTP Basic).' }),
  client_secret: z.string().max(256).optional().meta({ description: 'The client secret (`client_secret_post`; omit when using HTTP Basic).' }),
  scope: z.string().max(1024).optional().meta({ description: 'Space-separated scopes, a subset of the client\'s; omitted means all of them.' }),
  audience: z.string().max(2048).optional().meta({ description: 'The resource server the token is for; only this server\'s public URL (the default).' }),
});

/** A parsed token request body. */
export type TokenRequestBody = z.infer<typeof tokenRequestBody>;
