import { Col, DatePicker, Form, InputNumber, Row } from 'antd';
import { useT } from '../../../i18n/useT';
import { afterToday, DATE } from '../labels';
import { col, Section } from './Section';

/** 家庭经济: household size, income and assets (yuan in the form, fen on the wire). */
export function EconomySection() {
  const t = useT();
  return (
    <Section title={t('children.section.economy')}>
      <Row gutter={24}>
        <Col {...col}>
          <Form.Item name="householdSize" label={t('children.householdSize')}>
            <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} suffix={t('children.personsUnit')} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="monthlyIncome" label={t('children.monthlyIncome')} extra={t('children.form.moneyHint')}>
            <InputNumber min={0} max={100_000_000} precision={2} prefix="¥" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="assets" label={t('children.assets')}>
            <InputNumber min={0} max={1_000_000_000} precision={2} prefix="¥" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="assetsAssessedOn" label={t('children.assetsAssessedOn')}>
            <DatePicker format={DATE} disabledDate={afterToday} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </Section>
  );
}
