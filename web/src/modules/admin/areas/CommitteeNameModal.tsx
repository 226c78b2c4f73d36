import { App, Form, Input } from 'antd';
import type { Committee } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { useT } from '../../../i18n/useT';
import { adminApi } from '../api';

/** Add a committee to a street, or rename one (the code stays: records refer to it). */
export function CommitteeNameModal({
  streetCode,
  committee,
  onClose,
  onSaved,
}: {
  streetCode: string;
  committee?: Committee;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();

  const submit = async ({ name }: { name: string }) => {
    if (committee) {
      await adminApi.renameCommittee(committee.id, name.trim());
      void message.success(t('areas.renamed'));
    } else {
      await adminApi.createCommittee(streetCode, name.trim());
      void message.success(t('areas.added'));
    }
    onSaved();
  };

  return (
    <FormModal
      form={form}
      title={committee ? t('areas.rename') : t('areas.add')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={{ name: committee?.name ?? '' }}
    >
      <Form.Item name="name" label={t('areas.committeeName')} rules={[{ required: true, whitespace: true, min: 2, max: 40, message: t('areas.nameRule') }]}>
        <Input maxLength={40} autoFocus />
      </Form.Item>
    </FormModal>
  );
}
