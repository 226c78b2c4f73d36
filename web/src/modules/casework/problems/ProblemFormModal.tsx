import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import type { ProblemCategory, ProblemSeverity } from '@common/casework';
import { FormModal } from '../../../components/FormModal';
import { useFormDraft } from '../../../drafts/useFormDraft';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useUnits } from '../../../hooks/useOrg';
import { useT } from '../../../i18n/useT';
import { caseworkApi, caseworkKeys } from '../api';
import { beforeToday, CATEGORIES, categoryLabel, DATE, SEVERITIES, severityLabel, toDate } from '../shared';

const DUE_DAYS: Record<ProblemSeverity, number> = { high: 7, medium: 14, low: 30 };

interface Values {
  description: string;
  category: ProblemCategory;
  severity: ProblemSeverity;
  responsibleUnit?: string;
  dueOn?: dayjs.Dayjs;
}

/** 登记问题 about one child (from the child's problems tab and the child file's quick actions). */
export function ProblemFormModal({ childId, onClose, onSaved }: { childId: string; onClose: () => void; onSaved: (id: string) => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const units = useUnits();
  const severity = Form.useWatch('severity', form);
  // Kept in this browser until saved: a session timeout or a reload loses nothing (drafts/useFormDraft.ts).
  const local = useFormDraft({ form, formKey: `problem:new:${childId}`, kind: 'problem' });

  const submit = async (v: Values) => {
    const created = await caseworkApi.createProblem({
      childId,
      description: v.description.trim(),
      category: v.category,
      severity: v.severity,
      responsibleUnit: v.responsibleUnit ?? null,
      dueOn: toDate(v.dueOn) ?? null,
    });
    await local.clear();
    void queryClient.invalidateQueries({ queryKey: caseworkKeys.all });
    void message.success(t('casework.saved'));
    onSaved(created.id);
  };

  return (
    <FormModal<Values>
      form={form}
      title={t('casework.problem.create')}
      onClose={onClose}
      onSubmit={submit}
      layout={mobile ? 'vertical' : 'horizontal'}
      labelCol={mobile ? undefined : { span: 6 }}
      onValuesChange={local.onValuesChange}
      initialValues={{ severity: 'medium' }}
    >
      <Form.Item
        name="description"
        label={t('casework.problem.description')}
        rules={[{ required: true, whitespace: true, message: t('casework.problem.descriptionRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('casework.problem.descriptionPlaceholder')} />
      </Form.Item>
      <Form.Item name="category" label={t('casework.problem.category')} rules={[{ required: true, message: t('casework.problem.categoryRequired') }]}>
        <Select options={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))} />
      </Form.Item>
      <Form.Item name="severity" label={t('casework.problem.severity')} rules={[{ required: true }]}>
        <Select options={SEVERITIES.map((s) => ({ value: s, label: severityLabel(t, s) }))} />
      </Form.Item>
      <Form.Item name="responsibleUnit" label={t('casework.problem.responsibleUnit')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('common.optional')}
          options={(units.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.code, label: u.name }))}
        />
      </Form.Item>
      <Form.Item
        name="dueOn"
        label={t('casework.problem.dueOn')}
        extra={t('casework.problem.dueDefault', {
          date: dayjs()
            .add(DUE_DAYS[severity ?? 'medium'], 'day')
            .format(DATE),
        })}
      >
        <DatePicker format={DATE} disabledDate={beforeToday} style={{ width: '100%' }} inputReadOnly={mobile} />
      </Form.Item>
    </FormModal>
  );
}
