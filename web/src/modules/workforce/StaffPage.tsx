/**
 * One ledger person: details (masked; the full id number and phone through an audited reveal),
 * committees served (assign / end, history kept), record checks (request / answer), the account
 * (open after a valid check — Art. 62 — or link an existing one), leaving; then the tabs other
 * modules add (personSections.tsx).
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { workforceApi, workforceKeys, type AccountOpened, type RecordCheck, type Staff } from './api';
import { CheckTag } from './labels';
import { PERSON_SECTIONS } from './personSections';
import { StaffModal } from './StaffModal';

export default function StaffPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { can } = useAuth();
  const qc = useQueryClient();
  const person = useQuery({ queryKey: workforceKeys.person(id), queryFn: () => workforceApi.get(id) });
  const [editing, setEditing] = useState(false);
  if (person.error) return <ErrorResult error={person.error} onRetry={() => void person.refetch()} />;
  if (!person.data) return <FullPageSpin />;
  const s = person.data;
  const manage = can('workforce.manage');
  const changed = () => void qc.invalidateQueries({ queryKey: workforceKeys.all });
  const sections = PERSON_SECTIONS.filter((x) => x.anyPermission.some((p) => can(p)));
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {s.name}
            <CheckTag state={s.check.state} />
            {s.leftOn ? <Tag>{t('workforce.status.left')}</Tag> : null}
            {s.accessSuspended ? <Tag color="red">{t('workforce.suspended')}</Tag> : null}
          </Space>
        }
        extra={
          manage ? (
            <Space wrap>
              <Button onClick={() => setEditing(true)}>{t('workforce.act.edit')}</Button>
              <RevealButton id={s.id} />
            </Space>
          ) : null
        }
      />
      <Tabs
        items={[
          { key: 'basic', label: t('workforce.section.basic'), children: <BasicSection s={s} manage={manage} onChanged={changed} /> },
          { key: 'checks', label: t('workforce.section.checks'), children: <ChecksSection s={s} manage={manage} onChanged={changed} /> },
          ...sections.map((x) => ({ key: x.key, label: t(x.title), children: x.render({ staffId: s.id, onChanged: changed }) })),
        ]}
      />
      {editing ? <StaffModal staff={s} onClose={() => setEditing(false)} /> : null}
    </>
  );
}

function RevealButton({ id }: { id: string }) {
  const t = useT();
  const { modal } = App.useApp();
  const showError = useApiError();
  return (
    <Button
      onClick={async () => {
        try {
          const r = await workforceApi.reveal(id);
          modal.info({
            title: t('workforce.reveal.title'),
            content: (
              <Space direction="vertical">
                <span>
                  {t('workforce.col.idNumber')}：{r.idNumber ?? '—'}
                </span>
                <span>
                  {t('workforce.col.phone')}：{r.phone ?? '—'}
                </span>
                <Typography.Text type="secondary">{t('workforce.reveal.note')}</Typography.Text>
              </Space>
            ),
          });
        } catch (err) {
          showError(err);
        }
      }}
    >
      {t('workforce.act.reveal')}
    </Button>
  );
}

function BasicSection({ s, manage, onChanged }: { s: Staff; manage: boolean; onChanged: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const [assigning, setAssigning] = useState(false);
  const [account, setAccount] = useState<'open' | 'link' | null>(null);
  const [opened, setOpened] = useState<AccountOpened | null>(null);
  const [leaving, setLeaving] = useState(false);
  const showError = useApiError();
  const options = useQuery({ queryKey: workforceKeys.options, queryFn: workforceApi.options, staleTime: 600_000 });
  const today = options.data?.today ?? '';
  const canOpen = s.check.state === 'valid' || s.check.state === 'expiring';
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Descriptions column={mobile ? 1 : 2} size="small">
          <Descriptions.Item label={t('workforce.col.roleKind')}>{t(`workforce.roleKind.${s.roleKind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('workforce.col.post')}>{s.post ? t(`workforce.post.${s.post}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('workforce.col.gender')}>{s.gender ? t(`workforce.gender.${s.gender}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('workforce.col.idNumber')}>{s.idNumberMasked ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('workforce.col.phone')}>{s.phoneMasked ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('workforce.col.cert')}>{t(`workforce.cert.${s.certLevel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('workforce.col.street')}>{s.streetName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('workforce.col.unit')}>{s.unitName}</Descriptions.Item>
          {s.organisationName ? <Descriptions.Item label={t('workforce.col.organisation')}>{s.organisationName}</Descriptions.Item> : null}
          <Descriptions.Item label={t('workforce.col.appointed')}>{formatDate(s.appointedOn)}</Descriptions.Item>
          {s.leftOn ? <Descriptions.Item label={t('workforce.col.left')}>{formatDate(s.leftOn)}</Descriptions.Item> : null}
          <Descriptions.Item label={t('workforce.col.account')}>
            <Space wrap>
              <span data-testid="account-username">{s.username ?? t('workforce.noAccount')}</span>
              {manage && !s.username && !s.leftOn ? (
                <>
                  <Button size="small" type="primary" disabled={!canOpen} onClick={() => setAccount('open')}>
                    {t('workforce.act.open')}
                  </Button>
                  <Button size="small" onClick={() => setAccount('link')}>
                    {t('workforce.act.link')}
                  </Button>
                </>
              ) : null}
            </Space>
          </Descriptions.Item>
          {s.note ? <Descriptions.Item label={t('workforce.col.note')}>{s.note}</Descriptions.Item> : null}
        </Descriptions>
        {manage && !s.username && !s.leftOn && !canOpen ? (
          <Alert type="warning" showIcon message={t('workforce.account.refused')} style={{ marginTop: 8 }} />
        ) : null}
      </Card>
      <Card
        size="small"
        title={t('workforce.committees.current')}
        extra={
          manage && !s.leftOn ? (
            <Space>
              <Button size="small" onClick={() => setAssigning(true)}>
                {t('workforce.act.assign')}
              </Button>
              <Button size="small" danger onClick={() => setLeaving(true)}>
                {t('workforce.act.leave')}
              </Button>
            </Space>
          ) : null
        }
      >
        {s.committees.length === 0 ? (
          <Typography.Text type="secondary">{t('workforce.committees.none')}</Typography.Text>
        ) : (
          <Flex vertical gap={6}>
            {s.committees.map((c) => (
              <Flex key={c.committeeId} justify="space-between" gap={8} wrap>
                <span>
                  {c.committeeName} <Typography.Text type="secondary">{formatDate(c.since)} 起</Typography.Text>
                </span>
                {manage ? (
                  <Popconfirm
                    title={t('workforce.committees.endAsk', { name: c.committeeName })}
                    onConfirm={async () => {
                      try {
                        await workforceApi.endCommittee(s.id, c.committeeId, today);
                        onChanged();
                      } catch (err) {
                        showError(err);
                      }
                    }}
                  >
                    <Button size="small">{t('workforce.act.end')}</Button>
                  </Popconfirm>
                ) : null}
              </Flex>
            ))}
          </Flex>
        )}
        {s.committeeHistory.some((c) => c.until) ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 12 }}>
              {t('workforce.committees.history')}
            </Typography.Title>
            {s.committeeHistory
              .filter((c) => c.until)
              .map((c) => (
                <div key={`${c.committeeId}-${c.since}`}>
                  <Typography.Text type="secondary">
                    {c.committeeName}：{formatDate(c.since)} — {formatDate(c.until)}
                  </Typography.Text>
                </div>
              ))}
          </>
        ) : null}
      </Card>
      {assigning ? <AssignModal s={s} today={today} onClose={() => setAssigning(false)} onChanged={onChanged} /> : null}
      {account ? <AccountModal s={s} mode={account} onClose={() => setAccount(null)} onOpened={setOpened} onChanged={onChanged} /> : null}
      {leaving ? <LeaveModal s={s} today={today} onClose={() => setLeaving(false)} onChanged={onChanged} /> : null}
      <Modal
        open={!!opened}
        title={t('workforce.account.opened')}
        onOk={() => setOpened(null)}
        onCancel={() => setOpened(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        {opened ? (
          <Space direction="vertical">
            <span>
              {t('workforce.account.username')}：<Typography.Text strong>{opened.username}</Typography.Text>
            </span>
            <span>{t('workforce.account.password')}</span>
            <Typography.Text code copyable data-testid="initial-password">
              {opened.initialPassword}
            </Typography.Text>
          </Space>
        ) : null}
      </Modal>
    </Flex>
  );
}

function AssignModal({ s, today, onClose, onChanged }: { s: Staff; today: string; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ committeeId: string; since: string }>();
  const options = useQuery({ queryKey: workforceKeys.options, queryFn: workforceApi.options, staleTime: 600_000 });
  const committees = (options.data?.committees ?? []).filter((c) => c.streetCode === s.streetCode && !s.committees.some((x) => x.committeeId === c.id));
  return (
    <FormModal
      form={form}
      layout="vertical"
      title={`${t('workforce.act.assign')} · ${s.name}`}
      onClose={onClose}
      initialValues={{ since: today }}
      onSubmit={async (v) => {
        await workforceApi.assignCommittee(s.id, v.committeeId, v.since);
        onChanged();
        onClose();
      }}
    >
      <Form.Item
        name="committeeId"
        label={t('workforce.filter.committee')}
        rules={[{ required: true, message: t('workforce.required', { label: t('workforce.filter.committee') }) }]}
      >
        <Select showSearch={{ optionFilterProp: 'label' }} options={committees.map((c) => ({ value: c.id, label: c.name }))} data-testid="assign-committee" />
      </Form.Item>
      <Form.Item
        name="since"
        label={t('workforce.committees.since')}
        rules={[{ required: true, message: t('workforce.required', { label: t('workforce.committees.since') }) }]}
      >
        <Input type="date" style={{ maxWidth: 200 }} />
      </Form.Item>
    </FormModal>
  );
}

function AccountModal({
  s,
  mode,
  onClose,
  onOpened,
  onChanged,
}: {
  s: Staff;
  mode: 'open' | 'link';
  onClose: () => void;
  onOpened: (a: AccountOpened) => void;
  onChanged: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ username: string }>();
  return (
    <FormModal
      form={form}
      layout="vertical"
      title={`${mode === 'open' ? t('workforce.act.open') : t('workforce.act.link')} · ${s.name}`}
      okText={mode === 'open' ? t('workforce.act.open') : t('workforce.act.link')}
      intro={mode === 'open' ? <Typography.Paragraph type="secondary">{t('workforce.account.openIntro')}</Typography.Paragraph> : null}
      onClose={onClose}
      onSubmit={async (v) => {
        if (mode === 'open') onOpened(await workforceApi.openAccount(s.id, v.username.trim()));
        else await workforceApi.linkAccount(s.id, v.username.trim());
        onChanged();
        onClose();
      }}
    >
      <Form.Item
        name="username"
        label={t('workforce.account.username')}
        rules={[{ required: true, whitespace: true, message: t('workforce.required', { label: t('workforce.account.username') }) }]}
      >
        <Input maxLength={32} autoComplete="off" />
      </Form.Item>
    </FormModal>
  );
}

function LeaveModal({ s, today, onClose, onChanged }: { s: Staff; today: string; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ leftOn: string }>();
  return (
    <FormModal
      form={form}
      layout="vertical"
      title={`${t('workforce.act.leave')} · ${s.name}`}
      intro={<Alert type="warning" showIcon message={t('workforce.leave.ask')} style={{ marginBottom: 12 }} />}
      onClose={onClose}
      initialValues={{ leftOn: today }}
      onSubmit={async (v) => {
        await workforceApi.update(s.id, { version: s.version, leftOn: v.leftOn });
        onChanged();
        onClose();
      }}
    >
      <Form.Item
        name="leftOn"
        label={t('workforce.col.left')}
        rules={[{ required: true, message: t('workforce.required', { label: t('workforce.col.left') }) }]}
      >
        <Input type="date" style={{ maxWidth: 200 }} />
      </Form.Item>
    </FormModal>
  );
}

function ChecksSection({ s, manage, onChanged }: { s: Staff; manage: boolean; onChanged: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const [requesting, setRequesting] = useState(false);
  const [answering, setAnswering] = useState<RecordCheck | null>(null);
  const options = useQuery({ queryKey: workforceKeys.options, queryFn: workforceApi.options, staleTime: 600_000 });
  const today = options.data?.today ?? '';
  const pending = s.checks.find((c) => c.result === 'pending');
  return (
    <Flex vertical gap={12}>
      <Alert
        type={s.check.state === 'valid' ? 'success' : s.check.state === 'expiring' || s.check.state === 'pending' ? 'warning' : 'error'}
        showIcon
        message={
          <Space wrap>
            <span>{t('workforce.check.status', { state: t(`workforce.state.${s.check.state}`) })}</span>
            {s.check.validUntil ? <span>{t('workforce.check.validUntil', { date: s.check.validUntil, days: String(s.check.daysLeft ?? 0) })}</span> : null}
          </Space>
        }
        description={t('workforce.check.basis')}
      />
      {manage ? (
        <Space wrap>
          <Button disabled={!!pending} onClick={() => setRequesting(true)}>
            {t('workforce.act.request')}
          </Button>
          {pending ? (
            <Button type="primary" onClick={() => setAnswering(pending)}>
              {t('workforce.act.answer')}
            </Button>
          ) : null}
        </Space>
      ) : null}
      <Table<RecordCheck>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={mobile ? { x: 560 } : undefined}
        locale={{ emptyText: t('workforce.check.none') }}
        dataSource={s.checks}
        columns={[
          { title: t('workforce.check.kind'), key: 'kind', render: (_, c) => t(`workforce.check.kind.${c.kind}`) },
          { title: t('workforce.check.requestedOn'), key: 'req', render: (_, c) => formatDate(c.requestedOn) },
          { title: t('workforce.check.answeredOn'), key: 'ans', render: (_, c) => formatDate(c.answeredOn) },
          {
            title: t('workforce.check.result'),
            key: 'result',
            render: (_, c) => (
              <Tag color={c.result === 'clear' ? 'green' : c.result === 'restricted' ? 'magenta' : 'blue'}>{t(`workforce.check.result.${c.result}`)}</Tag>
            ),
          },
          { title: t('workforce.check.answerRef'), key: 'ref', render: (_, c) => c.answerRef ?? c.requestRef ?? '—' },
        ]}
      />
      {requesting ? <RequestModal s={s} today={today} onClose={() => setRequesting(false)} onChanged={onChanged} /> : null}
      {answering ? <AnswerModal check={answering} today={today} onClose={() => setAnswering(null)} onChanged={onChanged} /> : null}
    </Flex>
  );
}

function RequestModal({ s, today, onClose, onChanged }: { s: Staff; today: string; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ kind: 'pre_appointment' | 'annual'; requestedOn: string; requestRef?: string }>();
  return (
    <FormModal
      form={form}
      layout="vertical"
      title={`${t('workforce.act.request')} · ${s.name}`}
      onClose={onClose}
      initialValues={{ kind: s.checks.some((c) => c.result === 'clear') ? 'annual' : 'pre_appointment', requestedOn: today }}
      onSubmit={async (v) => {
        await workforceApi.requestCheck(s.id, { kind: v.kind, requestedOn: v.requestedOn, requestRef: v.requestRef?.trim() || null });
        onChanged();
        onClose();
      }}
    >
      <Form.Item name="kind" label={t('workforce.check.kind')}>
        <Select options={(['pre_appointment', 'annual'] as const).map((k) => ({ value: k, label: t(`workforce.check.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item
        name="requestedOn"
        label={t('workforce.check.requestedOn')}
        rules={[{ required: true, message: t('workforce.required', { label: t('workforce.check.requestedOn') }) }]}
      >
        <Input type="date" max={today} style={{ maxWidth: 200 }} />
      </Form.Item>
      <Form.Item name="requestRef" label={t('workforce.check.requestRef')}>
        <Input maxLength={60} />
      </Form.Item>
    </FormModal>
  );
}

function AnswerModal({ check, today, onClose, onChanged }: { check: RecordCheck; today: string; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ answeredOn: string; result: 'clear' | 'restricted'; answerRef?: string; note?: string }>();
  return (
    <FormModal
      form={form}
      layout="vertical"
      title={t('workforce.act.answer')}
      onClose={onClose}
      initialValues={{ answeredOn: today, result: 'clear' }}
      onSubmit={async (v) => {
        await workforceApi.answerCheck(check.id, {
          answeredOn: v.answeredOn,
          result: v.result,
          answerRef: v.answerRef?.trim() || null,
          note: v.note?.trim() || null,
          version: check.version,
        });
        onChanged();
        onClose();
      }}
    >
      <Form.Item
        name="answeredOn"
        label={t('workforce.check.answeredOn')}
        rules={[{ required: true, message: t('workforce.required', { label: t('workforce.check.answeredOn') }) }]}
      >
        <Input type="date" min={check.requestedOn} max={today} style={{ maxWidth: 200 }} />
      </Form.Item>
      <Form.Item name="result" label={t('workforce.check.result')}>
        <Select options={(['clear', 'restricted'] as const).map((k) => ({ value: k, label: t(`workforce.check.result.${k}`) }))} />
      </Form.Item>
      <Form.Item name="answerRef" label={t('workforce.check.answerRef')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="note" label={t('workforce.col.note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
