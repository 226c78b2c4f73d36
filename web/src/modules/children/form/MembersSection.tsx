import { Button, Card, Form, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n/useT';
import { MemberFields } from '../MemberFields';
import { Section } from './Section';
import type { FormInstance } from 'antd';
import type { ChildFormValues } from '../childForm';

/** 监护人与家庭成员 on create (on edit, members have their own tab). */
export function MembersSection({ form }: { form: FormInstance<ChildFormValues> }) {
  const t = useT();
  return (
    <Form.List name="members">
      {(fields, { add, remove }) => (
        <Section
          title={t('children.section.members')}
          extra={
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({ role: 'guardian', status: 'alive_fit' })}>
              {t('children.member.add')}
            </Button>
          }
        >
          {fields.length === 0 ? <Typography.Paragraph type="secondary">{t('children.form.membersHint')}</Typography.Paragraph> : null}
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              type="inner"
              title={t('children.form.memberN', { n: i + 1 })}
              extra={
                <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                  {t('common.delete')}
                </Button>
              }
              style={{ marginBottom: 16 }}
            >
              <MemberFields form={form} prefix={[field.name]} path={['members', field.name]} />
            </Card>
          ))}
        </Section>
      )}
    </Form.List>
  );
}
