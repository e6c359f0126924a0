import { ISSUE_VC1_EXAMPLE, ISSUE_VC2_EXAMPLE, REVOKE_EXAMPLE } from '../../http/openapi/operations/vc-api-examples.js';
import { html, type SafeHtml } from '../html.js';
import { shellQuote } from './curl-example.js';

function step(title: string, text: SafeHtml, command: string): SafeHtml {
  return html`<li><h3>${title}</h3><p>${text}</p><pre><code>${command}</code></pre></li>`;
}

/**
 * The "Getting started" walkthrough at the top of `/docs`: from an OAuth client to issuing VC 2.0
 * and 1.1 credentials, choosing the issuer identifier, verifying and revoking.
 */
export function renderGettingStarted(publicUrl: string): SafeHtml {
  const post = (path: string, body: unknown) =>
    `curl -X POST "${publicUrl}${path}" \\\n  -H "Authorization: Bearer $TOKEN" \\\n  -H 'Content-Type: application/json' \\\n  -d ${shellQuote(JSON.stringify(body, null, 2))}`;
  const steps = [
    step(
      '1. Create an OAuth client',
      html`On the server, with the <code>credence</code> CLI, register a client for your tenant with the scopes it needs. The secret is printed once: store it safely.`,
      'npx credence client create --tenant acme --name "My issuer" \\\n  --scopes "credentials:issue credentials:status tenant:read tenant:write"',
    ),
    step(
      '2. Get an access token',
      html`Exchange the client id and secret for an access token (valid for an hour: ask again when <code>expires_in</code> runs out). Send it as <code>Authorization: Bearer</code> on every tenant call. An admin API key works in its place.`,
      `TOKEN=$(curl -s -X POST "${publicUrl}/oauth/token" \\\n  -u "$CLIENT_ID:$CLIENT_SECRET" \\\n  -d grant_type=client_credentials | jq -r .access_token)`,
    ),
    step(
      '3. Choose your issuer identifier',
      html`Credentials are signed as your tenant’s <code>did:web</code> (resolved at this server, the default) or its <code>did:key</code> (self-contained: verifiers need nothing from this server). <code>GET /v1/tenant</code> shows both in <code>issuerIds</code>; set the default for credentials that leave <code>issuer</code> out:`,
      `curl -X PATCH "${publicUrl}/v1/tenant" \\\n  -H "Authorization: Bearer $TOKEN" \\\n  -H 'Content-Type: application/json' \\\n  -d '{"issuerIdentifier": "did:key"}'`,
    ),
    step(
      '4. Issue a VC 2.0 credential',
      html`Send the credential without a proof; the answer (201) is <code>{"verifiableCredential": …}</code> with an <code>eddsa-rdfc-2022</code> proof. <code>options.credentialStatus</code> makes it revocable. Add <code>| jq .verifiableCredential &gt; credential.json</code> to keep it for step 6.`,
      post('/credentials/issue', ISSUE_VC2_EXAMPLE),
    ),
    step('5. Issue a VC 1.1 credential', html`The same call with the VC 1.1 context; <code>issuanceDate</code> is set for you when left out.`, post('/credentials/issue', ISSUE_VC1_EXAMPLE)),
    step(
      '6. Verify a credential',
      html`Anyone can verify, without credentials: yours or any other issuer’s (<code>did:key</code>, <code>did:web</code>, Data Integrity or VC-JWT). 200 means verified; 422 lists each failed check in <code>errors</code> with a stable <code>code</code>.`,
      `jq '{verifiableCredential: .}' credential.json | curl -X POST "${publicUrl}/credentials/verify" \\\n  -H 'Content-Type: application/json' -d @-`,
    ),
    step('7. Revoke a credential', html`Revocation shows in the signed status list at once; verifying the credential again answers 422 with code <code>revoked</code>.`, post('/credentials/status', REVOKE_EXAMPLE)),
  ];
  return html`<section id="getting-started"><h2>Getting started</h2>
<p>Every refusal is a 4xx <code>application/problem+json</code> body with a stable <code>code</code> and, for input, <code>errors[].field</code> naming what to fix. The OpenAPI 3.1 description behind this page is at <a href="/openapi.json"><code>/openapi.json</code></a>.</p>
<ol class="steps">${steps}</ol></section>`;
}
