import { Button, Card, DatePicker, Flex, Form, Input, Radio, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useUnits } from '../../hooks/useOrg';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useLocalName } from '../../hooks/useLocalName';
import { useT } from '../../i18n/useT';
import { PROBLEM_CATEGORIES, SEVERITIES } from './labels';

/** "+ 发现问题": each problem found on the visit; each becomes a problem record when the visit is submitted. */
export function ProblemsInput({ minDate }: { minDate: Dayjs | null }) {
  const t = useT();
  const mobile = useIsMobile();
  const name = useLocalName();
  const units = useUnits();
  const unitOptions = (units.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.code, label: name(u) }));

  return (
    <Form.List name="problems">
      {(fields, { add, remove }) => (
        <Flex vertical gap={12}>
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              title={t('visits.form.problemN', { n: i + 1 })}
              styles={{ header: { background: '#fffaf0' } }}
              extra={
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} style={{ minHeight: 40 }}>
                  {t('visits.form.removeProblem')}
                </Button>
              }
            >
              <Form.Item
                name={[field.name, 'description']}
                label={t('visits.form.problemDescription')}
                rules={[{ required: true, min: 2, whitespace: true, message: t('visits.form.problemDescriptionRequired') }]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} style={{ fontSize: 16 }} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'category']}
                label={t('visits.form.problemCategory')}
                rules={[{ required: true, message: t('visits.form.problemCategoryRequired') }]}
              >
                <Select size="large" options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: t(`visits.problemCategory.${c}`) }))} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'severity']}
                label={t('visits.form.severity')}
                rules={[{ required: true, message: t('visits.form.severityRequired') }]}
              >
                <Radio.Group
                  block
                  optionType="button"
                  buttonStyle="solid"
                  size="large"
                  options={SEVERITIES.map((s) => ({ value: s, label: t(`visits.severity.${s}`), style: { height: 44, lineHeight: '42px' } }))}
                />
              </Form.Item>
              <Flex gap={mobile ? 0 : 12} vertical={mobile}>
                <Form.Item name={[field.name, 'responsibleUnit']} label={t('visits.form.responsibleUnit')} style={{ flex: 1 }}>
                  <Select
                    size="large"
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('visits.form.responsibleUnitPlaceholder')}
                    loading={units.loading}
                    options={unitOptions}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'dueOn']} label={t('visits.form.dueOn')} style={{ flex: 1 }}>
                  <DatePicker
                    size="large"
                    style={{ width: '100%' }}
                    format="YYYY-MM-DD"
                    inputReadOnly={mobile}
                    placeholder={t('visits.form.dueOnPlaceholder')}
                    disabledDate={(d) => !!minDate && d.isBefore(minDate, 'day')}
                  />
                </Form.Item>
              </Flex>
            </Card>
          ))}
          <Button type="dashed" block size="large" icon={<PlusOutlined />} onClick={() => add({})} style={{ height: 48 }}>
            {t('visits.form.addProblem')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
