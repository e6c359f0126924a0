/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Tagged template that escapes every interpolated value unless it is already `SafeHtml`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Builds HTML from a template, escaping interpolations (arrays are joined; SafeHtml passes through). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const parts = Array.isArray(value) ? value : [value];
    out += parts.map((part) => (part instanceof SafeHtml ? part.value : escapeHtml(part))).join('');
    out += strings[i + 1] ?? '';
  });
  return new SafeHtml(out);
}

const STYLES = `
:root{--ink:#1c2430;--muted:#5a6472;--line:#d9dee5;--ok:#1b6e3a;--bad:#a4161a;--warn:#8a5a00;--accent:#2747a3;--bg:#f6f7f9}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:46rem;margin:0 auto;padding:1.5rem 1rem 3rem}header.site{display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap}
a{color:var(--accent)}h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border:1px solid var(--line);border-radius:12px;padding:1.25rem;margin:1rem 0}
.status{display:flex;gap:.75rem;align-items:center;border-radius:10px;padding:.9rem 1rem;font-weight:600}
.status.valid{background:#e6f4ea;color:var(--ok)}.status.revoked{background:#fde8e8;color:var(--bad)}.status.expired{background:#fff4e0;color:var(--warn)}
dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.35rem 1rem;margin:0}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
ul.checks{list-style:none;padding:0;margin:0}ul.checks li{padding:.3rem 0;border-bottom:1px solid var(--line)}ul.checks li:last-child{border:0}
.ok{color:var(--ok)}.fail{color:var(--bad)}.muted{color:var(--muted)}.actions{display:flex;flex-wrap:wrap;gap:.5rem}
.button{display:inline-block;padding:.5rem .9rem;border-radius:8px;border:1px solid var(--accent);text-decoration:none;font-weight:600}
.button.primary{background:var(--accent);color:#fff}nav.lang a{margin-left:.5rem}code{overflow-wrap:anywhere}
form.lookup{display:flex;gap:.5rem;flex-wrap:wrap}form.lookup input{flex:1 1 16rem;padding:.5rem;border:1px solid var(--line);border-radius:8px;font:inherit}
@media (max-width:480px){dl{grid-template-columns:1fr}dt{margin-top:.4rem}}
`;

/** A complete, self-contained HTML page (no external fonts, scripts or styles). */
export function page(options: { lang: string; title: string; head?: SafeHtml; body: SafeHtml }): string {
  return `<!doctype html>
<html lang="${escapeHtml(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${STYLES}</style>
${options.head?.value ?? ''}
</head>
<body>
${options.body.value}
</body>
</html>
`;
}
