import { Col, Form, Radio, Row, Typography } from 'antd';
import { useT } from '../../../i18n/useT';
import { TRI_CHOICES } from '../childForm';
import { col, Section } from './Section';

/** 免申即享 facts (是 / 否 / 未知); HIV status only for those with children.health. */
export function FactsSection({ health }: { health: boolean }) {
  const t = useT();
  return (
    <Section title={t('children.section.eligibilityFacts')}>
      <Typography.Paragraph type="secondary">{t('children.form.factsHint')}</Typography.Paragraph>
      <Row gutter={24}>
        {(['adopted', 'autism', 'caregiverCanRaise'] as const).map((k) => (
          <Col {...col} key={k}>
            <Form.Item name={k} label={t(`children.${k}`)} extra={k === 'caregiverCanRaise' ? t('children.form.caregiverCanRaiseHint') : undefined}>
              <Radio.Group optionType="button" options={TRI_CHOICES.map((v) => ({ value: v, label: t(`children.fact.${v}`) }))} />
            </Form.Item>
          </Col>
        ))}
        {health ? (
          <Col {...col}>
            <Form.Item name="hivInfected" label={t('children.hivInfected')} extra={t('children.form.hivHint')}>
              <Radio.Group optionType="button" options={TRI_CHOICES.map((v) => ({ value: v, label: t(`children.fact.${v}`) }))} />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
    </Section>
  );
}
