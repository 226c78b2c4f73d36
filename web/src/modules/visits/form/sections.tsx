/**
 * The parts of the visit form, top to bottom: the child's summary, the visit's basics (date, people
 * met, kind), the checklist, findings, problems, and the sticky save bar. VisitFormPage holds the
 * state and the saving; these only lay out fields.
 */
import type { ReactNode, RefObject } from 'react';
import { Button, Card, DatePicker, Flex, Form, Input, List, Radio, Tag, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { formatDate } from '../../../components/format';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import type { Visit, VisitForm } from '../api';
import { ChecklistInput, type CheckRow } from '../ChecklistInput';
import { DueTag, RiskTag, useCodeLabel, VISIT_KINDS } from '../labels';
import { ProblemsInput } from '../ProblemsInput';

/** A titled card of the form, with an optional hint under the title. */
export function FormSection({ title, extra, hint, children }: { title: string; extra?: ReactNode; hint?: string; children: ReactNode }) {
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={title} extra={extra} styles={{ body: { paddingTop: hint ? 8 : undefined } }}>
      {hint ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 4 }}>
          {hint}
        </Typography.Paragraph>
      ) : null}
      {children}
    </Card>
  );
}

/** Whom the visit is for: name (to the file), risk, due state, area, last and next visit. */
export function ChildSummary({ child, today }: { child: VisitForm['child']; today: Dayjs }) {
  const t = useT();
  const overdueDays = child.nextVisitDue ? today.diff(child.nextVisitDue, 'day') : null;
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8} wrap>
          <Link to={`/children/${encodeURIComponent(child.id)}`}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {child.name}
            </Typography.Title>
          </Link>
          <RiskTag level={child.riskLevel} />
          {child.status === 'active' ? <DueTag daysOverdue={overdueDays} due={child.nextVisitDue} /> : null}
        </Flex>
        <Typography.Text type="secondary">
          {child.streetName} · {child.committeeName}
        </Typography.Text>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('visits.form.lastVisit', { date: child.lastVisitOn ? formatDate(child.lastVisitOn) : t('visits.neverVisited') })}
        {' · '}
        {t('visits.form.nextDue', { date: formatDate(child.nextVisitDue) })}
      </Typography.Text>
    </Card>
  );
}

/** 走访日期 (not in the future, not before birth), 见到的人, 走访方式. */
export function VisitBasics({ today, birth }: { today: Dayjs; birth: Dayjs }) {
  const t = useT();
  const mobile = useIsMobile();
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex gap={mobile ? 0 : 16} vertical={mobile}>
        <Form.Item
          name="visitedOn"
          label={t('visits.form.visitedOn')}
          rules={[{ required: true, message: t('visits.form.visitedOnRequired') }]}
          style={{ flex: 1 }}
        >
          <DatePicker
            size="large"
            style={{ width: '100%' }}
            format="YYYY-MM-DD"
            allowClear={false}
            inputReadOnly={mobile}
            disabledDate={(d) => d.isAfter(today, 'day') || d.isBefore(birth, 'day')}
          />
        </Form.Item>
        <Form.Item name="peopleMet" label={t('visits.form.peopleMet')} style={{ flex: 1 }}>
          <Input size="large" maxLength={200} placeholder={t('visits.form.peopleMetPlaceholder')} style={{ fontSize: 16 }} />
        </Form.Item>
      </Flex>
      <Form.Item name="kind" label={t('visits.form.kind')} rules={[{ required: true, message: t('visits.form.kindRequired') }]} style={{ marginBottom: 0 }}>
        <Radio.Group
          block
          optionType="button"
          buttonStyle="solid"
          size="large"
          options={VISIT_KINDS.map((k) => ({ value: k, label: t(`visits.kind.${k}`), style: { height: 44, lineHeight: '42px', fontSize: 16 } }))}
        />
      </Form.Item>
    </Card>
  );
}

/** 关爱服务内容: one choice per item, with how many are answered. */
export function ChecklistSection({ rows, done, strict }: { rows: CheckRow[]; done: number; strict: RefObject<boolean> }) {
  const t = useT();
  return (
    <FormSection
      title={t('visits.form.checklist')}
      extra={<Tag color={done === rows.length ? 'green' : 'default'}>{t('visits.form.answered', { done, total: rows.length })}</Tag>}
      hint={t('visits.form.checklistHint')}
    >
      <ChecklistInput rows={rows} strict={strict} />
    </FormSection>
  );
}

/** 走访情况: free text. */
export function FindingsSection() {
  const t = useT();
  return (
    <FormSection title={t('visits.form.findings')}>
      <Form.Item name="findings" style={{ marginBottom: 0 }}>
        <Input.TextArea
          aria-label={t('visits.form.findings')}
          autoSize={{ minRows: 4, maxRows: 12 }}
          maxLength={4000}
          showCount
          placeholder={t('visits.form.findingsPlaceholder')}
          style={{ fontSize: 16 }}
        />
      </Form.Item>
    </FormSection>
  );
}

/** 发现的问题: the problem records this visit already raised (when corrected), then new ones. */
export function ProblemsSection({ visit, visitedOn }: { visit: Visit | null; visitedOn: Dayjs | null }) {
  const t = useT();
  const label = useCodeLabel();
  return (
    <FormSection title={t('visits.form.problems')} hint={t('visits.form.problemsHint')}>
      {visit && visit.problems.length ? (
        <List
          size="small"
          style={{ marginBottom: 12 }}
          header={<Typography.Text type="secondary">{t('visits.form.existingProblems')}</Typography.Text>}
          dataSource={visit.problems}
          renderItem={(p) => (
            <List.Item>
              <Flex vertical gap={2}>
                <span>{p.description}</span>
                <Flex gap={4} wrap>
                  <Tag>{label('visits.problemCategory', p.category)}</Tag>
                  <Tag color={p.severity === 'high' ? 'red' : p.severity === 'medium' ? 'orange' : 'green'}>{label('visits.severity', p.severity)}</Tag>
                  <Tag>{label('visits.problemStatus', p.status)}</Tag>
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      ) : null}
      <ProblemsInput minDate={visitedOn} />
    </FormSection>
  );
}

/** The save bar, kept at the bottom of the screen: 保存草稿 + 提交, or 保存更正 for a submitted visit. */
export function SaveBar({ correcting, saving, onSave }: { correcting: boolean; saving: 'draft' | 'submit' | null; onSave: (submit: boolean) => void }) {
  const t = useT();
  const mobile = useIsMobile();
  return (
    <div
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 5,
        background: '#fff',
        padding: 12,
        marginInline: mobile ? -12 : 0,
        borderTop: '1px solid #f0f0f0',
        boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
        borderRadius: mobile ? 0 : 4,
      }}
    >
      <Flex gap={12}>
        {correcting ? (
          <Button type="primary" size="large" block icon={<SaveOutlined />} loading={saving === 'submit'} onClick={() => onSave(true)} style={{ height: 48 }}>
            {t('visits.form.saveCorrection')}
          </Button>
        ) : (
          <>
            <Button size="large" block icon={<SaveOutlined />} loading={saving === 'draft'} onClick={() => onSave(false)} style={{ height: 48 }}>
              {t('visits.form.saveDraft')}
            </Button>
            <Button type="primary" size="large" block icon={<SendOutlined />} loading={saving === 'submit'} onClick={() => onSave(true)} style={{ height: 48 }}>
              {t('visits.form.submit')}
            </Button>
          </>
        )}
      </Flex>
    </div>
  );
}
