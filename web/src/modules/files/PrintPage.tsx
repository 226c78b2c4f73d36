/**
 * 一人一档 for the paper archive: everything on the child's file, laid out for A4, printed by the
 * browser (to paper or PDF). On screen it shows as a sheet of paper with a toolbar; in print the
 * application frame, menu and buttons disappear, each page carries the title, "内部资料 注意保密",
 * who printed it and when, and the record lists start on new pages. Printing is audited.
 */
import { useEffect, useMemo, type ReactNode } from 'react';
import { Alert, App, Button, Flex, Result, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import type { ChildFile } from '@common/children';
import type { Assistance, CarePlan, Problem } from '@common/casework';
import type { Visit } from '@common/visits';
import { ApiError, api, seg } from '../../api/client';
import { useMe } from '../../auth/useAuth';
import { formatDate, formatDateTime } from '../../components/format';
import { useApi } from '../../hooks/useApi';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { isMessageKey, type MessageKey } from '../../locales/zh-CN';
import { formatSize } from './download';
import type { Attachment } from './types';

/** A list from another module: null when that module is not there (404), an error to show otherwise. */
type Part<T> = { items: T[]; total?: number } | null | { error: string };

async function optional<T>(path: string, query?: Record<string, string | number>): Promise<Part<T>> {
  try {
    const r = await api.get<{ items: T[]; total?: number }>(path, query);
    return { items: r.items ?? [], total: r.total };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    return { error: err instanceof ApiError && err.message ? err.message : String(err) };
  }
}

const VISIT_LIMIT = 200;

/** A CSS string literal: quotes, backslashes and line breaks escaped. */
const cssString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;

export default function PrintPage() {
  const t = useT();
  const me = useMe();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const printedAt = useMemo(() => dayjs().format('YYYY-MM-DD HH:mm'), []);
  const file = useApi(() => api.get<ChildFile>(`/api/children/${seg(id)}`), [id]);
  const parts = useApi(async () => {
    const [visits, problems, assistance, carePlans, attachments] = await Promise.all([
      optional<Visit>(`/api/children/${seg(id)}/visits`, { pageSize: VISIT_LIMIT }),
      optional<Problem>(`/api/children/${seg(id)}/problems`),
      optional<Assistance>(`/api/children/${seg(id)}/assistance`),
      optional<CarePlan>(`/api/children/${seg(id)}/care-plans`),
      optional<Attachment>(`/api/children/${seg(id)}/attachments`),
    ]);
    return { visits, problems, assistance, carePlans, attachments };
  }, [id]);

  useEffect(() => {
    const before = document.title;
    if (file.data) document.title = t('files.print.docTitle', { name: file.data.name });
    return () => { document.title = before; };
  }, [file.data, t]);

  const print = async () => {
    try {
      // Printing a child's file is recorded like viewing it (security requirement 15).
      await api.post(`/api/children/${seg(id)}/print-log`);
    } catch (err) {
      showError(err);
      return;
    }
    window.print();
  };

  if (file.loading || parts.loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (file.error instanceof ApiError && (file.error.status === 404 || file.error.status === 400)) {
    return <Result status="404" title={t('files.print.notFound')} extra={<Button onClick={() => navigate('/children')}>{t('files.print.backToList')}</Button>} />;
  }
  if (!file.data) return <Result status="error" title={t('files.print.loadFailed')} extra={<Button onClick={file.reload}>{t('files.print.retry')}</Button>} />;
  const f = file.data;
  const who = `${me.user.displayName}（${me.unit.name}）`;

  const pageCss = `
@page {
  size: A4;
  margin: 18mm 14mm 18mm 14mm;
  @top-left { content: ${cssString(t('files.print.title'))}; font-size: 9pt; color: #444; }
  @top-right { content: ${cssString(t('files.print.secret'))}; font-size: 9pt; color: #c00; font-weight: bold; }
  @bottom-left { content: ${cssString(t('files.print.footer', { user: who, time: printedAt }))}; font-size: 8pt; color: #555; }
  @bottom-right { content: ${cssString(t('files.print.pageOf'))}; font-size: 8pt; color: #555; }
}`.replace('PAGE_NO', '" counter(page) "').replace('PAGES_NO', '" counter(pages) "');

  return (
    <div className="print-root">
      <style>{pageCss}{PRINT_CSS}</style>
      <Flex className="no-print" justify="space-between" align="center" gap={8} wrap style={{ maxWidth: '210mm', margin: '0 auto 12px' }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/children/${seg(id)}`)}>{t('files.print.back')}</Button>
        <Flex gap={8} align="center">
          <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{t('files.print.hint')}</span>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => { void print().catch(() => message.error(t('files.print.failed'))); }}>
            {t('files.print.button')}
          </Button>
        </Flex>
      </Flex>
      <article className="print-paper">
        <header className="print-head">
          <div className="print-head-title">
            <h1>{t('files.print.title')}</h1>
            <span className="print-secret">{t('files.print.secret')}</span>
          </div>
          <div className="print-head-meta">
            <span>{t('files.print.childLine', { name: f.name, area: `${f.streetName} ${f.committeeName}` })}</span>
            <span>{t('files.print.printedBy', { user: who, time: printedAt })}</span>
          </div>
        </header>
        <FileSections file={f} />
        <RecordSections {...(parts.data ?? { visits: null, problems: null, assistance: null, carePlans: null, attachments: null })} />
        <Signatures />
      </article>
    </div>
  );
}

const PRINT_CSS = `
.print-paper { background: #fff; width: 210mm; max-width: 100%; box-sizing: border-box; margin: 0 auto; padding: 16mm 14mm; box-shadow: 0 1px 6px rgba(0,0,0,.12);
  color: #000; font-size: 10.5pt; line-height: 1.55; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
.print-head { border-bottom: 2px solid #000; padding-bottom: 6px; margin-bottom: 12px; }
.print-head-title { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; }
.print-head h1 { font-size: 18pt; margin: 0; letter-spacing: 2px; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.print-secret { border: 1.5px solid #c00; color: #c00; padding: 1px 8px; font-weight: bold; font-size: 10pt; white-space: nowrap; }
.print-head-meta { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 4px 16px; margin-top: 6px; font-size: 9pt; color: #333; }
.print-paper h2 { font-size: 12.5pt; margin: 16px 0 6px; padding-left: 6px; border-left: 4px solid #000; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.print-paper h3 { font-size: 11pt; margin: 10px 0 4px; }
/* Separate borders (right and bottom on each cell, left on the table, top on the first row and on
   the header repeated on every page): a table broken across pages keeps its lines where they belong. */
.print-table { width: 100%; border-collapse: separate; border-spacing: 0; border-left: 1px solid #555; table-layout: fixed; margin-bottom: 6px; }
.print-table th, .print-table td { border-right: 1px solid #555; border-bottom: 1px solid #555; padding: 3px 5px; vertical-align: top; word-break: break-all; overflow-wrap: anywhere; }
.print-table thead th, .print-table tbody:first-child tr:first-child > * { border-top: 1px solid #555; }
.print-table th { background: #f0f0f0; font-weight: normal; text-align: left; }
.print-kv th { width: 15%; }
.print-kv td { width: 35%; }
.print-muted { color: #666; }
.print-empty { color: #666; padding: 2px 0 6px; }
.print-pre { white-space: pre-wrap; }
.print-sign { display: grid; grid-template-columns: 1fr 1fr; gap: 18px 24px; margin-top: 24px; }
.print-sign div { border-bottom: 1px solid #000; padding: 24px 0 2px; }
@media print {
  html, body, #root { background: #fff !important; }
  .ant-layout-sider, .ant-layout-header, .ant-layout-footer, .ant-breadcrumb, .ant-drawer, .ant-message, .ant-notification, .ant-float-btn, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; margin: 0 !important; background: #fff !important; min-height: 0 !important; }
  .print-paper { width: auto; padding: 0; margin: 0; box-shadow: none; font-size: 10pt; }
  /* No forced page breaks: a section that starts a sheet left pages of three lines; headings keep with what follows instead. */
  .print-break { break-before: auto; }
  .print-paper h2, .print-paper h3 { break-after: avoid; }
  .print-block, .print-table tr, .print-sign { break-inside: avoid; }
  .print-paper h2 { break-after: avoid; }
  .print-table thead { display: table-header-group; }
  .print-table th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

// ---------------------------------------------------------------------------------------------

function useLabel() {
  const t = useT();
  return (key: string, fallback?: string | null): string => (isMessageKey(key) ? t(key as MessageKey) : fallback ?? key.split('.').pop() ?? '');
}
const dash = (v: ReactNode | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`);

/** A two-pairs-per-row form table, as on paper forms. */
function KeyValues({ rows }: { rows: [string, ReactNode][] }) {
  const pairs: [string, ReactNode][][] = [];
  for (let i = 0; i < rows.length; i += 2) pairs.push(rows.slice(i, i + 2));
  return (
    <table className="print-table print-kv">
      <tbody>
        {pairs.map((p, i) => (
          <tr key={i}>
            {p.map(([k, v]) => [<th key={`${k}-k`}>{k}</th>, <td key={`${k}-v`} colSpan={p.length === 1 ? 3 : 1}>{dash(v)}</td>])}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Grid<T>({ columns, rows, empty }: { columns: { title: string; width?: string; render: (r: T) => ReactNode }[]; rows: T[]; empty: string }) {
  if (!rows.length) return <div className="print-empty">{empty}</div>;
  return (
    <table className="print-table">
      <colgroup>{columns.map((c) => <col key={c.title} style={c.width ? { width: c.width } : undefined} />)}</colgroup>
      <thead><tr>{columns.map((c) => <th key={c.title}>{c.title}</th>)}</tr></thead>
      <tbody>{rows.map((r, i) => <tr key={i}>{columns.map((c) => <td key={c.title}>{dash(c.render(r))}</td>)}</tr>)}</tbody>
    </table>
  );
}

function FileSections({ file: f }: { file: ChildFile }) {
  const t = useT();
  const label = useLabel();
  const status = f.status === 'active' ? t('files.print.active') : t('files.print.closed', { reason: label(`files.closeReason.${f.closedReason}`, f.closedReason), date: formatDate(f.closedOn) });
  const memberStatus = (m: ChildFile['members'][number]) => {
    const s = label(`files.memberStatus.${m.status}`, m.status);
    if (m.statusUntil) return t('files.print.statusUntil', { status: s, date: formatDate(m.statusUntil) });
    if (m.statusSince) return t('files.print.statusSince', { status: s, date: formatDate(m.statusSince) });
    return s;
  };
  return (
    <>
      <section className="print-block">
        <h2>{t('files.print.s.basic')}</h2>
        <KeyValues rows={[
          [t('files.print.f.name'), f.name],
          [t('files.print.f.sex'), t(f.sex === 'M' ? 'files.print.male' : 'files.print.female')],
          [t('files.print.f.birth'), t('files.print.birthAge', { date: formatDate(f.birthDate), age: f.age })],
          [t('files.print.f.idNumber'), f.idNumberMasked ?? (f.noIdNote ? t('files.print.noId', { note: f.noIdNote }) : null)],
          [t('files.print.f.ethnicity'), f.ethnicity],
          [t('files.print.f.hukou'), t(f.hukou === 'local' ? 'files.print.hukouLocal' : 'files.print.hukouOther')],
          [t('files.print.f.hukouAddress'), f.hukouAddressMasked],
          [t('files.print.f.residence'), f.residenceAddressMasked],
          [t('files.print.f.phone'), f.phoneMasked],
          [t('files.print.f.area'), `${f.streetName} ${f.committeeName}`],
          [t('files.print.f.registeredOn'), formatDate(f.registeredOn)],
          [t('files.print.f.status'), status],
        ]} />
        <div className="print-muted" style={{ fontSize: '8.5pt' }}>{t('files.print.maskedNote')}</div>
      </section>

      <section className="print-block">
        <h2>{t('files.print.s.categories')}</h2>
        <KeyValues rows={[
          [t('files.print.f.risk'), label(`files.risk.${f.riskLevel}`, f.riskLevel)],
          [t('files.print.f.riskOn'), formatDate(f.riskAssessedOn)],
          [t('files.print.f.riskReason'), f.riskReason],
          [t('files.print.f.lastVisit'), formatDate(f.lastVisitOn)],
          [t('files.print.f.nextVisit'), f.nextVisitDue ? `${formatDate(f.nextVisitDue)}${f.overdueDays ? t('files.print.overdue', { days: f.overdueDays }) : ''}` : null],
        ]} />
        <Grid
          columns={[
            { title: t('files.print.c.category'), width: '34%', render: (c: ChildFile['categories'][number]) => c.label },
            { title: t('files.print.c.since'), width: '16%', render: (c) => formatDate(c.since) },
            { title: t('files.print.c.until'), width: '16%', render: (c) => (c.until ? formatDate(c.until) : t('files.print.current')) },
            { title: t('files.print.c.source'), render: (c) => c.sourceNote },
          ]}
          rows={f.categories}
          empty={t('files.print.none')}
        />
      </section>

      <section className="print-block">
        <h2>{t('files.print.s.family')}</h2>
        <Grid
          columns={[
            { title: t('files.print.c.name'), width: '12%', render: (m: ChildFile['members'][number]) => m.name },
            { title: t('files.print.c.relation'), width: '9%', render: (m) => m.relation },
            { title: t('files.print.c.role'), width: '11%', render: (m) => label(`files.role.${m.role}`, m.role) },
            { title: t('files.print.c.idNumber'), width: '21%', render: (m) => m.idNumberMasked },
            { title: t('files.print.c.phone'), width: '13%', render: (m) => m.phoneMasked },
            { title: t('files.print.c.status'), width: '20%', render: memberStatus },
            { title: t('files.print.c.note'), render: (m) => [m.disabilityType ? t('files.print.disability', { type: m.disabilityType, grade: m.disabilityGrade ?? '—' }) : null, m.note].filter(Boolean).join('；') },
          ]}
          rows={f.members}
          empty={t('files.print.none')}
        />
        <KeyValues rows={[
          [t('files.print.f.mentor'), f.mentor ? `${f.mentor.name}（${f.mentor.organisation}）` : t('files.print.notAssigned')],
          [t('files.print.f.buddy'), f.buddy ? `${f.buddy.name}（${f.buddy.organisation}）` : t('files.print.notAssigned')],
        ]} />
      </section>

      <section className="print-block">
        <h2>{t('files.print.s.school')}</h2>
        <KeyValues rows={[
          [t('files.print.f.schoolStage'), f.schoolStage],
          [t('files.print.f.school'), [f.schoolName, f.schoolGrade].filter(Boolean).join(' ')],
          [t('files.print.f.disability'), f.disabilityType ? t('files.print.disability', { type: f.disabilityType, grade: f.disabilityGrade ?? '—' }) : null],
          [t('files.print.f.illness'), f.seriousIllness],
          [t('files.print.f.mental'), f.restricted.includes('mentalHealthNote') ? t('files.print.restricted') : f.mentalHealthNote],
        ]} />
      </section>

      <section className="print-block">
        <h2>{t('files.print.s.economy')}</h2>
        <KeyValues rows={[
          [t('files.print.f.household'), f.householdSize === null ? null : t('files.print.persons', { n: f.householdSize })],
          [t('files.print.f.income'), yuan(f.monthlyIncomeFen)],
          [t('files.print.f.assets'), f.assetsFen === null ? null : `${yuan(f.assetsFen)}${f.assetsAssessedOn ? t('files.print.assessedOn', { date: formatDate(f.assetsAssessedOn) }) : ''}`],
        ]} />
        <Grid
          columns={[
            { title: t('files.print.c.benefit'), width: '30%', render: (b: ChildFile['benefits'][number]) => b.benefit },
            { title: t('files.print.c.period'), width: '28%', render: (b) => `${formatDate(b.since)} ~ ${b.until ? formatDate(b.until) : t('files.print.current')}` },
            { title: t('files.print.c.monthly'), width: '16%', render: (b) => yuan(b.monthlyAmountFen) },
            { title: t('files.print.c.note'), render: (b) => b.note },
          ]}
          rows={f.benefits}
          empty={t('files.print.noneBenefits')}
        />
      </section>
    </>
  );
}

function PartError({ part }: { part: Part<unknown> }) {
  const t = useT();
  if (part && 'error' in part) return <Alert type="warning" showIcon message={t('files.print.partFailed', { error: part.error })} />;
  return null;
}
const itemsOf = <T,>(p: Part<T>): T[] | null => (p && 'items' in p ? p.items : null);

function RecordSections({ visits, problems, assistance, carePlans, attachments }: {
  visits: Part<Visit>; problems: Part<Problem>; assistance: Part<Assistance>; carePlans: Part<CarePlan>; attachments: Part<Attachment>;
}) {
  const t = useT();
  const label = useLabel();
  const v = itemsOf(visits)?.filter((x) => x.status === 'submitted') ?? null;
  const p = itemsOf(problems);
  const a = itemsOf(assistance);
  const c = itemsOf(carePlans);
  const files = itemsOf(attachments);
  const visitTotal = visits && 'items' in visits ? visits.total ?? visits.items.length : 0;
  return (
    <>
      {visits ? (
        <section className="print-break">
          <h2>{t('files.print.s.visits')}</h2>
          <PartError part={visits} />
          {v ? (
            <>
              <Grid
                columns={[
                  { title: t('files.print.c.date'), width: '12%', render: (x: Visit) => formatDate(x.visitedOn) },
                  { title: t('files.print.c.kind'), width: '7%', render: (x) => label(`files.visitKind.${x.kind}`, x.kind) },
                  { title: t('files.print.c.visitor'), width: '10%', render: (x) => x.visitorName },
                  { title: t('files.print.c.met'), width: '13%', render: (x) => x.peopleMet },
                  { title: t('files.print.c.findings'), render: (x) => <span className="print-pre">{x.findings}</span> },
                  { title: t('files.print.c.attention'), width: '16%', render: (x) => x.checklist.filter((e) => e.status === 'attention').map((e) => e.label).join('、') },
                  { title: t('files.print.c.problemsRaised'), width: '9%', render: (x) => String(x.problems.length) },
                ]}
                rows={v}
                empty={t('files.print.noneVisits')}
              />
              {visitTotal > VISIT_LIMIT ? <div className="print-muted">{t('files.print.visitsLimited', { shown: VISIT_LIMIT, total: visitTotal })}</div> : null}
            </>
          ) : null}
        </section>
      ) : null}

      {problems || assistance ? (
        <section className="print-break">
          {problems ? (
            <>
              <h2>{t('files.print.s.problems')}</h2>
              <PartError part={problems} />
              {p ? (
                <Grid
                  columns={[
                    { title: t('files.print.c.found'), width: '11%', render: (x: Problem) => formatDate(x.createdAt) },
                    { title: t('files.print.c.problem'), render: (x) => <span className="print-pre">{x.description}</span> },
                    { title: t('files.print.c.pcategory'), width: '8%', render: (x) => label(`files.problemCategory.${x.category}`, x.category) },
                    { title: t('files.print.c.severity'), width: '7%', render: (x) => label(`files.risk.${x.severity}`, x.severity) },
                    { title: t('files.print.c.unit'), width: '12%', render: (x) => x.responsibleUnitName ?? x.responsibleUnit },
                    { title: t('files.print.c.due'), width: '11%', render: (x) => formatDate(x.dueOn) },
                    { title: t('files.print.c.pstatus'), width: '8%', render: (x) => label(`files.problemStatus.${x.status}`, x.status) },
                    { title: t('files.print.c.resolution'), width: '18%', render: (x) => (x.resolution ? `${x.resolution}${x.resolvedOn ? `（${formatDate(x.resolvedOn)}）` : ''}` : null) },
                  ]}
                  rows={p}
                  empty={t('files.print.noneProblems')}
                />
              ) : null}
            </>
          ) : null}
          {assistance ? (
            <>
              <h2>{t('files.print.s.assistance')}</h2>
              <PartError part={assistance} />
              {a ? (
                <Grid
                  columns={[
                    { title: t('files.print.c.date'), width: '12%', render: (x: Assistance) => formatDate(x.givenOn) },
                    { title: t('files.print.c.akind'), width: '10%', render: (x) => label(`files.assistanceKind.${x.kind}`, x.kind) },
                    { title: t('files.print.c.provider'), width: '20%', render: (x) => [x.providerUnitName, x.providerName].filter(Boolean).join(' · ') },
                    { title: t('files.print.c.value'), width: '12%', render: (x) => (x.valueFen === null ? null : yuan(x.valueFen)) },
                    { title: t('files.print.c.content'), render: (x) => <span className="print-pre">{x.description}</span> },
                  ]}
                  rows={a}
                  empty={t('files.print.noneAssistance')}
                />
              ) : null}
            </>
          ) : null}
        </section>
      ) : null}

      <section className={carePlans ? 'print-break' : undefined}>
        {carePlans ? (
          <>
            <h2>{t('files.print.s.plans')}</h2>
            <PartError part={carePlans} />
            {c && !c.length ? <div className="print-empty">{t('files.print.nonePlans')}</div> : null}
            {(c ?? []).map((plan, i) => (
              <div key={plan.id} className="print-block">
                <h3>{t('files.print.planNo', { n: i + 1, status: t(plan.status === 'active' ? 'files.print.planActive' : 'files.print.planClosed'), date: formatDate(plan.createdAt) })}</h3>
                <KeyValues rows={[
                  [t('files.print.f.goals'), <span className="print-pre">{plan.goals}</span>],
                  [t('files.print.f.measures'), <span className="print-pre">{plan.measures}</span>],
                  [t('files.print.f.responsible'), plan.responsible],
                  [t('files.print.f.reviewOn'), formatDate(plan.reviewOn)],
                ]} />
                {plan.reviews.length ? (
                  <Grid
                    columns={[
                      { title: t('files.print.c.reviewed'), width: '14%', render: (r: CarePlan['reviews'][number]) => formatDate(r.reviewedOn) },
                      { title: t('files.print.c.summary'), render: (r) => <span className="print-pre">{r.summary}</span> },
                      { title: t('files.print.c.reviewer'), width: '14%', render: (r) => r.reviewerName },
                      { title: t('files.print.c.nextReview'), width: '14%', render: (r) => formatDate(r.nextReviewOn) },
                    ]}
                    rows={plan.reviews}
                    empty=""
                  />
                ) : null}
              </div>
            ))}
          </>
        ) : null}
        {attachments ? (
          <div className="print-block">
            <h2>{t('files.print.s.attachments')}</h2>
            <PartError part={attachments} />
            {files ? (
              <Grid
                columns={[
                  { title: t('files.print.c.filename'), render: (x: Attachment) => x.filename },
                  { title: t('files.print.c.record'), width: '14%', render: (x) => label(`files.entity.${x.entity}`, x.entity) },
                  { title: t('files.print.c.size'), width: '12%', render: (x) => formatSize(x.sizeBytes) },
                  { title: t('files.print.c.uploaded'), width: '26%', render: (x) => `${formatDateTime(x.createdAt)} ${x.createdByName ?? ''}` },
                ]}
                rows={files}
                empty={t('files.print.noneAttachments')}
              />
            ) : null}
          </div>
        ) : null}
      </section>
    </>
  );
}

function Signatures() {
  const t = useT();
  return (
    <section className="print-block">
      <h2>{t('files.print.s.sign')}</h2>
      <div className="print-sign">
        <div>{t('files.print.sign.director')}</div>
        <div>{t('files.print.sign.date')}</div>
        <div>{t('files.print.sign.street')}</div>
        <div>{t('files.print.sign.date')}</div>
      </div>
    </section>
  );
}
