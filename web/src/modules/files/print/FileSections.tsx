/** The child's file on paper: identity, categories and risk, family, school and health, economy. */
import type { ChildFile } from '@common/children';
import { formatDate } from '../../../components/format';
import { useT } from '../../../i18n/useT';
import { Grid, KeyValues, useLabel, yuan } from './printParts';

export function FileSections({ file: f }: { file: ChildFile }) {
  const t = useT();
  const label = useLabel();
  const status =
    f.status === 'active'
      ? t('files.print.active')
      : t('files.print.closed', { reason: label(`files.closeReason.${f.closedReason}`, f.closedReason), date: formatDate(f.closedOn) });
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
        <KeyValues
          rows={[
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
          ]}
        />
        <div className="print-muted" style={{ fontSize: '8.5pt' }}>
          {t('files.print.maskedNote')}
        </div>
      </section>

      <section className="print-block">
        <h2>{t('files.print.s.categories')}</h2>
        <KeyValues
          rows={[
            [t('files.print.f.risk'), label(`files.risk.${f.riskLevel}`, f.riskLevel)],
            [t('files.print.f.riskOn'), formatDate(f.riskAssessedOn)],
            [t('files.print.f.riskReason'), f.riskReason],
            [t('files.print.f.lastVisit'), formatDate(f.lastVisitOn)],
            [
              t('files.print.f.nextVisit'),
              f.nextVisitDue ? `${formatDate(f.nextVisitDue)}${f.overdueDays ? t('files.print.overdue', { days: f.overdueDays }) : ''}` : null,
            ],
          ]}
        />
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
            {
              title: t('files.print.c.note'),
              render: (m) =>
                [m.disabilityType ? t('files.print.disability', { type: m.disabilityType, grade: m.disabilityGrade ?? '—' }) : null, m.note]
                  .filter(Boolean)
                  .join('；'),
            },
          ]}
          rows={f.members}
          empty={t('files.print.none')}
        />
        <KeyValues
          rows={[
            [t('files.print.f.mentor'), f.mentor ? `${f.mentor.name}（${f.mentor.organisation}）` : t('files.print.notAssigned')],
            [t('files.print.f.buddy'), f.buddy ? `${f.buddy.name}（${f.buddy.organisation}）` : t('files.print.notAssigned')],
          ]}
        />
      </section>

      <section className="print-block">
        <h2>{t('files.print.s.school')}</h2>
        <KeyValues
          rows={[
            [t('files.print.f.schoolStage'), f.schoolStage],
            [t('files.print.f.school'), [f.schoolName, f.schoolGrade].filter(Boolean).join(' ')],
            [t('files.print.f.disability'), f.disabilityType ? t('files.print.disability', { type: f.disabilityType, grade: f.disabilityGrade ?? '—' }) : null],
            [t('files.print.f.illness'), f.seriousIllness],
            [t('files.print.f.mental'), f.restricted.includes('mentalHealthNote') ? t('files.print.restricted') : f.mentalHealthNote],
          ]}
        />
      </section>

      <section className="print-block">
        <h2>{t('files.print.s.economy')}</h2>
        <KeyValues
          rows={[
            [t('files.print.f.household'), f.householdSize === null ? null : t('files.print.persons', { n: f.householdSize })],
            [t('files.print.f.income'), yuan(f.monthlyIncomeFen)],
            [
              t('files.print.f.assets'),
              f.assetsFen === null
                ? null
                : `${yuan(f.assetsFen)}${f.assetsAssessedOn ? t('files.print.assessedOn', { date: formatDate(f.assetsAssessedOn) }) : ''}`,
            ],
          ]}
        />
        <Grid
          columns={[
            { title: t('files.print.c.benefit'), width: '30%', render: (b: ChildFile['benefits'][number]) => b.benefit },
            {
              title: t('files.print.c.period'),
              width: '28%',
              render: (b) => `${formatDate(b.since)} ~ ${b.until ? formatDate(b.until) : t('files.print.current')}`,
            },
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
