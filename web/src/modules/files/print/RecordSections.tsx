/** The records on paper: visits, problems and help, care plans with their reviews, attachments; then the signatures. */
import type { Assistance, CarePlan, Problem } from '@common/casework';
import type { Visit } from '@common/visits';
import { formatDate, formatDateTime } from '../../../components/format';
import { useT } from '../../../i18n/useT';
import { formatSize } from '../download';
import type { Attachment } from '../types';
import { Grid, itemsOf, KeyValues, PartError, useLabel, yuan, type Part } from './printParts';

/** Visits printed at most (the newest); the sheet says when there are more. */
export const VISIT_LIMIT = 200;

export function RecordSections({
  visits,
  problems,
  assistance,
  carePlans,
  attachments,
}: {
  visits: Part<Visit>;
  problems: Part<Problem>;
  assistance: Part<Assistance>;
  carePlans: Part<CarePlan>;
  attachments: Part<Attachment>;
}) {
  const t = useT();
  const label = useLabel();
  const v = itemsOf(visits)?.filter((x) => x.status === 'submitted') ?? null;
  const p = itemsOf(problems);
  const a = itemsOf(assistance);
  const c = itemsOf(carePlans);
  const files = itemsOf(attachments);
  const visitTotal = visits && 'items' in visits ? (visits.total ?? visits.items.length) : 0;
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
                  {
                    title: t('files.print.c.attention'),
                    width: '16%',
                    render: (x) =>
                      x.checklist
                        .filter((e) => e.status === 'attention')
                        .map((e) => e.label)
                        .join('、'),
                  },
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
                    {
                      title: t('files.print.c.resolution'),
                      width: '18%',
                      render: (x) => (x.resolution ? `${x.resolution}${x.resolvedOn ? `（${formatDate(x.resolvedOn)}）` : ''}` : null),
                    },
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
                <h3>
                  {t('files.print.planNo', {
                    n: i + 1,
                    status: t(plan.status === 'active' ? 'files.print.planActive' : 'files.print.planClosed'),
                    date: formatDate(plan.createdAt),
                  })}
                </h3>
                <KeyValues
                  rows={[
                    [t('files.print.f.goals'), <span className="print-pre">{plan.goals}</span>],
                    [t('files.print.f.measures'), <span className="print-pre">{plan.measures}</span>],
                    [t('files.print.f.responsible'), plan.responsible],
                    [t('files.print.f.reviewOn'), formatDate(plan.reviewOn)],
                  ]}
                />
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

export function Signatures() {
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
