/**
 * 培训: the sessions of a year (the district's and the streets'), filtered by kind; holders of
 * workforce.manage register sessions of their unit and record the attendance of the people of
 * their area (bulk: pick people, mark present or absent, hours).
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { ROLE_KINDS, TRAINING_KINDS, trainingApi, trainingKeys, type RoleKind, type Session, type SessionQuery, type TrainingKind } from './api';
import { KindTag } from './labels';
import { useSearchPatch } from '../../hooks/useSearchPatch';

export default function SessionsPage() {
  const t = useT();
  const { can } = useAuth();
  const manage = can('workforce.manage');
  const [params, set] = useSearchPatch();
  const [creating, setCreating] = useState(false);
  const [attending, setAttending] = useState<Session | null>(null);
  const thisYear = dayjs().year();
  const year = Number(params.get('year') ?? thisYear) || thisYear;
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? '20') || 20;
  const kind = TRAINING_KINDS.find((k) => k === params.get('kind'));
  const query: SessionQuery = { year, page, pageSize, ...(kind ? { kind } : {}) };
  const list = useQuery({ queryKey: trainingKeys.sessions(query), queryFn: () => trainingApi.sessions(query) });

  const attendButton = (s: Session) =>
    manage ? (
      <Button size="small" type="primary" onClick={() => setAttending(s)} disabled={s.heldOn > dayjs().format('YYYY-MM-DD')}>
        {t('training.act.attendance')}
      </Button>
    ) : (
      <Button size="small" onClick={() => setAttending(s)}>
        {t('training.act.viewAttendance')}
      </Button>
    );
  const columns: TableColumnsType<Session> = [
    { title: t('training.col.heldOn'), dataIndex: 'heldOn', key: 'heldOn', render: (d: string) => formatDate(d), width: 120 },
    {
      title: t('training.col.topic'),
      key: 'topic',
      render: (_, s) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{s.topic}</Typography.Text>
          <Typography.Text type="secondary">{[s.trainer, s.location].filter(Boolean).join(' · ')}</Typography.Text>
        </Space>
      ),
    },
    { title: t('training.col.kind'), key: 'kind', render: (_, s) => <KindTag kind={s.kind} /> },
    { title: t('training.col.hours'), dataIndex: 'hours', key: 'hours' },
    { title: t('training.col.organiser'), dataIndex: 'organiserUnitName', key: 'organiser' },
    { title: t('training.col.attendees'), dataIndex: 'attendees', key: 'attendees' },
    { title: t('training.col.actions'), key: 'actions', render: (_, s) => attendButton(s) },
  ];
  return (
    <>
      <PageHeader
        title={t('training.nav.sessions')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('training.act.newSession')}
            </Button>
          ) : null
        }
      />
      {list.error ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      <ListScaffold<Session>
        filters={
          <Flex gap={8} wrap align="center">
            <FilterSelect<number>
              label={t('training.filter.year')}
              minWidth={110}
              value={year}
              onChange={(v) => set({ year: v === undefined ? undefined : String(v), page: undefined })}
              options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: t('training.yearOf', { year: y }) }))}
            />
            <FilterSelect<TrainingKind>
              label={t('training.filter.kind')}
              minWidth={150}
              value={kind}
              onChange={(v) => set({ kind: v, page: undefined })}
              options={TRAINING_KINDS.map((k) => ({ value: k, label: t(`training.kind.${k}`) }))}
            />
          </Flex>
        }
        items={list.data?.items}
        total={list.data?.total}
        loading={list.isLoading}
        rowKey="id"
        columns={columns}
        emptyText={t('training.empty.sessions')}
        paging={{ page, pageSize, onChange: (p, s) => set({ page: String(p), size: String(s) }) }}
        renderMobile={(s) => (
          <Card size="small" style={{ width: '100%' }} data-testid="session-card">
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{s.topic}</Typography.Text>
                <KindTag kind={s.kind} />
              </Flex>
              <Typography.Text type="secondary">
                {formatDate(s.heldOn)} · {t('training.hoursOf', { hours: s.hours })} · {s.organiserUnitName}
              </Typography.Text>
              <Typography.Text type="secondary">{t('training.attendeesOf', { n: s.attendees })}</Typography.Text>
              <div>{attendButton(s)}</div>
            </Flex>
          </Card>
        )}
      />
      {creating ? <SessionModal onClose={() => setCreating(false)} /> : null}
      {attending ? <AttendanceModal session={attending} manage={manage} onClose={() => setAttending(null)} /> : null}
    </>
  );
}

interface SessionForm {
  topic: string;
  kind: TrainingKind;
  heldOn: Dayjs;
  hours: number;
  trainer?: string;
  location?: string;
  audience: RoleKind[];
  note?: string;
}

function SessionModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<SessionForm>();
  const req = (label: string) => [{ required: true, message: t('training.required', { label }) }];
  return (
    <FormModal<SessionForm>
      form={form}
      layout="vertical"
      title={t('training.session.new')}
      onClose={onClose}
      initialValues={{ kind: 'annual', heldOn: dayjs(), hours: 2, audience: ['child_director'] }}
      onSubmit={async (v) => {
        await trainingApi.createSession({
          topic: v.topic,
          kind: v.kind,
          heldOn: v.heldOn.format('YYYY-MM-DD'),
          hours: v.hours,
          trainer: v.trainer ?? null,
          location: v.location ?? null,
          audience: v.audience,
          planTasks: v.kind === 'social_work' ? [39] : [37],
          note: v.note ?? null,
        });
        void message.success(t('training.session.saved'));
        await qc.invalidateQueries({ queryKey: trainingKeys.all });
        onClose();
      }}
    >
      <Form.Item
        name="topic"
        label={t('training.col.topic')}
        rules={[{ required: true, whitespace: true, message: t('training.required', { label: t('training.col.topic') }) }]}
      >
        <Input maxLength={120} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="kind" label={t('training.col.kind')} rules={req(t('training.col.kind'))} style={{ flex: 1, minWidth: 150 }}>
          <Select options={TRAINING_KINDS.map((k) => ({ value: k, label: t(`training.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="heldOn" label={t('training.col.heldOn')} rules={req(t('training.col.heldOn'))} style={{ flex: 1, minWidth: 150 }}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="hours" label={t('training.col.hours')} rules={req(t('training.col.hours'))} style={{ width: 110 }}>
          <InputNumber min={0.5} max={200} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="trainer" label={t('training.session.trainer')} style={{ flex: 1, minWidth: 150 }}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="location" label={t('training.session.location')} style={{ flex: 1, minWidth: 150 }}>
          <Input maxLength={120} />
        </Form.Item>
      </Flex>
      <Form.Item name="audience" label={t('training.session.audience')}>
        <Select mode="multiple" options={ROLE_KINDS.map((k) => ({ value: k, label: t(`training.role.${k}`) }))} />
      </Form.Item>
      <Form.Item name="note" label={t('training.session.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}

function AttendanceModal({ session, manage, onClose }: { session: Session; manage: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  const current = useQuery({ queryKey: trainingKeys.attendance(session.id), queryFn: () => trainingApi.attendance(session.id) });
  const people = useQuery({ queryKey: trainingKeys.people({}), queryFn: () => trainingApi.people({}), enabled: manage });
  const [picked, setPicked] = useState<string[]>([]);
  const [attended, setAttended] = useState(true);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (!picked.length) {
      void message.warning(t('training.attendance.pickFirst'));
      return;
    }
    setSaving(true);
    try {
      await trainingApi.recordAttendance(session.id, { entries: picked.map((staffId) => ({ staffId, attended })) });
      void message.success(t('training.attendance.saved', { n: picked.length }));
      setPicked([]);
      await qc.invalidateQueries({ queryKey: trainingKeys.all });
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };
  const recorded = new Set((current.data?.items ?? []).map((a) => a.staffId));
  return (
    <Modal open title={`${t('training.attendance.title')} · ${session.topic}`} onCancel={onClose} footer={null} width={760} destroyOnHidden>
      {manage ? (
        <Flex vertical gap={8} style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">{t('training.attendance.help')}</Typography.Text>
          <Select
            mode="multiple"
            aria-label={t('training.attendance.pick')}
            placeholder={t('training.attendance.pick')}
            value={picked}
            onChange={setPicked}
            loading={people.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%' }}
            maxTagCount="responsive"
            options={(people.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.name}（${t(`training.role.${p.roleKind}`)}${p.committees.length ? ` · ${p.committees.join('、')}` : ''}）${recorded.has(p.id) ? ' ✓' : ''}`,
            }))}
          />
          <Flex gap={12} wrap align="center">
            <Checkbox checked={attended} onChange={(e) => setAttended(e.target.checked)}>
              {t('training.attendance.present')}
            </Checkbox>
            <Button type="primary" loading={saving} onClick={() => void save()}>
              {t('training.attendance.save')}
            </Button>
          </Flex>
        </Flex>
      ) : null}
      <Table
        size="small"
        rowKey="staffId"
        loading={current.isLoading}
        dataSource={current.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('training.attendance.empty') }}
        columns={[
          { title: t('training.col.name'), dataIndex: 'name', key: 'name' },
          { title: t('training.col.role'), dataIndex: 'roleKind', key: 'role', render: (r: RoleKind) => t(`training.role.${r}`) },
          { title: t('training.col.street'), dataIndex: 'streetName', key: 'street' },
          {
            title: t('training.col.attended'),
            dataIndex: 'attended',
            key: 'attended',
            render: (a: boolean) => (a ? t('training.attendance.yes') : <Typography.Text type="warning">{t('training.attendance.no')}</Typography.Text>),
          },
          { title: t('training.col.hours'), dataIndex: 'hours', key: 'hours' },
        ]}
      />
    </Modal>
  );
}
