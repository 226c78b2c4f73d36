import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../components/format';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { referralKeys, referralsApi, type ReferralChildView } from './api';
import { useCodeLabel } from './labels';

type Rows<K extends keyof ReferralChildView> = NonNullable<ReferralChildView[K]>;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card size="small" title={title}>
      {children}
    </Card>
  );
}

/**
 * The child as the receiving unit sees it through a referral: only the sections the referral's
 * kind opens (the server leaves the others out), with the end of the access window. The server
 * audits the view.
 */
export default function ChildViewPage() {
  const t = useT();
  const { id = '' } = useParams();
  const mobile = useIsMobile();
  const label = useCodeLabel();
  const q = useQuery({ queryKey: referralKeys.childView(id), queryFn: () => referralsApi.childView(id), staleTime: 0, gcTime: 0 });
  if (q.isLoading) return <FullPageSpin />;
  if (q.error || !q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const v = q.data;
  const c = v.identity;
  const small = { size: 'small' as const, pagination: false as const, scroll: { x: 'max-content' as const } };
  const none = <Typography.Text type="secondary">{t('referrals.child.none')}</Typography.Text>;

  return (
    <>
      <PageHeader
        title={c.name}
        extra={
          <Link to={`/referrals/${encodeURIComponent(v.referralId)}`}>
            <Button icon={<ArrowLeftOutlined />}>{t('referrals.child.back')}</Button>
          </Link>
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('referrals.child.banner')}
        description={v.accessUntil ? t('referrals.child.until', { date: formatDate(v.accessUntil) }) : t('referrals.child.open')}
      />
      <Flex vertical gap={16}>
        <Section title={t('referrals.section.identity')}>
          <Descriptions column={mobile ? 1 : 2} size="small">
            <Descriptions.Item label={t('referrals.child.name')}>{c.name}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.child.sex')}>{label('children.sex', c.sex)}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.child.birth')}>
              {formatDate(c.birthDate)}（{t('referrals.child.age', { age: c.age })}）
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals.child.idNumber')}>{c.idNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.child.area')}>
              {c.streetName} · {c.committeeName}
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals.child.categories')}>
              <Flex gap={4} wrap>
                {c.categories.length
                  ? c.categories.map((k) => (
                      <Tag key={k.category}>
                        {k.name}
                        {k.since ? ` · ${t('referrals.child.since', { date: formatDate(k.since) })}` : ''}
                      </Tag>
                    ))
                  : none}
              </Flex>
            </Descriptions.Item>
          </Descriptions>
        </Section>
        {v.school ? (
          <Section title={t('referrals.section.school')}>
            <Descriptions column={mobile ? 1 : 3} size="small">
              <Descriptions.Item label={t('referrals.form.stage')}>{v.school.stage ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('referrals.form.school')}>{v.school.schoolName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('referrals.form.grade')}>{v.school.grade ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Section>
        ) : null}
        {v.health ? (
          <Section title={t('referrals.section.health')}>
            <Descriptions column={mobile ? 1 : 2} size="small">
              <Descriptions.Item label={t('referrals.child.disability')}>
                {v.health.disabilityType ? `${v.health.disabilityType}${v.health.disabilityGrade ? ` · ${v.health.disabilityGrade} 级` : ''}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('referrals.child.illness')}>{v.health.seriousIllness ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Section>
        ) : null}
        {v.family ? (
          <Section title={t('referrals.section.family')}>
            <Table<Rows<'family'>[number]>
              {...small}
              rowKey="id"
              dataSource={v.family}
              columns={[
                { title: t('referrals.child.name'), dataIndex: 'name' },
                { title: t('referrals.child.relation'), dataIndex: 'relation' },
                { title: t('referrals.child.role'), dataIndex: 'role', render: (v: string) => label('children.role', v) },
                { title: t('referrals.child.memberStatus'), dataIndex: 'status', render: (v: string) => label('children.memberStatus', v) },
                { title: t('referrals.child.phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
              ]}
            />
          </Section>
        ) : null}
        {v.benefits ? (
          <Section title={t('referrals.section.benefits')}>
            <Table<Rows<'benefits'>[number]>
              {...small}
              rowKey="id"
              dataSource={v.benefits}
              columns={[
                { title: t('referrals.child.policy'), dataIndex: 'policyName' },
                { title: t('referrals.child.status'), dataIndex: 'status', render: (v: string) => label('eligibility.status', v) },
                { title: t('referrals.child.fromDate'), dataIndex: 'fromDate', render: (d: string | null) => formatDate(d) },
              ]}
            />
          </Section>
        ) : null}
        {v.problems ? (
          <Section title={t('referrals.section.problems')}>
            <Table<Rows<'problems'>[number]>
              {...small}
              rowKey="id"
              dataSource={v.problems}
              columns={[
                { title: t('referrals.child.category'), dataIndex: 'category', render: (v: string) => label('casework.category', v) },
                { title: t('referrals.child.description'), dataIndex: 'description' },
                { title: t('referrals.child.status'), dataIndex: 'status', render: (v: string) => label('casework.status', v) },
                { title: t('referrals.child.dueOn'), dataIndex: 'dueOn', render: (d: string | null) => formatDate(d) },
              ]}
            />
          </Section>
        ) : null}
        {v.guardianship ? (
          <Section title={t('referrals.section.guardianship')}>
            <Flex vertical gap={8}>
              {v.guardianship.assessment ? (
                <Typography.Text>
                  {t('referrals.child.assessment', { grade: v.guardianship.assessment.grade, date: formatDate(v.guardianship.assessment.assessedOn) })}
                </Typography.Text>
              ) : null}
              <Table<Rows<'guardianship'>['steps'][number]>
                {...small}
                rowKey="id"
                dataSource={v.guardianship.steps}
                locale={{ emptyText: t('referrals.child.ladder.empty') }}
                data-testid="referral-child-ladder"
                columns={[
                  {
                    title: t('referrals.child.ladder.kind'),
                    dataIndex: 'kind',
                    render: (k: string, s) => (
                      <>
                        {label('guardianship.ladder.kind', k)}
                        {s.current ? (
                          <Tag color="blue" style={{ marginInlineStart: 4 }}>
                            {t('referrals.child.ladder.current')}
                          </Tag>
                        ) : null}
                      </>
                    ),
                  },
                  { title: t('referrals.child.ladder.unit'), dataIndex: 'unitName', render: (u: string | null) => u ?? '—' },
                  { title: t('referrals.child.ladder.status'), dataIndex: 'status', render: (st: string) => label('guardianship.ladder.status', st) },
                  { title: t('referrals.child.ladder.decidedOn'), dataIndex: 'decidedOn', render: (d: string | null) => formatDate(d) },
                  { title: t('referrals.child.ladder.reason'), dataIndex: 'reason' },
                  { title: t('referrals.child.ladder.outcome'), dataIndex: 'outcomeNote', render: (o: string | null) => o ?? '—' },
                  {
                    title: t('referrals.child.ladder.sessions'),
                    key: 'sessions',
                    render: (_: unknown, s) =>
                      s.kind === 'guidance_order'
                        ? t('referrals.child.ladder.sessionsValue', {
                            attended: s.sessionsAttended,
                            required: s.sessionsRequired ?? '—',
                            missed: s.sessionsMissed,
                          })
                        : '—',
                  },
                ]}
              />
            </Flex>
          </Section>
        ) : null}
        {v.assistance ? (
          <Section title={t('referrals.section.assistance')}>
            <Table<Rows<'assistance'>[number]>
              {...small}
              rowKey="id"
              dataSource={v.assistance}
              columns={[
                { title: t('referrals.child.kind'), dataIndex: 'kind', render: (v: string) => label('casework.assistanceKind', v) },
                { title: t('referrals.child.description'), dataIndex: 'description' },
                { title: t('referrals.child.givenOn'), dataIndex: 'givenOn', render: (d: string) => formatDate(d) },
                { title: t('referrals.child.provider'), dataIndex: 'providerName' },
              ]}
            />
          </Section>
        ) : null}
      </Flex>
    </>
  );
}
