import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Flex, Form, Input, Modal, Progress, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client';
import { ErrorResult } from '../../../components/ErrorResult';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { ASSESSMENT_NEXT, assessmentKeys, assessmentsApi, type AssessmentDetail } from './api';
import { AssessmentStatusTag, GradeTag, PlaceholderTag } from './labels';
import { RecordResultModal } from './RecordResultModal';

/** One assessment: its dates and (full depth) result; the next steps with confirmations. */
export function AssessmentDrawer({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [recording, setRecording] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const q = useQuery({ queryKey: assessmentKeys.detail(id), queryFn: () => assessmentsApi.detail(id) });
  const a = q.data;
  const done = (r: AssessmentDetail) => {
    qc.setQueryData(assessmentKeys.detail(id), r);
    onChanged();
  };
  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409) {
      void message.warning(err.code === 'VERSION_CONFLICT' ? t('guardianship.assess.conflict') : err.message);
      void q.refetch();
    } else showError(err);
  };
  const confirmStep = (step: 'return' | 'archive') => {
    if (!a) return;
    modal.confirm({
      title: t(step === 'return' ? 'guardianship.assess.return' : 'guardianship.assess.archive'),
      content: t(step === 'return' ? 'guardianship.assess.return.confirm' : 'guardianship.assess.archive.confirm'),
      okText: t(step === 'return' ? 'guardianship.assess.return' : 'guardianship.assess.archive'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          done(await (step === 'return' ? assessmentsApi.returnResult(a.id, a.version) : assessmentsApi.archive(a.id, a.version)));
          void message.success(t('guardianship.assess.stepDone'));
        } catch (err) {
          fail(err);
        }
      },
    });
  };
  const next = a && a.canWrite ? ASSESSMENT_NEXT[a.status] : [];
  return (
    <Drawer open onClose={onClose} width={mobile ? '100%' : 720} title={t('guardianship.assess.detail.title')} destroyOnHidden>
      {q.error && !a ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      {a ? (
        <Flex vertical gap={16} data-testid="assessment-drawer">
          <Flex gap={8} wrap align="center">
            <AssessmentStatusTag status={a.status} />
            {a.depth === 'full' ? <GradeTag name={a.gradeName} effect={a.gradeEffect} /> : null}
            {a.totalScore !== null ? (
              <Typography.Text strong data-testid="assessment-total">
                {a.totalScore.toFixed(2)}
              </Typography.Text>
            ) : null}
            {a.instrumentPlaceholder ? <PlaceholderTag /> : null}
          </Flex>
          <Space wrap>
            {next.includes('record') ? (
              <Button type="primary" onClick={() => setRecording(true)} data-testid="assessment-record">
                {t('guardianship.assess.record')}
              </Button>
            ) : null}
            {next.includes('return') ? (
              <Button type="primary" onClick={() => confirmStep('return')} data-testid="assessment-return">
                {t('guardianship.assess.return')}
              </Button>
            ) : null}
            {next.includes('archive') ? (
              <Button onClick={() => confirmStep('archive')} data-testid="assessment-archive">
                {t('guardianship.assess.archive')}
              </Button>
            ) : null}
            {next.includes('cancel') ? (
              <Button danger onClick={() => setCancelling(true)} data-testid="assessment-cancel">
                {t('guardianship.assess.cancel')}
              </Button>
            ) : null}
            {a.depth === 'full' && a.gradeEffect ? (
              <Link to={`/guardianship/assessments/${encodeURIComponent(a.id)}/print`} target="_blank">
                <Button icon={<PrinterOutlined />}>{t('guardianship.assess.print')}</Button>
              </Link>
            ) : null}
          </Space>
          <Descriptions column={mobile ? 1 : 2} size="small" bordered>
            <Descriptions.Item label={t('guardianship.assess.col.commissioned')}>{a.commissionedOn}</Descriptions.Item>
            <Descriptions.Item label={t('guardianship.assess.detail.unit')}>{a.commissionedUnitName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('guardianship.assess.col.due')}>
              {a.dueOn ?? '—'} {a.overdue ? <Typography.Text type="danger">{t('guardianship.assess.overdue')}</Typography.Text> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('guardianship.assess.col.assessed')}>{a.assessedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('guardianship.assess.detail.returned')}>{a.returnedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('guardianship.assess.detail.archived')}>{a.archivedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('guardianship.assess.col.reassess')}>{a.reassessOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('guardianship.assess.detail.instrumentVersion')}>
              {a.instrumentName} · {t('guardianship.instruments.version', { version: a.instrumentVersion })}
            </Descriptions.Item>
            {a.depth === 'full' ? (
              <>
                <Descriptions.Item label={t('guardianship.assess.reason')} span={mobile ? 1 : 2}>
                  {a.reason ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('guardianship.assess.assessorOrg')}>{a.assessorOrg ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('guardianship.assess.detail.assessor')}>{a.assessorName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('guardianship.assess.detail.by')}>{a.commissionedByName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('guardianship.assess.detail.methods')}>
                  {a.methods.length ? a.methods.map((m) => t(`guardianship.assess.method.${m}`)).join('、') : '—'}
                </Descriptions.Item>
                {a.cancelReason ? (
                  <Descriptions.Item label={t('guardianship.assess.detail.cancelReason')} span={mobile ? 1 : 2}>
                    {a.cancelReason}
                  </Descriptions.Item>
                ) : null}
              </>
            ) : null}
          </Descriptions>
          {a.depth === 'full' && a.dimensionScores ? (
            <div>
              <Typography.Title level={5}>{t('guardianship.assess.detail.dimensions')}</Typography.Title>
              {a.dimensionScores.map((d) => (
                <Flex key={d.code} gap={8} align="center" wrap>
                  <Typography.Text style={{ minWidth: 180 }}>{d.name}</Typography.Text>
                  <Progress percent={d.percent} size="small" style={{ flex: 1, minWidth: 140, margin: 0 }} format={() => `${d.score}/${d.max}`} />
                </Flex>
              ))}
            </div>
          ) : null}
          {a.depth === 'full' && a.narrative ? (
            <div>
              <Typography.Title level={5}>{t('guardianship.assess.detail.narrative')}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.narrative}</Typography.Paragraph>
            </div>
          ) : null}
          {a.depth === 'full' && a.measures ? (
            <div>
              <Typography.Title level={5}>{t('guardianship.assess.detail.measures')}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.measures}</Typography.Paragraph>
            </div>
          ) : null}
        </Flex>
      ) : null}
      {recording && a ? (
        <RecordResultModal
          assessment={a}
          onClose={() => setRecording(false)}
          onDone={(r) => {
            setRecording(false);
            done(r);
          }}
          onConflict={() => void q.refetch()}
        />
      ) : null}
      {cancelling && a ? (
        <CancelModal
          onClose={() => setCancelling(false)}
          onSubmit={async (reason) => {
            try {
              done(await assessmentsApi.cancel(a.id, a.version, reason));
              setCancelling(false);
              void message.success(t('guardianship.assess.stepDone'));
            } catch (err) {
              fail(err);
            }
          }}
        />
      ) : null}
    </Drawer>
  );
}

function CancelModal({ onClose, onSubmit }: { onClose: () => void; onSubmit: (reason: string) => Promise<void> }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={t('guardianship.assess.cancel.title')}
      onCancel={onClose}
      okText={t('guardianship.assess.cancel.confirm')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setSaving(true);
          try {
            await onSubmit(v.reason);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="reason" label={t('guardianship.assess.cancel.reason')} rules={[{ required: true, whitespace: true, message: '请填写取消原因' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
