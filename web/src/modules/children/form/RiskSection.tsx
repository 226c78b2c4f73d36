import { Button, Col, DatePicker, Flex, Form, Input, Radio, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useT } from '../../../i18n/useT';
import { afterToday, DATE, useCodeLabel } from '../labels';
import { CATEGORY_LIST, RISK_LIST } from '../types';
import { col, Section } from './Section';
import type { ChildFile } from '../types';

/** 风险 (and, on create, the categories with their start dates). */
export function RiskSection({ file }: { file: ChildFile | null }) {
  const t = useT();
  const label = useCodeLabel();
  const required = (message?: string) => ({ required: true, message: message ?? t('common.required') });
  return (
    <Section title={file ? t('children.section.risk') : t('children.section.riskAndCategories')}>
      <Row gutter={24}>
        <Col {...col}>
          <Form.Item name="riskLevel" label={t('children.riskLevel')} rules={[required()]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={RISK_LIST.map((r) => ({ value: r, label: t(`children.risk.${r}`) }))} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="riskAssessedOn" label={t('children.riskAssessedOn')}>
            <DatePicker format={DATE} disabledDate={afterToday} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="riskReason" label={t('children.riskReason')}>
            <Input.TextArea rows={2} maxLength={200} showCount />
          </Form.Item>
        </Col>
      </Row>
      {file ? null : (
        <Form.List name="categories">
          {(fields, { add, remove }) => (
            <Form.Item label={t('children.categories')} extra={fields.length ? undefined : t('children.form.categoriesHint')}>
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} wrap align="flex-start">
                    <Form.Item
                      name={[field.name, 'category']}
                      rules={[required(t('children.categoryUi.required'))]}
                      noStyle={false}
                      style={{ marginBottom: 0, flex: '1 1 200px' }}
                    >
                      <Select placeholder={t('children.category')} options={CATEGORY_LIST.map((c) => ({ value: c, label: label('category', c) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'since']} rules={[required(t('children.form.sinceRequired'))]} style={{ marginBottom: 0, flex: '0 1 150px' }}>
                      <DatePicker format={DATE} placeholder={t('children.since')} disabledDate={afterToday} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'sourceNote']} style={{ marginBottom: 0, flex: '1 1 180px' }}>
                      <Input maxLength={200} placeholder={t('children.sourceNote')} />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ since: dayjs() })} style={{ alignSelf: 'flex-start' }}>
                  {t('children.categoryUi.add')}
                </Button>
              </Flex>
            </Form.Item>
          )}
        </Form.List>
      )}
    </Section>
  );
}
