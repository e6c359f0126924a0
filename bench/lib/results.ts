/**
 * Result tables. Each script prints its Markdown section and stores it between
 * `<!-- bench:NAME -->` markers in bench/RESULTS.md, leaving every other section alone.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineLine } from './machine.js';
import { ROOT } from './processes.js';

/** One row of a results table. */
export interface Row {
  metric: string;
  target: string;
  measured: string;
  ratio?: string;
  pass: boolean | null;
}

const verdict = (pass: boolean | null) => (pass === null ? 'info' : pass ? 'PASS' : 'FAIL');

/** A Markdown table of rows. */
export function table(rows: Row[]): string {
  const lines = ['| Metric | Target | Measured | Ratio | Result |', '|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.metric} | ${r.target} | ${r.measured} | ${r.ratio ?? '—'} | ${verdict(r.pass)} |`);
  return lines.join('\n');
}

/** The header line every section starts with: script, machine, date. */
export function runHeader(script: string): string {
  const date = process.env.BENCH_DATE ?? new Date().toISOString().slice(0, 10);
  return `_\`${script}\` — ${machineLine()} — run ${date}_`;
}

/** Replaces (or appends) the section `name` of bench/RESULTS.md with `markdown`. */
export function writeSection(name: string, markdown: string): void {
  if (process.env.BENCH_NO_WRITE === '1') return;
  const file = join(ROOT, 'bench/RESULTS.md');
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

/** Formats a number with thousands separators. */
export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
/** A ratio as a percentage with no decimals. */
export const pct = (a: number, b: number) => `${Math.round((a / b) * 100)}%`;

/**
 * Prints a script's results section (heading, run header, table, notes) and writes it into its
 * marked place in RESULTS.md.
 */
export function publishSection(options: { name: string; heading: string; rows: Row[]; notes: string[] }): void {
  const section = `## ${options.heading} (\`bench/${options.name}.ts\`)

${runHeader(`npx tsx bench/${options.name}.ts`)}

${table(options.rows)}

${options.notes.map((n) => `- ${n}`).join('\n')}
`;
  console.log(`\n${section}`);
  writeSection(options.name, section);
}
