import { Col, Form, Input, Row, Select } from 'antd';
import { useT } from '../../../i18n/useT';
import { DISABILITY_TYPE_LIST, SCHOOL_STAGE_LIST } from '../types';
import { col, Section } from './Section';

/** 就学与健康: school, illness, disability; the mental-health note only for those with children.health. */
export function SchoolSection({ health }: { health: boolean }) {
  const t = useT();
  return (
    <Section title={t('children.section.school')}>
      <Row gutter={24}>
        <Col {...col}>
          <Form.Item name="schoolStage" label={t('children.schoolStage')}>
            <Select allowClear options={SCHOOL_STAGE_LIST.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="schoolName" label={t('children.schoolName')}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="schoolGrade" label={t('children.schoolGrade')}>
            <Input maxLength={20} placeholder={t('children.form.gradePlaceholder')} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="seriousIllness" label={t('children.seriousIllness')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="disabilityType" label={t('children.disabilityType')}>
            <Select allowClear options={DISABILITY_TYPE_LIST.map((d) => ({ value: d, label: d }))} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="disabilityGrade" label={t('children.disabilityGrade')}>
            <Select allowClear options={[1, 2, 3, 4].map((g) => ({ value: g, label: t('children.gradeValue', { grade: g }) }))} />
          </Form.Item>
        </Col>
        {health ? (
          <Col xs={24}>
            <Form.Item name="mentalHealthNote" label={t('children.mentalHealthNote')} extra={t('children.form.mentalHealthHint')}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
    </Section>
  );
}
