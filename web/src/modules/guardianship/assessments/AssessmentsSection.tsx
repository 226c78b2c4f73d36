import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ErrorResult } from '../../../components/ErrorResult';
import { FormModal } from '../../../components/FormModal';
import { ListScaffold } from '../../../components/ListScaffold';
import { useT } from '../../../i18n/useT';
import { assessmentKeys, assessmentsApi, type Assessment } from './api';
import { AssessmentDrawer } from './AssessmentDrawer';
import { day, today } from './dates';
import { AssessmentStatusTag, GradeTag, PlaceholderTag } from './labels';
import { GUARDIANSHIP_QUERIES } from '../keys';

const PAGE = 10;

/**
 * 监护评估 card of the child file's 监护 tab: the child's assessments (the child director sees the
 * status and dates only), the instrument in use, 委托评估; a row opens the assessment.
 */
export function AssessmentsSection({ childId, onChanged }: { childId: string; onChanged: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [commissioning, setCommissioning] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({ queryKey: assessmentKeys.child(childId), queryFn: () => assessmentsApi.ofChild(childId) });
  const data = list.data;
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: GUARDIANSHIP_QUERIES });
    onChanged();
  };
  const full = data?.depth === 'full';
  const columns: TableColumnsType<Assessment> = [
    { title: t('guardianship.assess.col.commissioned'), dataIndex: 'commissionedOn', width: 110 },
    { title: t('guardianship.assess.col.status'), dataIndex: 'status', width: 90, render: (_, a) => <AssessmentStatusTag status={a.status} /> },
    ...(full
      ? ([
          {
            title: t('guardianship.assess.col.grade'),
            dataIndex: 'gradeName',
            width: 110,
            render: (_, a) => <GradeTag name={a.gradeName} effect={a.gradeEffect} />,
          },
          { title: t('guardianship.assess.col.score'), dataIndex: 'totalScore', width: 80, render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
        ] satisfies TableColumnsType<Assessment>)
      : []),
    {
      title: t('guardianship.assess.col.due'),
      dataIndex: 'dueOn',
      width: 130,
      render: (_, a) => (
        <span>
          {a.dueOn ?? '—'} {a.overdue ? <Typography.Text type="danger">{t('guardianship.assess.overdue')}</Typography.Text> : null}
        </span>
      ),
    },
    { title: t('guardianship.assess.col.assessed'), dataIndex: 'assessedOn', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('guardianship.assess.col.reassess'), dataIndex: 'reassessOn', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '',
      key: 'open',
      width: 70,
      render: (_, a) => (
        <Button type="link" size="small" onClick={() => setOpen(a.id)} data-testid={`assessment-open-${a.id}`}>
          {t('guardianship.assess.open')}
        </Button>
      ),
    },
  ];
  if (list.error && !data) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const items = data?.items ?? [];
  return (
    <Flex vertical gap={12} data-testid="assessments-section">
      <Flex gap={8} wrap align="center" justify="space-between">
        <Flex gap={8} wrap align="center">
          {data?.activeInstrument ? (
            <>
              <Typography.Text type="secondary">
                {t('guardianship.assess.instrument', { name: data.activeInstrument.name, version: data.activeInstrument.version })}
              </Typography.Text>
              {data.activeInstrument.placeholder ? <PlaceholderTag /> : null}
            </>
          ) : data ? (
            <Typography.Text type="warning">{t('guardianship.assess.noInstrument')}</Typography.Text>
          ) : null}
        </Flex>
        {data?.canWrite && data.activeInstrument ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCommissioning(true)} data-testid="assessment-commission">
            {t('guardianship.assess.commission')}
          </Button>
        ) : null}
      </Flex>
      {data && !full ? <Alert type="info" showIcon message={t('guardianship.assess.summaryNote')} /> : null}
      <ListScaffold<Assessment>
        rowKey="id"
        loading={list.isFetching}
        columns={columns}
        items={items.slice((page - 1) * PAGE, page * PAGE)}
        total={items.length}
        emptyText={t('guardianship.assess.empty')}
        totalText={(total) => t('guardianship.assess.total', { total })}
        paging={{ page, pageSize: PAGE, onChange: (p) => setPage(p) }}
        renderMobile={(a) => (
          <div onClick={() => setOpen(a.id)} role="button" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && setOpen(a.id)} style={{ cursor: 'pointer' }}>
            <Flex justify="space-between" gap={8} wrap>
              <Typography.Text strong>
                {a.commissionedOn} · {a.instrumentName}
              </Typography.Text>
              <AssessmentStatusTag status={a.status} />
            </Flex>
            <Flex gap={8} wrap align="center">
              {full ? <GradeTag name={a.gradeName} effect={a.gradeEffect} /> : null}
              {full && a.totalScore !== null ? <Typography.Text>{a.totalScore.toFixed(2)}</Typography.Text> : null}
              <Typography.Text type={a.overdue ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
                {t('guardianship.assess.col.due')} {a.dueOn ?? '—'}
                {a.reassessOn ? ` · ${t('guardianship.assess.col.reassess')} ${a.reassessOn}` : ''}
              </Typography.Text>
            </Flex>
          </div>
        )}
        tableProps={{ scroll: { x: 720 } }}
      />
      {commissioning ? (
        <CommissionModal
          childId={childId}
          onClose={() => setCommissioning(false)}
          onDone={(id) => {
            setCommissioning(false);
            refresh();
            setOpen(id);
          }}
        />
      ) : null}
      {open ? <AssessmentDrawer id={open} onClose={() => setOpen(null)} onChanged={refresh} /> : null}
    </Flex>
  );
}

interface CommissionValues {
  reason: string;
  assessorOrg: string;
  dueOn: Dayjs;
}

function CommissionModal({ childId, onClose, onDone }: { childId: string; onClose: () => void; onDone: (id: string) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CommissionValues>();
  return (
    <FormModal<CommissionValues>
      form={form}
      title={t('guardianship.assess.commission.title')}
      onClose={onClose}
      okText={t('guardianship.assess.commission')}
      layout="vertical"
      intro={<Typography.Paragraph type="secondary">{t('guardianship.assess.commission.intro')}</Typography.Paragraph>}
      initialValues={{ assessorOrg: '杨浦区未成年人保护工作站', dueOn: today().add(20, 'day') }}
      onSubmit={async (v) => {
        const r = await assessmentsApi.commission(childId, { reason: v.reason, assessorOrg: v.assessorOrg, dueOn: day(v.dueOn) ?? '' });
        void message.success(t('guardianship.assess.commission.done'));
        onDone(r.id);
      }}
    >
      <Form.Item name="reason" label={t('guardianship.assess.reason')} rules={[{ required: true, whitespace: true, message: '请填写委托事由' }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount data-testid="commission-reason" />
      </Form.Item>
      <Form.Item name="assessorOrg" label={t('guardianship.assess.assessorOrg')} rules={[{ required: true, whitespace: true, message: '请填写评估机构' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="dueOn" label={t('guardianship.assess.dueOn')} rules={[{ required: true, message: '请选择评估完成期限' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(today())} />
      </Form.Item>
    </FormModal>
  );
}
