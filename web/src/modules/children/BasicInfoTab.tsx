import type { ReactNode } from 'react';
import { Descriptions, Flex, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { formatDate } from '../../components/format';
import { useT } from '../../i18n/useT';
import { formatFen, RiskTag } from './labels';
import type { ChildFile, UnmaskField } from './types';
import { UnmaskButton } from './UnmaskButton';

const none = <Typography.Text type="secondary">—</Typography.Text>;
const show = (v: ReactNode | null | undefined) => (v === null || v === undefined || v === '' ? none : v);

function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 20 }}>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </div>
  );
}

/** 基本信息: identity, residence, school, health and household economy, masked where personal. */
export function BasicInfoTab({ file }: { file: ChildFile }) {
  const t = useT();
  const column = { xs: 1, sm: 2, lg: 3 };
  const maskedFields: UnmaskField[] = [];
  if (file.phoneMasked) maskedFields.push('phone');
  if (file.residenceAddressMasked) maskedFields.push('residenceAddress');
  if (file.hukouAddressMasked) maskedFields.push('hukouAddress');
  const healthLocked = file.restricted.includes('mentalHealthNote');
  const hivLocked = file.restricted.includes('hivInfected');
  const fact = (v: boolean | null) =>
    v === null ? <Typography.Text type="secondary">{t('children.fact.unknown')}</Typography.Text> : t(v ? 'children.fact.yes' : 'children.fact.no');

  return (
    <>
      <Section title={t('children.section.identity')}>
        <Descriptions
          size="small"
          column={column}
          items={[
            { key: 'name', label: t('children.name'), children: file.name },
            { key: 'sex', label: t('children.sex'), children: t(`children.sex.${file.sex}`) },
            { key: 'birth', label: t('children.birthDate'), children: t('children.birthWithAge', { date: formatDate(file.birthDate), age: file.age }) },
            { key: 'id', label: t('children.idNumber'), children: file.idNumberMasked ? <span className="mono">{file.idNumberMasked}</span> : none },
            ...(file.idNumberMasked ? [] : [{ key: 'noId', label: t('children.noIdNote'), children: show(file.noIdNote) }]),
            { key: 'eth', label: t('children.ethnicity'), children: show(file.ethnicity) },
            { key: 'hukou', label: t('children.hukou'), children: t(`children.hukou.${file.hukou}`) },
            { key: 'reg', label: t('children.registeredOn'), children: formatDate(file.registeredOn) },
          ]}
        />
      </Section>
      <Section
        title={t('children.section.residence')}
        extra={file.can.unmask && maskedFields.length ? <UnmaskButton childId={file.id} fields={maskedFields} label={t('children.unmask.contact')} /> : null}
      >
        <Descriptions
          size="small"
          column={column}
          items={[
            { key: 'area', label: t('children.area'), children: `${file.streetName} · ${file.committeeName}` },
            { key: 'res', label: t('children.residenceAddress'), children: show(file.residenceAddressMasked) },
            { key: 'hukouAddr', label: t('children.hukouAddress'), children: show(file.hukouAddressMasked) },
            { key: 'phone', label: t('children.phone'), children: file.phoneMasked ? <span className="mono">{file.phoneMasked}</span> : none },
          ]}
        />
      </Section>
      <Section title={t('children.section.risk')}>
        <Descriptions
          size="small"
          column={column}
          items={[
            { key: 'risk', label: t('children.riskLevel'), children: <RiskTag risk={file.riskLevel} /> },
            { key: 'reason', label: t('children.riskReason'), children: show(file.riskReason) },
            { key: 'on', label: t('children.riskAssessedOn'), children: formatDate(file.riskAssessedOn) },
            {
              key: 'mentor',
              label: t('children.mentor'),
              children: file.mentor ? (
                `${file.mentor.name}（${file.mentor.organisation}）`
              ) : (
                <Typography.Text type="warning">{t('children.notAssigned')}</Typography.Text>
              ),
            },
            {
              key: 'buddy',
              label: t('children.buddy'),
              children: file.buddy ? (
                `${file.buddy.name}（${file.buddy.organisation}）`
              ) : (
                <Typography.Text type="warning">{t('children.notAssigned')}</Typography.Text>
              ),
            },
          ]}
        />
      </Section>
      <Section title={t('children.section.school')}>
        <Descriptions
          size="small"
          column={column}
          items={[
            { key: 'stage', label: t('children.schoolStage'), children: show(file.schoolStage) },
            { key: 'school', label: t('children.schoolName'), children: show(file.schoolName) },
            { key: 'grade', label: t('children.schoolGrade'), children: show(file.schoolGrade) },
            {
              key: 'dis',
              label: t('children.disability'),
              children:
                file.disabilityType || file.disabilityGrade
                  ? t('children.disabilityValue', { type: file.disabilityType ?? '—', grade: file.disabilityGrade ?? '—' })
                  : none,
            },
            { key: 'ill', label: t('children.seriousIllness'), children: show(file.seriousIllness) },
            ...(healthLocked
              ? [
                  {
                    key: 'mh',
                    label: t('children.mentalHealthNote'),
                    children: (
                      <Typography.Text type="secondary">
                        <LockOutlined /> {t('children.mentalHealthLocked')}
                      </Typography.Text>
                    ),
                  },
                ]
              : file.mentalHealthNote
                ? [
                    {
                      key: 'mh',
                      label: t('children.mentalHealthNote'),
                      span: 'filled' as const,
                      children: <span style={{ whiteSpace: 'pre-wrap' }}>{file.mentalHealthNote}</span>,
                    },
                  ]
                : []),
          ]}
        />
      </Section>
      <Section title={t('children.section.eligibilityFacts')}>
        <Descriptions
          size="small"
          column={column}
          items={[
            { key: 'adopted', label: t('children.adopted'), children: fact(file.adopted) },
            { key: 'autism', label: t('children.autism'), children: fact(file.autism) },
            { key: 'canRaise', label: t('children.caregiverCanRaise'), children: fact(file.caregiverCanRaise) },
            {
              key: 'hiv',
              label: t('children.hivInfected'),
              children: hivLocked ? (
                <Typography.Text type="secondary">
                  <LockOutlined /> {t('children.hivLocked')}
                </Typography.Text>
              ) : (
                fact(file.hivInfected)
              ),
            },
          ]}
        />
      </Section>
      <Section title={t('children.section.economy')}>
        <Descriptions
          size="small"
          column={column}
          items={[
            { key: 'size', label: t('children.householdSize'), children: file.householdSize ? t('children.personsValue', { n: file.householdSize }) : none },
            { key: 'income', label: t('children.monthlyIncome'), children: formatFen(file.monthlyIncomeFen) },
            {
              key: 'assets',
              label: t('children.assets'),
              children:
                file.assetsFen === null
                  ? none
                  : `${formatFen(file.assetsFen)}${file.assetsAssessedOn ? t('children.assessedOnSuffix', { date: formatDate(file.assetsAssessedOn) }) : ''}`,
            },
          ]}
        />
      </Section>
    </>
  );
}
