import { createHash } from 'node:crypto';
import { SafeHtml } from './html.js';

// Progressive enhancement: without script the page still shows the link in a read-only field;
// the script only reveals the "Copy link" button and announces success in the live region.
const SOURCE = `(function () {
  var button = document.getElementById('copy-link');
  var field = document.getElementById('share-url');
  var status = document.getElementById('copy-status');
  if (!button || !field || !status) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    var done = function () { status.textContent = button.getAttribute('data-copied'); };
    field.select();
    if (navigator.clipboard) navigator.clipboard.writeText(field.value).then(done, function () {});
    else if (document.execCommand('copy')) done();
  });
})();`;

/** The copy-link `<script>` element (static text, so its CSP hash is fixed). */
export const COPY_LINK_SCRIPT = new SafeHtml(`<script>${SOURCE}</script>`);

const HASH_SOURCE = `'sha256-${createHash('sha256').update(SOURCE).digest('base64')}'`;

/**
 * The page's Content-Security-Policy with the copy-link script allowed by its hash: no other
 * inline or remote script can run, so the strict policy stays strict.
 */
export function allowCopyLinkScript(csp: string): string {
  return `${csp}; script-src ${HASH_SOURCE}`;
}
