import { App, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ProblemDetail } from '@common/casework';
import { FormModal } from '../../../components/FormModal';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useUnits } from '../../../hooks/useOrg';
import { useT } from '../../../i18n/useT';
import type { MessageKey } from '../../../locales/zh-CN';
import { caseworkApi } from '../api';
import { afterToday, DATE, toDate } from '../shared';

export type ProblemAction = 'start' | 'resolve' | 'reopen' | 'escalate' | 'comment';

interface ActionValues {
  note?: string;
  resolution?: string;
  resolvedOn?: dayjs.Dayjs;
  toUnit?: string;
}

const TITLES: Record<ProblemAction, MessageKey> = {
  start: 'casework.problem.start',
  resolve: 'casework.problem.resolve',
  reopen: 'casework.problem.reopen',
  escalate: 'casework.problem.escalate',
  comment: 'casework.problem.comment',
};

/** What the user does next with a problem: a status change, an escalation (confirmed first) or a follow-up note. */
export function ProblemActionModal({
  action,
  problem,
  onClose,
  onDone,
}: {
  action: ProblemAction;
  problem: ProblemDetail;
  onClose: () => void;
  onDone: (p: ProblemDetail) => void;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const units = useUnits();
  const targets = (units.data?.items ?? []).filter(
    (u) =>
      u.active &&
      (u.kind === 'department' || (u.kind === 'street' && u.streetCode === problem.streetCode)) &&
      u.code !== (problem.status === 'escalated' ? problem.escalatedTo : null),
  );

  const run = async (v: ActionValues) => {
    let next: ProblemDetail;
    if (action === 'comment') next = await caseworkApi.commentProblem(problem.id, v.note ?? '');
    else if (action === 'escalate')
      next = await caseworkApi.escalateProblem(problem.id, { toUnit: v.toUnit ?? '', note: v.note ?? '', version: problem.version });
    else {
      const to = action === 'start' ? 'in_progress' : action === 'resolve' ? 'resolved' : 'open';
      next = await caseworkApi.changeProblemStatus(problem.id, {
        to,
        note: v.note || undefined,
        resolution: v.resolution,
        resolvedOn: toDate(v.resolvedOn),
        version: problem.version,
      });
    }
    void message.success(t('casework.saved'));
    onDone(next);
  };

  // An escalation notifies another unit: it is confirmed first. A failure shows under the form either way.
  const submit = (v: ActionValues) => {
    if (action !== 'escalate') return run(v);
    const unit = targets.find((u) => u.code === v.toUnit);
    return new Promise<void>((resolve, reject) => {
      modal.confirm({
        title: t('casework.problem.escalateConfirm', { unit: unit?.name ?? v.toUnit ?? '' }),
        content: t('casework.problem.escalateHint'),
        okText: t('casework.problem.escalate'),
        cancelText: t('common.cancel'),
        onOk: () => run(v).then(resolve, reject),
        onCancel: () => resolve(),
      });
    });
  };

  return (
    <FormModal<ActionValues>
      form={form}
      title={t(TITLES[action])}
      onClose={onClose}
      onSubmit={submit}
      okText={t('common.confirm')}
      layout="vertical"
      initialValues={{ resolvedOn: dayjs() }}
      requiredMark={!mobile}
    >
      {action === 'resolve' ? (
        <>
          <Form.Item
            name="resolution"
            label={t('casework.problem.resolution')}
            rules={[{ required: true, whitespace: true, message: t('casework.problem.resolutionRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('casework.problem.resolutionPlaceholder')} />
          </Form.Item>
          <Form.Item name="resolvedOn" label={t('casework.problem.resolvedOn')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker format={DATE} disabledDate={afterToday} style={{ width: '100%' }} inputReadOnly={mobile} />
          </Form.Item>
        </>
      ) : null}
      {action === 'escalate' ? (
        <Form.Item name="toUnit" label={t('casework.problem.escalateTo')} rules={[{ required: true, message: t('casework.problem.escalateToRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.loading}
            options={targets.map((u) => ({ value: u.code, label: u.name }))}
            placeholder={t('casework.problem.escalateToPlaceholder')}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="note"
        label={t(
          action === 'comment'
            ? 'casework.problem.commentNote'
            : action === 'escalate'
              ? 'casework.problem.escalateNote'
              : action === 'reopen'
                ? 'casework.problem.reopenNote'
                : 'casework.problem.note',
        )}
        rules={
          action === 'comment' || action === 'escalate' || action === 'reopen'
            ? [{ required: true, whitespace: true, message: t('casework.problem.noteRequired') }]
            : []
        }
      >
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
      {action === 'escalate' ? (
        <Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('casework.problem.escalatePrivacy')}
          </Typography.Text>
        </Space>
      ) : null}
    </FormModal>
  );
}
