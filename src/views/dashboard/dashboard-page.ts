import type { TFunction } from 'i18next';
import type { DashboardData } from '../../analytics/dashboard-data.js';
import type { Language } from '../../i18n.js';
import { html, page, type SafeHtml } from '../html.js';
import { adoptionChart } from './adoption-chart.js';
import { followUpTable, groupTable, managersTable } from './adoption-tables.js';
import { DASHBOARD_STYLES, languageLink } from './dashboard-styles.js';

/** The filter the page shows (validated query values). */
export interface DashboardFilter {
  courseId?: string;
  from?: string;
  to?: string;
}

function query(filter: DashboardFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v !== undefined) params.set(k, v);
  return params.toString();
}

function filterForm(data: DashboardData, filter: DashboardFilter, t: TFunction, lang: Language): SafeHtml {
  const options = data.courses.map((c) => html`<option value="${c.id}"${c.id === filter.courseId ? html` selected` : ''}>${c.name[lang] ?? c.name.en}</option>`);
  return html`<form class="filters card" method="get" action="/dashboard" aria-label="${t('dashboard:filters.heading')}">
<input type="hidden" name="lang" value="${lang}">
<div><label for="courseId">${t('dashboard:filters.course')}</label><select id="courseId" name="courseId"><option value="">${t('dashboard:filters.allCourses')}</option>${options}</select></div>
<div><label for="from">${t('dashboard:filters.from')}</label><input id="from" name="from" type="date" value="${filter.from ?? ''}"></div>
<div><label for="to">${t('dashboard:filters.to')}</label><input id="to" name="to" type="date" value="${filter.to ?? ''}"></div>
<button class="button primary" type="submit">${t('dashboard:filters.apply')}</button></form>`;
}

function downloads(filter: DashboardFilter, t: TFunction): SafeHtml {
  const all = { ...filter, courseId: undefined };
  const links: [string, string][] = [
    ['courses', `/v1/analytics/adoption?${query(all, { groupBy: 'course', format: 'csv' })}`],
    ['cohorts', `/v1/analytics/adoption?${query(filter, { groupBy: 'cohort', format: 'csv' })}`],
    ['teams', `/v1/analytics/adoption?${query(filter, { groupBy: 'team', format: 'csv' })}`],
    ['managers', `/v1/analytics/managers?${query(filter, { format: 'csv' })}`],
    ['followUp', `/v1/analytics/follow-up?${query(filter, { format: 'csv', limit: '10000' })}`],
  ];
  return html`<section class="card" aria-labelledby="downloads"><h2 id="downloads">${t('dashboard:downloads.heading')}</h2><div class="actions">${links.map(
    ([name, href]) => html`<a class="button" href="${href}" download data-csv="${name}">${t(`dashboard:downloads.${name}`)}</a>`,
  )}</div></section>`;
}

/** The signed-in dashboard: filters, course RAG table, cohort chart, teams, managers, follow-up, CSVs. */
export function renderDashboard(options: { data: DashboardData; filter: DashboardFilter; tenantName: string; t: TFunction; lang: Language }): string {
  const { data, filter, t, lang } = options;
  const ctx = { t, lang };
  const courseName = (id: string) => {
    const course = data.courses.find((c) => c.id === id);
    return course ? (course.name[lang] ?? course.name.en) : id;
  };
  const body = html`<main>
<header class="site"><span>${t('dashboard:signedInAs', { tenant: options.tenantName })}</span>${languageLink('/dashboard', lang, t, query(filter))}
<form class="inline" method="post" action="/dashboard/sign-out"><input type="hidden" name="lang" value="${lang}"><button class="button" type="submit">${t('dashboard:signOut')}</button></form></header>
<h1>${t('dashboard:title')}</h1>
<p class="muted">${t('dashboard:asOf', { date: data.cohorts.asOf })}</p>
${filterForm(data, filter, t, lang)}
<section aria-labelledby="courses"><h2 id="courses">${t('dashboard:courses.heading')}</h2>
${groupTable({ ...ctx, id: 'courses-table', heading: t('dashboard:courses.heading'), first: t('dashboard:courses.course'), groups: data.byCourse.groups, label: courseName, showTarget: true })}</section>
<section aria-labelledby="chart"><h2 id="chart">${t('dashboard:chart.heading')}</h2>
${adoptionChart({ ...ctx, groups: data.cohorts.groups, target: data.cohorts.target })}
${groupTable({ ...ctx, id: 'cohorts-table', heading: t('dashboard:cohorts.heading'), first: t('dashboard:table.cohort'), groups: data.cohorts.groups })}</section>
<section aria-labelledby="teams"><h2 id="teams">${t('dashboard:teams.heading')}</h2>
${groupTable({ ...ctx, id: 'teams-table', heading: t('dashboard:teams.heading'), first: t('dashboard:table.team'), groups: data.teams.groups })}</section>
<section aria-labelledby="managers"><h2 id="managers">${t('dashboard:managers.heading')}</h2>${managersTable({ ...ctx, managers: data.managers.managers })}</section>
<section aria-labelledby="follow-up"><h2 id="follow-up">${t('dashboard:followUp.heading')}</h2><p>${t('dashboard:followUp.intro')}</p>${followUpTable({ ...ctx, list: data.followUp })}</section>
${downloads(filter, t)}
</main>`;
  return page({ lang, title: t('dashboard:title'), head: DASHBOARD_STYLES, body });
}
