import { useMemo, useState } from 'react';
import { Alert, App, Card, Checkbox, Col, DatePicker, Flex, Form, Input, Modal, Radio, Row, Statistic, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { CATEGORIES } from '@common/values';
import { ApiError } from '../../../api/client';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { ASSESSMENT_METHODS, assessmentsApi, scoreAssessment, type AssessmentDetail, type AssessmentMethod } from './api';
import { day, today } from './dates';
import { GradeTag } from './labels';

interface Values {
  assessorName: string;
  assessedOn: Dayjs;
  methods: AssessmentMethod[];
  reassessOn: Dayjs | null;
  answers: Record<string, number | undefined>;
  narrative: string;
  measures?: string;
}

const CHAIN_CATEGORY = { missing: 'guardianship_missing', improper: 'guardianship_improper' } as const;

/**
 * 录入评估结果: the questionnaire of the instrument version the assessment holds, dimension by
 * dimension, with the live score and grade (the same common scoring function the server uses), and
 * a warning when the grade will raise the child's risk.
 */
export function RecordResultModal({
  assessment,
  onClose,
  onDone,
  onConflict,
}: {
  assessment: AssessmentDetail;
  onClose: () => void;
  onDone: (a: AssessmentDetail) => void;
  onConflict: () => void;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const showError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const ins = assessment.instrument;
  const watched = Form.useWatch('answers', form);
  const answers = useMemo(() => watched ?? {}, [watched]);
  const score = useMemo(() => (ins ? scoreAssessment(ins, answers) : null), [ins, answers]);
  const totalItems = ins ? ins.definition.dimensions.reduce((n, d) => n + d.items.length, 0) : 0;
  const answered = Object.values(answers).filter((v) => v !== undefined && v !== null).length;
  if (!ins) return null;

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const clean = Object.fromEntries(Object.entries(v.answers ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'));
      const r = await assessmentsApi.record(assessment.id, {
        version: assessment.version,
        methods: v.methods,
        assessorName: v.assessorName,
        assessedOn: day(v.assessedOn) ?? '',
        answers: clean,
        narrative: v.narrative,
        measures: v.measures || null,
        reassessOn: day(v.reassessOn),
      });
      void message.success(t('guardianship.assess.record.done'));
      if (r.chain?.riskRaised || r.chain?.categoryAdded) {
        const cat = r.chain.categoryAdded
          ? t('guardianship.assess.record.chainCategory', {
              category: r.chain.categoryAdded === 'guardianship_missing' ? CATEGORIES.guardianship_missing : CATEGORIES.guardianship_improper,
            })
          : '';
        void message.warning(t('guardianship.assess.record.chainDone', { category: cat }), 6);
      }
      onDone(r);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.code === 'VERSION_CONFLICT') {
        void message.warning(t('guardianship.assess.conflict'));
        onConflict();
      } else showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  const effect = score?.complete ? score.grade.effect : null;
  const chainCategory = effect === 'missing' || effect === 'improper' ? CATEGORIES[CHAIN_CATEGORY[effect]] : null;

  const live = (
    <Card size="small" data-testid="live-score" style={mobile ? undefined : { position: 'sticky', top: 0, zIndex: 2 }}>
      <Flex gap={16} wrap align="center">
        <Statistic title={t('guardianship.assess.record.live')} value={score?.complete ? score.total.toFixed(2) : '—'} />
        {score?.complete ? (
          <span data-testid="live-grade">
            <GradeTag name={score.grade.name} effect={score.grade.effect} />
          </span>
        ) : (
          <Typography.Text type="secondary">{t('guardianship.assess.record.incomplete', { n: totalItems - answered })}</Typography.Text>
        )}
        <Typography.Text type="secondary">{t('guardianship.assess.record.answered', { answered, total: totalItems })}</Typography.Text>
      </Flex>
      {score ? (
        <Flex gap={12} wrap style={{ marginTop: 8 }}>
          {score.dimensions.map((d) => (
            <Typography.Text key={d.code} type="secondary" style={{ fontSize: 13 }}>
              {d.name}：{d.score}/{d.max}
            </Typography.Text>
          ))}
        </Flex>
      ) : null}
      {chainCategory ? (
        <Alert style={{ marginTop: 8 }} type="error" showIcon message={t('guardianship.assess.record.chainWarning', { category: chainCategory })} />
      ) : null}
    </Card>
  );

  return (
    <Modal
      open
      title={t('guardianship.assess.record.title')}
      width={mobile ? '100%' : 880}
      style={mobile ? { top: 0, maxWidth: '100vw', paddingBottom: 0 } : undefined}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ assessedOn: today(), methods: [...ASSESSMENT_METHODS], reassessOn: today().add(6, 'month'), answers: {} }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="assessorName"
              label={t('guardianship.assess.record.assessorName')}
              rules={[{ required: true, whitespace: true, message: '请填写评估人' }]}
            >
              <Input maxLength={40} data-testid="record-assessor" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="assessedOn" label={t('guardianship.assess.record.assessedOn')} rules={[{ required: true, message: '请选择评估日期' }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today()) || d.isBefore(dayjs(assessment.commissionedOn))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="reassessOn" label={t('guardianship.assess.record.reassessOn')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => !d.isAfter(today())} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="methods"
          label={t('guardianship.assess.record.methods')}
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种评估方法' }]}
        >
          <Checkbox.Group options={ASSESSMENT_METHODS.map((m) => ({ value: m, label: t(`guardianship.assess.method.${m}`) }))} />
        </Form.Item>
        <Typography.Title level={5}>{t('guardianship.assess.record.questionnaire')}</Typography.Title>
        {live}
        {ins.definition.dimensions.map((d) => (
          <Card key={d.code} size="small" title={`${d.name}（${t('guardianship.instruments.editor.weight')} ${d.weight}）`} style={{ marginTop: 12 }}>
            {d.items.map((it, i) => (
              <Form.Item
                key={it.code}
                name={['answers', it.code]}
                label={`${i + 1}. ${it.text}`}
                rules={[{ required: true, message: `请回答"${it.text}"` }]}
                data-testid={`item-${it.code}`}
              >
                <Radio.Group>
                  <Flex vertical={mobile} gap={mobile ? 4 : 0} wrap>
                    {it.options.map((o, oi) => (
                      <Radio key={oi} value={oi}>
                        {o.label}
                        <Typography.Text type="secondary"> （{o.score}）</Typography.Text>
                      </Radio>
                    ))}
                  </Flex>
                </Radio.Group>
              </Form.Item>
            ))}
          </Card>
        ))}
        <Form.Item
          name="narrative"
          label={t('guardianship.assess.detail.narrative')}
          style={{ marginTop: 12 }}
          rules={[{ required: true, whitespace: true, message: '请填写评估意见' }]}
        >
          <Input.TextArea rows={4} maxLength={5000} showCount data-testid="record-narrative" />
        </Form.Item>
        <Form.Item name="measures" label={t('guardianship.assess.detail.measures')}>
          <Input.TextArea rows={2} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
