/**
 * The training tab of a person's page (人员台账): the sessions attended, hours per year, exams (a
 * street registers one and records its result), evaluations and rewards.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { formatDate } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { EXAM_LEVELS, trainingApi, trainingKeys, type ExamLevel, type PersonArchive } from './api';
import { GradeTag, KindTag } from './labels';

export default function ArchiveTab({ staffId }: { staffId: string; onChanged?: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const manage = can('workforce.manage');
  const q = useQuery({ queryKey: trainingKeys.archive(staffId), queryFn: () => trainingApi.archive(staffId) });
  const [modal, setModal] = useState<'exam' | 'reward' | null>(null);
  if (q.error) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  if (!a) return null;
  return (
    <Flex vertical gap={16} data-testid="training-archive">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('training.archive.cert')}>{t(`training.cert.${a.certLevel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('training.archive.hours')}>
          {a.hoursByYear.length ? a.hoursByYear.map((h) => t('training.archive.hoursOfYear', { year: h.year, hours: h.hours, n: h.sessions })).join('；') : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('training.archive.sessions')}</Typography.Title>
      <Table
        size="small"
        rowKey="sessionId"
        dataSource={a.sessions}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('training.empty.archive') }}
        columns={[
          { title: t('training.col.heldOn'), dataIndex: 'heldOn', key: 'on', render: (d: string) => formatDate(d) },
          { title: t('training.col.topic'), dataIndex: 'topic', key: 'topic' },
          { title: t('training.col.kind'), key: 'kind', render: (_, s) => <KindTag kind={s.kind} /> },
          { title: t('training.col.hours'), dataIndex: 'hours', key: 'hours' },
          { title: t('training.col.attended'), key: 'att', render: (_, s) => (s.attended ? t('training.attendance.yes') : t('training.attendance.no')) },
        ]}
      />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('training.archive.exams')}
        </Typography.Title>
        {manage ? (
          <Button size="small" onClick={() => setModal('exam')}>
            {t('training.act.registerExam')}
          </Button>
        ) : null}
      </Flex>
      <ExamTable archive={a} manage={manage} />
      <Typography.Title level={5}>{t('training.archive.evaluations')}</Typography.Title>
      {a.evaluations.length ? (
        <Space wrap>
          {a.evaluations.map((e) => (
            <Tag key={e.id}>
              {t('training.yearOf', { year: e.year })} · {e.status === 'done' ? <GradeTag grade={e.grade} /> : t('training.eval.status.draft')}
            </Tag>
          ))}
        </Space>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('training.empty.evaluationsOfPerson')} />
      )}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('training.archive.rewards')}
        </Typography.Title>
        {manage ? (
          <Button size="small" onClick={() => setModal('reward')}>
            {t('training.act.addReward')}
          </Button>
        ) : null}
      </Flex>
      {a.rewards.length ? (
        <Flex vertical gap={4}>
          {a.rewards.map((r) => (
            <Typography.Text key={r.id}>
              {formatDate(r.grantedOn)} {r.title} {r.grantingUnitName ? `（${r.grantingUnitName}）` : ''}
            </Typography.Text>
          ))}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('training.empty.rewards')} />
      )}
      {modal === 'exam' ? <ExamModal staffId={staffId} onClose={() => setModal(null)} /> : null}
      {modal === 'reward' ? <RewardModal staffId={staffId} onClose={() => setModal(null)} /> : null}
    </Flex>
  );
}

function ExamTable({ archive, manage }: { archive: PersonArchive; manage: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  const [scores, setScores] = useState<Record<string, number | null>>({});
  const record = async (id: string, version: number, result: 'passed' | 'failed' | 'absent') => {
    try {
      const out = await trainingApi.examResult(id, { result, score: scores[id] ?? null, version });
      void message.success(t('training.exam.recorded', { cert: t(`training.cert.${out.certLevel}`) }));
      await qc.invalidateQueries({ queryKey: trainingKeys.all });
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={archive.exams}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('training.empty.exams') }}
      columns={[
        { title: t('training.exam.year'), dataIndex: 'year', key: 'year' },
        { title: t('training.exam.level'), dataIndex: 'level', key: 'level', render: (l: ExamLevel) => t(`training.cert.${l}`) },
        { title: t('training.exam.registeredOn'), dataIndex: 'registeredOn', key: 'reg', render: (d: string) => formatDate(d) },
        {
          title: t('training.exam.result'),
          key: 'result',
          render: (_, e) =>
            e.result === 'registered' && manage ? (
              <Space wrap size={4}>
                <InputNumber
                  size="small"
                  min={0}
                  max={999}
                  placeholder={t('training.exam.score')}
                  aria-label={t('training.exam.score')}
                  onChange={(v) => setScores((s) => ({ ...s, [e.id]: typeof v === 'number' ? v : null }))}
                />
                <Button size="small" type="primary" onClick={() => void record(e.id, e.version, 'passed')}>
                  {t('training.exam.passed')}
                </Button>
                <Button size="small" onClick={() => void record(e.id, e.version, 'failed')}>
                  {t('training.exam.failed')}
                </Button>
                <Button size="small" onClick={() => void record(e.id, e.version, 'absent')}>
                  {t('training.exam.absent')}
                </Button>
              </Space>
            ) : (
              `${t(`training.exam.${e.result}`)}${e.score !== null ? `（${e.score}）` : ''}`
            ),
        },
      ]}
    />
  );
}

function ExamModal({ staffId, onClose }: { staffId: string; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ year: number; level: ExamLevel; registeredOn: Dayjs }>();
  return (
    <FormModal
      form={form}
      layout="vertical"
      title={t('training.act.registerExam')}
      onClose={onClose}
      initialValues={{ year: dayjs().year(), level: 'assistant', registeredOn: dayjs() }}
      onSubmit={async (v) => {
        await trainingApi.registerExam({ staffId, year: v.year, level: v.level, registeredOn: v.registeredOn.format('YYYY-MM-DD') });
        void message.success(t('training.exam.registered'));
        await qc.invalidateQueries({ queryKey: trainingKeys.all });
        onClose();
      }}
    >
      <Form.Item name="year" label={t('training.exam.year')} rules={[{ required: true, message: t('training.required', { label: t('training.exam.year') }) }]}>
        <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="level" label={t('training.exam.level')}>
        <Select options={EXAM_LEVELS.map((l) => ({ value: l, label: t(`training.cert.${l}`) }))} />
      </Form.Item>
      <Form.Item
        name="registeredOn"
        label={t('training.exam.registeredOn')}
        rules={[{ required: true, message: t('training.required', { label: t('training.exam.registeredOn') }) }]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

function RewardModal({ staffId, onClose }: { staffId: string; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; grantedOn: Dayjs; note?: string }>();
  return (
    <FormModal
      form={form}
      layout="vertical"
      title={t('training.act.addReward')}
      onClose={onClose}
      initialValues={{ grantedOn: dayjs() }}
      onSubmit={async (v) => {
        await trainingApi.createReward({ staffId, title: v.title, grantedOn: v.grantedOn.format('YYYY-MM-DD'), note: v.note ?? null });
        void message.success(t('training.reward.saved'));
        await qc.invalidateQueries({ queryKey: trainingKeys.all });
        onClose();
      }}
    >
      <Form.Item
        name="title"
        label={t('training.reward.title')}
        rules={[{ required: true, whitespace: true, message: t('training.required', { label: t('training.reward.title') }) }]}
      >
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item
        name="grantedOn"
        label={t('training.reward.grantedOn')}
        rules={[{ required: true, message: t('training.required', { label: t('training.reward.grantedOn') }) }]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('training.session.note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
