import { App, Form, Input, Select } from 'antd';
import type { Street, Unit, UnitCreate, UnitKind } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useLocalName } from '../../../hooks/useLocalName';
import { useT } from '../../../i18n/useT';
import { adminApi } from '../api';

const KINDS: UnitKind[] = ['district', 'department', 'street', 'organisation'];

interface Values {
  code: string;
  name: string;
  nameEn?: string;
  kind: UnitKind;
  streetCode?: string;
}

/** Create a unit, or rename one (code and kind are fixed once users belong to it). */
export function UnitFormModal({ unit, streets, onClose, onSaved }: { unit: Unit | null; streets: Street[]; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const name = useLocalName();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);

  const submit = async (v: Values) => {
    if (unit) {
      await adminApi.updateUnit(unit.code, { name: v.name.trim(), nameEn: (v.nameEn ?? '').trim() });
      void message.success(t('units.updated'));
    } else {
      const body: UnitCreate = {
        code: v.code.trim(),
        name: v.name.trim(),
        nameEn: (v.nameEn ?? '').trim(),
        kind: v.kind,
        // Only a street office belongs to a street; the server refuses a street on other kinds.
        streetCode: v.kind === 'street' ? (v.streetCode ?? null) : null,
      };
      await adminApi.createUnit(body);
      void message.success(t('units.created'));
    }
    onSaved();
  };

  return (
    <FormModal<Values>
      form={form}
      title={unit ? t('units.rename') : t('units.create')}
      onClose={onClose}
      onSubmit={submit}
      layout={mobile ? 'vertical' : 'horizontal'}
      labelCol={mobile ? undefined : { span: 6 }}
      initialValues={unit ? { code: unit.code, name: unit.name, nameEn: unit.nameEn, kind: unit.kind } : { kind: 'department' }}
    >
      <Form.Item
        name="code"
        label={t('units.code')}
        extra={unit ? undefined : t('units.codeHint')}
        rules={[{ required: true, pattern: /^[a-z][a-z0-9-]{1,40}$/, message: t('units.codeHint') }]}
      >
        <Input className="mono" disabled={!!unit} maxLength={41} autoComplete="off" />
      </Form.Item>
      <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, min: 2, message: t('units.nameRule') }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('units.nameEn')}>
        <Input maxLength={120} placeholder={t('common.optional')} />
      </Form.Item>
      <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true }]}>
        <Select disabled={!!unit} options={KINDS.map((k) => ({ value: k, label: t(`units.kind.${k}`) }))} />
      </Form.Item>
      {!unit && kind === 'street' ? (
        <Form.Item name="streetCode" label={t('units.street')} rules={[{ required: true, message: t('units.streetRequired') }]}>
          <Select options={streets.map((s) => ({ value: s.code, label: name(s) }))} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
