import { useState } from 'react';
import { Button, Checkbox, Descriptions, Form } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/useT';
import { childrenApi } from './api';
import { RevealModal } from './RevealModal';
import type { UnmaskField } from './types';

type Values = Partial<Record<UnmaskField, string | null | undefined>>;

/** 查看完整: masked values opened with a stated reason (RevealModal). */
function UnmaskModalButton({
  fields,
  chooseFields,
  request,
  label,
}: {
  fields: UnmaskField[];
  /** Whether the user picks which fields to open (the child's file); members open both at once. */
  chooseFields: boolean;
  request: (reason: string, fields: UnmaskField[]) => Promise<Values>;
  label?: string;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)}>
        {label ?? t('children.unmask.button')}
      </Button>
      <RevealModal<{ reason: string; fields?: UnmaskField[] }, Values>
        open={open}
        onClose={() => setOpen(false)}
        title={t('children.unmask.title')}
        notice={t('children.unmask.notice')}
        submitLabel={t('children.unmask.submit')}
        placeholder={t('children.unmaskReasonPlaceholder')}
        initialValues={{ fields: [fields[0]!] }}
        extraFields={
          chooseFields && fields.length > 1 ? (
            <Form.Item
              name="fields"
              label={t('children.unmask.fields')}
              rules={[{ required: true, type: 'array', min: 1, message: t('children.unmask.fieldsRequired') }]}
            >
              <Checkbox.Group options={fields.map((f) => ({ value: f, label: t(`children.unmask.field.${f}`) }))} />
            </Form.Item>
          ) : null
        }
        request={(v) => request(v.reason, v.fields?.length ? v.fields : fields)}
        renderResult={(result) => (
          <Descriptions
            column={1}
            size="small"
            bordered
            style={{ margin: '8px 0 16px' }}
            items={(Object.keys(result) as UnmaskField[])
              .filter((f) => fields.includes(f))
              .map((f) => ({
                key: f,
                label: t(`children.unmask.field.${f}`),
                children: (
                  <span className={f === 'idNumber' || f === 'phone' ? 'mono' : undefined} style={{ fontSize: 16 }}>
                    {result[f] || t('children.unmask.none')}
                  </span>
                ),
              }))}
          />
        )}
      />
    </>
  );
}

/** Full identity number, phone or addresses of the child (POST /api/children/:id/unmask). */
export function UnmaskButton({ childId, fields, label }: { childId: string; fields: UnmaskField[]; label?: string }) {
  return <UnmaskModalButton fields={fields} chooseFields label={label} request={(reason, f) => childrenApi.unmask(childId, reason, f)} />;
}

/** A household member's full identity number and phone (both at once, one audited view). */
export function MemberUnmaskButton({ childId, memberId }: { childId: string; memberId: string }) {
  return <UnmaskModalButton fields={['idNumber', 'phone']} chooseFields={false} request={(reason) => childrenApi.unmaskMember(childId, memberId, reason)} />;
}
