import type { TFunction } from 'i18next';
import type { AdoptionGroup } from '../../analytics/adoption-report.js';
import type { FollowUpList } from '../../analytics/follow-up.js';
import type { ManagerActivation } from '../../analytics/manager-activation.js';
import type { Language } from '../../i18n.js';
import { html, type SafeHtml } from '../html.js';
import { decimal, estimateText, percent, pointCell, ragBadge } from './format.js';

interface TableContext {
  t: TFunction;
  lang: Language;
}

const headers = (t: TFunction, first: string, second?: string) =>
  html`<tr><th scope="col">${first}</th>${second ? html`<th scope="col">${second}</th>` : ''}<th scope="col">${t('dashboard:table.completions')}</th><th scope="col">${t('dashboard:table.d30')}</th><th scope="col">${t('dashboard:table.d60')}</th><th scope="col">${t('dashboard:table.d90')}</th><th scope="col">${t('dashboard:table.median')}</th><th scope="col">${t('dashboard:table.neverUsed')}</th><th scope="col">${t('dashboard:table.status')}</th>`;

function adoptionCells(g: Omit<AdoptionGroup, 'key' | 'value'>, { t, lang }: TableContext): SafeHtml {
  const median = g.medianDaysToFirstUse === null ? t('analytics:notAvailable') : decimal(g.medianDaysToFirstUse, lang);
  return html`<td class="num">${g.completions}</td><td class="num">${pointCell(g.adoption.d30, lang, t)}</td><td class="num">${pointCell(g.adoption.d60, lang, t)}</td><td class="num">${pointCell(g.adoption.d90, lang, t)}</td><td class="num">${median}</td><td class="num">${g.neverUsed}</td><td>${ragBadge(g.status, t)}</td>`;
}

/**
 * A RAG table of adoption groups (cohorts, teams or courses). `label` names each row (a course
 * name rather than its id, say); `showTarget` adds each group's own target (course rows).
 */
export function groupTable(options: TableContext & { id: string; heading: string; first: string; groups: AdoptionGroup[]; label?: (key: string) => string; showTarget?: boolean }): SafeHtml {
  const { t, lang, groups } = options;
  if (groups.length === 0) return html`<p class="muted">${t('dashboard:table.empty')}</p>`;
  const withValue = groups.some((g) => g.value !== null);
  const rows = groups.map((g) => {
    const name = g.key === null ? t('analytics:noneRecorded') : (options.label?.(g.key) ?? g.key);
    return html`<tr><th scope="row">${name}</th>${adoptionCells(g, options)}${options.showTarget ? html`<td class="num">${percent(g.target ?? null, lang, t)}</td>` : ''}${withValue ? html`<td class="estimate">${estimateText(g.value, lang, t)}</td>` : ''}</tr>`;
  });
  return html`<div class="scroll"><table id="${options.id}"><caption class="vh">${options.heading}</caption><thead>${headers(t, options.first)}${options.showTarget ? html`<th scope="col">${t('dashboard:courses.target')}</th>` : ''}${withValue ? html`<th scope="col">${t('dashboard:table.value')}</th>` : ''}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** Managers with their activation and team adoption. */
export function managersTable(options: TableContext & { managers: ManagerActivation[] }): SafeHtml {
  const { t, managers } = options;
  if (managers.length === 0) return html`<p class="muted">${t('dashboard:table.empty')}</p>`;
  const rows = managers.map((m) => {
    const activated = t(m.activated ? 'dashboard:managers.yes' : 'dashboard:managers.no');
    return html`<tr><th scope="row">${m.managerId}</th><td><strong>${activated}</strong><br><span class="muted">${t('dashboard:managers.activation', m.activation)}</span></td>${adoptionCells(m, options)}</tr>`;
  });
  return html`<div class="scroll"><table id="managers-table"><caption class="vh">${t('dashboard:managers.heading')}</caption><thead>${headers(t, t('dashboard:managers.manager'), t('dashboard:managers.activated'))}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** The first learners of the follow-up list. */
export function followUpTable(options: TableContext & { list: FollowUpList }): SafeHtml {
  const { t, list } = options;
  if (list.items.length === 0) return html`<p class="muted">${t('dashboard:followUp.empty')}</p>`;
  const rows = list.items.map(
    (i) =>
      html`<tr><th scope="row">${i.name ?? i.learnerId}${i.email ? html`<br><span class="muted">${i.email}</span>` : ''}</th><td>${i.courseId}</td><td>${i.managerId ?? t('analytics:noneRecorded')}</td><td>${i.completedOn}</td><td>${i.lastActiveDay ?? '—'}</td><td>${t(`analytics:reason.${i.reason}`)}</td></tr>`,
  );
  const more = list.total > list.items.length ? html`<p class="muted">${t('dashboard:followUp.more', { shown: list.items.length, total: list.total })}</p>` : '';
  return html`<div class="scroll"><table id="follow-up-table"><caption class="vh">${t('dashboard:followUp.heading')}</caption><thead><tr><th scope="col">${t('dashboard:followUp.learner')}</th><th scope="col">${t('dashboard:followUp.course')}</th><th scope="col">${t('dashboard:followUp.manager')}</th><th scope="col">${t('dashboard:followUp.completed')}</th><th scope="col">${t('dashboard:followUp.lastActive')}</th><th scope="col">${t('dashboard:followUp.reason')}</th></tr></thead><tbody>${rows}</tbody></table></div>${more}`;
}
