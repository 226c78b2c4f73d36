import { Alert, Col, DatePicker, Form, Input, Radio, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../../components/format';
import { useT } from '../../../i18n/useT';
import { afterToday, DATE } from '../labels';
import { idNumberRule } from '../MemberFields';
import { col, Section } from './Section';
import type { ChildFile, DuplicateResult } from '../types';

/** 身份: name, identity number (sex and birth date derived from it) or the reason there is none; duplicate and similar files found on blur. */
export function IdentitySection({
  file,
  dup,
  withoutId,
  idOk,
  onCheck,
  onIdChange,
}: {
  file: ChildFile | null;
  dup: DuplicateResult | null;
  withoutId: boolean;
  idOk: boolean;
  onCheck: () => void;
  onIdChange: (value: string) => void;
}) {
  const t = useT();
  const required = (message: string) => ({ required: true, message });
  return (
    <Section title={t('children.section.identity')}>
      <Row gutter={24}>
        <Col {...col}>
          <Form.Item name="name" label={t('children.name')} rules={[{ required: true, whitespace: true, message: t('children.form.nameRequired') }]}>
            <Input maxLength={40} onBlur={onCheck} autoComplete="off" />
          </Form.Item>
        </Col>
        {file ? (
          <>
            <Col {...col}>
              <Form.Item label={t('children.idNumber')} extra={t('children.form.identityLocked')}>
                {file.idNumberMasked ? (
                  <span className="mono">{file.idNumberMasked}</span>
                ) : (
                  <Typography.Text type="secondary">{t('children.noIdWithNote', { note: file.noIdNote ?? '—' })}</Typography.Text>
                )}
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('children.sex')}>{t(`children.sex.${file.sex}`)}</Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item label={t('children.birthDate')}>{t('children.birthWithAge', { date: formatDate(file.birthDate), age: file.age })}</Form.Item>
            </Col>
          </>
        ) : (
          <>
            <Col {...col}>
              <Form.Item
                name="idNumber"
                label={t('children.idNumber')}
                rules={[idNumberRule()]}
                validateTrigger="onBlur"
                extra={idOk ? t('children.form.idFilled') : t('children.form.idHint')}
              >
                <Input className="mono" maxLength={24} autoComplete="off" onChange={(e) => onIdChange(e.target.value)} onBlur={onCheck} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="sex" label={t('children.sex')} rules={withoutId ? [required(t('children.form.sexRequired'))] : []}>
                <Radio.Group disabled={!!idOk}>
                  <Radio value="M">{t('children.sex.M')}</Radio>
                  <Radio value="F">{t('children.sex.F')}</Radio>
                </Radio.Group>
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="birthDate" label={t('children.birthDate')} rules={withoutId ? [required(t('children.form.birthRequired'))] : []}>
                <DatePicker format={DATE} disabled={!!idOk} disabledDate={afterToday} style={{ width: '100%' }} onBlur={onCheck} />
              </Form.Item>
            </Col>
            {withoutId ? (
              <Col xs={24}>
                <Form.Item
                  name="noIdNote"
                  label={t('children.noIdNote')}
                  rules={[{ required: true, whitespace: true, message: t('children.form.noIdNoteRequired') }]}
                  extra={t('children.form.noIdNoteHint')}
                >
                  <Input maxLength={200} placeholder={t('children.form.noIdNotePlaceholder')} />
                </Form.Item>
              </Col>
            ) : null}
            <Col {...col}>
              <Form.Item name="registeredOn" label={t('children.registeredOn')}>
                <DatePicker format={DATE} disabledDate={afterToday} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </>
        )}
        <Col {...col}>
          <Form.Item name="ethnicity" label={t('children.ethnicity')}>
            <Input maxLength={20} placeholder={t('children.form.ethnicityPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      {dup ? (
        <div style={{ marginBottom: 16 }}>
          {dup.duplicate ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              title={dup.duplicate.message}
              action={dup.duplicate.id ? <Link to={`/children/${encodeURIComponent(dup.duplicate.id)}`}>{t('children.form.openFile')}</Link> : undefined}
            />
          ) : null}
          {dup.similar.length ? (
            <Alert
              type="warning"
              showIcon
              title={t('children.form.similarTitle')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {dup.similar.map((s, i) => (
                    <li key={s.id ?? i}>
                      {s.name} · {s.streetName}
                      {s.committeeName ? ` ${s.committeeName}` : ''}
                      {s.id ? (
                        <>
                          {' '}
                          ·{' '}
                          <Link to={`/children/${encodeURIComponent(s.id)}`} target="_blank">
                            {t('children.form.openFile')}
                          </Link>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}
