import { Col, Form, Input, Radio, Row, Select } from 'antd';
import { useT } from '../../../i18n/useT';
import { phoneRule } from '../MemberFields';
import { col, Section } from './Section';
import type { SelectProps } from 'antd';
import type { ChildFile } from '../types';

/** 居住与联系: committee (on edit only within the file's street), hukou, addresses and phone (masked values are kept unless typed again). */
export function ResidenceSection({
  file,
  committeeOptions,
  committeesLoading,
}: {
  file: ChildFile | null;
  committeeOptions: NonNullable<SelectProps['options']>;
  committeesLoading: boolean;
}) {
  const t = useT();
  const required = (message?: string) => ({ required: true, message: message ?? t('common.required') });
  return (
    <Section title={t('children.section.residence')}>
      <Row gutter={24}>
        <Col {...col}>
          <Form.Item
            name="committeeId"
            label={t('children.committee')}
            rules={[required(t('children.form.committeeRequired'))]}
            extra={file ? t('children.form.committeeHint') : undefined}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={committeesLoading}
              options={committeeOptions}
              placeholder={t('children.form.committeePlaceholder')}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="hukou" label={t('children.hukou')} rules={[required()]}>
            <Radio.Group>
              <Radio value="local">{t('children.hukou.local')}</Radio>
              <Radio value="other">{t('children.hukou.other')}</Radio>
            </Radio.Group>
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item
            name="residenceAddress"
            label={t('children.residenceAddress')}
            extra={file?.residenceAddressMasked ? t('children.form.keepMasked', { masked: file.residenceAddressMasked }) : undefined}
          >
            <Input maxLength={120} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item
            name="hukouAddress"
            label={t('children.hukouAddress')}
            extra={file?.hukouAddressMasked ? t('children.form.keepMasked', { masked: file.hukouAddressMasked }) : undefined}
          >
            <Input maxLength={120} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item
            name="phone"
            label={t('children.phone')}
            rules={[phoneRule(t('children.phoneInvalid'))]}
            validateTrigger="onBlur"
            extra={file?.phoneMasked ? t('children.form.keepMasked', { masked: file.phoneMasked }) : t('children.form.phoneHint')}
          >
            <Input className="mono" maxLength={20} autoComplete="off" inputMode="tel" />
          </Form.Item>
        </Col>
      </Row>
    </Section>
  );
}
