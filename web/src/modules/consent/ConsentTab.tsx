import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Empty, Form, Input, List, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n/useT';
import { CHILD_AGREEMENTS, CONSENT_METHODS, consentApi, consentKeys, type ChildConsents, type Consent, type ConsentStatus } from './api';

const STATUS_COLOR: Record<ConsentStatus, string> = { active: 'green', not_yet: 'blue', expired: 'default', withdrawn: 'red', child_refused: 'orange' };

/**
 * The child file's 授权与同意 tab: each purpose with its lawful basis and what this file holds
 * (recorded at creation, by hand, a consent in force or missing), the guardians' consents with their
 * status and history, a dialog to record one and a confirmed dialog to withdraw one (the answer
 * lists what the withdrawal ended). Lists, not tables: it reads on a phone.
 */
export function ConsentTab({ childId }: { childId: string }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: consentKeys.child(childId), queryFn: () => consentApi.child(childId) });
  const [recording, setRecording] = useState<string | null | false>(false);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  if (q.error && !q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const reload = () => void qc.invalidateQueries({ queryKey: consentKeys.child(childId) });
  const heading = (s: string) => (
    <Typography.Title level={5} style={{ marginTop: 8 }}>
      {s}
    </Typography.Title>
  );

  const recordBasis = async (code: string) => {
    await consentApi.recordBasis(childId, code, null);
    void message.success(t('consent.basisSaved'));
    reload();
  };

  return (
    <div data-testid="child-consent">
      {heading(t('consent.bases.title'))}
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('consent.bases.hint')}
      </Typography.Paragraph>
      <List
        size="small"
        loading={q.isLoading}
        dataSource={d?.purposes}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consent.purposes.empty')} /> }}
        renderItem={(p) => (
          <List.Item
            data-testid={`purpose-${p.code}`}
            actions={
              d?.canRecord
                ? [
                    p.consentRequired ? (
                      <Button key="c" size="small" type="link" onClick={() => setRecording(p.code)} disabled={!d.guardians.length}>
                        {t('consent.new')}
                      </Button>
                    ) : !p.recorded ? (
                      <Button key="b" size="small" type="link" onClick={() => void recordBasis(p.code)}>
                        {t('consent.recordBasis')}
                      </Button>
                    ) : null,
                  ].filter(Boolean)
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span>{p.name}</span>
                  <Tag>{t(`consent.basis.${p.basis}`)}</Tag>
                  <PurposeState p={p} />
                </Space>
              }
              description={
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }} ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}>
                  {t('consent.legalText')}：{p.legalText}
                </Typography.Paragraph>
              }
            />
          </List.Item>
        )}
      />

      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 16 }} wrap>
        {heading(t('consent.list.title'))}
        {d?.canRecord ? (
          <Button type="primary" onClick={() => setRecording(null)} disabled={!d.guardians.length} data-testid="consent-new">
            {t('consent.new')}
          </Button>
        ) : null}
      </Space>
      {d && d.canRecord && !d.guardians.length ? <Alert type="warning" showIcon title={t('consent.noGuardian')} style={{ marginBottom: 12 }} /> : null}
      <List
        size="small"
        loading={q.isLoading}
        dataSource={d?.consents}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consent.list.empty')} /> }}
        renderItem={(c) => (
          <List.Item
            data-testid={`consent-${c.id}`}
            actions={
              d?.canRecord && c.status !== 'withdrawn'
                ? [
                    <Button key="w" size="small" danger type="link" onClick={() => setWithdrawing(c)}>
                      {t('consent.withdraw')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span>{c.purposeName}</span>
                  <Tag color={STATUS_COLOR[c.status]}>{t(`consent.status.${c.status}`)}</Tag>
                </Space>
              }
              description={
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('consent.item.guardian', { name: c.guardianName, relation: c.guardianRelation })} · {t(`consent.method.${c.method}`)} ·{' '}
                  {t('consent.item.period', { from: formatDate(c.givenOn) })}
                  {c.validUntil ? ' ' + t('consent.item.until', { to: formatDate(c.validUntil) }) : ''}
                  {c.childAgreement ? ' · ' + t(`consent.agreement.${c.childAgreement}`) : ''}
                  {c.scopeNote ? <div>{c.scopeNote}</div> : null}
                  {c.evidenceNote ? <div>{c.evidenceNote}</div> : null}
                  {c.recordedBy ? <div>{t('consent.item.recordedBy', { name: c.recordedBy })}</div> : null}
                  {c.withdrawnOn ? (
                    <div>
                      {t('consent.item.withdrawn', { date: formatDate(c.withdrawnOn), name: c.withdrawnBy ?? '', reason: c.withdrawReason ?? '' })}
                      {c.withdrawEffects.length ? <div>{c.withdrawEffects.join('；')}</div> : null}
                    </div>
                  ) : null}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      {recording !== false && d ? (
        <RecordConsentModal
          data={d}
          purpose={recording}
          onClose={() => setRecording(false)}
          onDone={() => {
            setRecording(false);
            reload();
          }}
        />
      ) : null}
      {withdrawing ? (
        <WithdrawModal
          childId={childId}
          consent={withdrawing}
          onClose={() => setWithdrawing(null)}
          onDone={(effects) => {
            setWithdrawing(null);
            reload();
            void qc.invalidateQueries({ queryKey: ['referrals'] });
            modal.success({
              title: t('consent.withdraw.done'),
              content: (
                <div data-testid="withdraw-effects">
                  <Typography.Text strong>{t('consent.withdraw.effects')}</Typography.Text>
                  <ul style={{ paddingInlineStart: 20 }}>
                    {effects.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                </div>
              ),
            });
          }}
        />
      ) : null}
    </div>
  );
}

function PurposeState({ p }: { p: ChildConsents['purposes'][number] }) {
  const t = useT();
  if (p.consentRequired) {
    return p.consentActive ? <Tag color="green">{t('consent.state.consentActive')}</Tag> : <Tag color="orange">{t('consent.state.consentMissing')}</Tag>;
  }
  if (p.anonymised) return <Tag color="blue">{t('consent.state.anonymised')}</Tag>;
  if (!p.recorded) return <Tag color="orange">{t('consent.state.notRecorded')}</Tag>;
  return (
    <Tag color="green">
      {p.recorded.source === 'file_created' ? t('consent.state.fileCreated') : t('consent.state.recorded', { date: formatDate(p.recorded.recordedAt) })}
    </Tag>
  );
}

interface RecordValues {
  purposeCode: string;
  guardianMemberId: string;
  childAgreement?: 'agreed' | 'refused';
  givenOn: dayjs.Dayjs;
  method: 'written' | 'oral' | 'electronic';
  scopeNote?: string;
  evidenceNote?: string;
  validUntil?: dayjs.Dayjs | null;
}

function RecordConsentModal({ data, purpose, onClose, onDone }: { data: ChildConsents; purpose: string | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const consentPurposes = data.purposes.filter((p) => p.consentRequired);
  const hint = data.needs.childConsent ? 'consent.ageHint.own' : data.needs.childView ? 'consent.ageHint.view' : 'consent.ageHint.young';
  return (
    <FormModal<RecordValues>
      form={form}
      title={t('consent.new')}
      onClose={onClose}
      layout="vertical"
      name="consentRecord"
      intro={<Alert type="info" showIcon title={t(hint)} style={{ marginBottom: 16 }} />}
      initialValues={{
        purposeCode: purpose ?? consentPurposes[0]?.code,
        guardianMemberId: data.guardians.length === 1 ? data.guardians[0]?.id : undefined,
        givenOn: dayjs(data.today),
        method: 'written',
      }}
      onSubmit={async (v) => {
        await consentApi.record(data.childId, {
          purposeCode: v.purposeCode,
          guardianMemberId: v.guardianMemberId,
          childAgreement: data.needs.childView ? (v.childAgreement ?? null) : null,
          givenOn: v.givenOn.format('YYYY-MM-DD'),
          method: v.method,
          scopeNote: v.scopeNote?.trim() || null,
          evidenceNote: v.evidenceNote?.trim() || null,
          validUntil: v.validUntil ? v.validUntil.format('YYYY-MM-DD') : null,
        });
        void message.success(t('consent.saved'));
        onDone();
      }}
    >
      <Form.Item name="purposeCode" label={t('consent.field.purpose')} rules={[{ required: true, message: t('consent.required.purpose') }]}>
        <Select options={consentPurposes.map((p) => ({ value: p.code, label: p.name }))} />
      </Form.Item>
      <Form.Item name="guardianMemberId" label={t('consent.field.guardian')} rules={[{ required: true, message: t('consent.required.guardian') }]}>
        <Select options={data.guardians.map((g) => ({ value: g.id, label: t('consent.item.guardian', { name: g.name, relation: g.relation }) }))} />
      </Form.Item>
      {data.needs.childView ? (
        <Form.Item name="childAgreement" label={t('consent.field.childAgreement')} rules={[{ required: true, message: t('consent.required.childAgreement') }]}>
          <Radio.Group optionType="button" options={CHILD_AGREEMENTS.map((a) => ({ value: a, label: t(`consent.agreement.${a}`) }))} />
        </Form.Item>
      ) : null}
      <Form.Item name="givenOn" label={t('consent.field.givenOn')} rules={[{ required: true, message: t('consent.required.givenOn') }]}>
        <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(data.today), 'day')} />
      </Form.Item>
      <Form.Item name="method" label={t('consent.field.method')} rules={[{ required: true, message: t('consent.required.method') }]}>
        <Radio.Group optionType="button" options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`consent.method.${m}`) }))} />
      </Form.Item>
      <Form.Item name="scopeNote" label={t('consent.field.scopeNote')}>
        <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('consent.field.scopePlaceholder')} />
      </Form.Item>
      <Form.Item name="evidenceNote" label={t('consent.field.evidenceNote')}>
        <Input maxLength={200} placeholder={t('consent.field.evidencePlaceholder')} />
      </Form.Item>
      <Form.Item name="validUntil" label={t('consent.field.validUntil')}>
        <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

function WithdrawModal({ childId, consent, onClose, onDone }: { childId: string; consent: Consent; onClose: () => void; onDone: (effects: string[]) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      form={form}
      title={t('consent.withdraw.title', { purpose: consent.purposeName })}
      okText={t('consent.withdraw.confirm')}
      onClose={onClose}
      layout="vertical"
      name="consentWithdraw"
      intro={<Alert type="warning" showIcon title={t('consent.withdraw.warning')} style={{ marginBottom: 16 }} />}
      onSubmit={async (v) => {
        const r = await consentApi.withdraw(childId, consent.id, v.reason.trim(), consent.version);
        onDone(r.effects);
      }}
    >
      <Form.Item
        name="reason"
        label={t('consent.withdraw.reason')}
        rules={[{ required: true, whitespace: true, message: t('consent.withdraw.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount />
      </Form.Item>
    </FormModal>
  );
}
