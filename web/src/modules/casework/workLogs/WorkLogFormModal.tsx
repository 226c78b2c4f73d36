import { App, DatePicker, Form, Input, InputNumber } from 'antd';
import dayjs from 'dayjs';
import type { WorkLog } from '@common/casework';
import { FormModal } from '../../../components/FormModal';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { caseworkApi } from '../api';
import { ChildPicker } from '../ChildPicker';
import { afterToday, DATE } from '../shared';

interface Values {
  workedOn: dayjs.Dayjs;
  hours: number;
  content: string;
  childIds: string[];
}

/** Writes a new work log or changes one of the user's own. */
export function WorkLogFormModal({ log, onClose, onSaved }: { log: WorkLog | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  const submit = async (v: Values) => {
    const body = { workedOn: v.workedOn.format(DATE), hours: v.hours, content: v.content.trim(), childIds: v.childIds ?? [] };
    if (log) await caseworkApi.updateWorkLog(log.id, body);
    else await caseworkApi.createWorkLog(body);
    void message.success(t('casework.saved'));
    onSaved();
  };

  return (
    <FormModal<Values>
      form={form}
      title={log ? t('casework.workLog.edit') : t('casework.workLog.create')}
      onClose={onClose}
      onSubmit={submit}
      width={mobile ? undefined : 620}
      layout={mobile ? 'vertical' : 'horizontal'}
      labelCol={mobile ? undefined : { span: 5 }}
      initialValues={
        log
          ? { workedOn: dayjs(log.workedOn), hours: log.hours, content: log.content, childIds: log.children.map((c) => c.id) }
          : { workedOn: dayjs(), hours: 1, childIds: [] }
      }
    >
      <Form.Item name="workedOn" label={t('casework.workLog.workedOn')} rules={[{ required: true, message: t('common.required') }]}>
        <DatePicker
          format={DATE}
          disabledDate={(d) => afterToday(d) || d.isBefore(dayjs().subtract(1, 'year'), 'day')}
          style={{ width: '100%' }}
          inputReadOnly={mobile}
        />
      </Form.Item>
      <Form.Item
        name="hours"
        label={t('casework.workLog.hours')}
        extra={t('casework.workLog.hoursHint')}
        rules={[
          { required: true, message: t('casework.workLog.hoursHint') },
          { type: 'number', min: 0.5, max: 24, message: t('casework.workLog.hoursHint') },
          {
            validator: (_, v: number | undefined) =>
              v === undefined || Number.isInteger(v * 2) ? Promise.resolve() : Promise.reject(new Error(t('casework.workLog.hoursHint'))),
          },
        ]}
      >
        <InputNumber min={0.5} max={24} step={0.5} style={{ width: 140 }} suffix={t('casework.workLog.hoursUnit')} />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('casework.workLog.content')}
        rules={[{ required: true, whitespace: true, message: t('casework.workLog.contentRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('casework.workLog.contentPlaceholder')} />
      </Form.Item>
      <Form.Item name="childIds" label={t('casework.workLog.children')}>
        <ChildPicker known={log?.children ?? []} />
      </Form.Item>
    </FormModal>
  );
}
