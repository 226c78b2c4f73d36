import type { RefObject } from 'react';
import { ConfigProvider, Flex, Form, Input, Radio, Typography } from 'antd';
import { useT } from '../../i18n/useT';
import type { CheckStatus } from './api';
import { CHECK_COLOR } from './labels';

const STATUSES: CheckStatus[] = ['ok', 'attention', 'na'];

export interface CheckRow {
  code: string;
  label: string;
  hint: string | null;
  /** No longer on the active list: kept only because this (submitted) visit recorded it. */
  retired?: boolean;
}

/** 正常 / 需关注 / 不适用 as three large buttons; the chosen one takes its status colour. */
function CheckChoice({ value, onChange, id, label }: { value?: CheckStatus; onChange?: (v: CheckStatus) => void; id?: string; label: string }) {
  const t = useT();
  return (
    <ConfigProvider theme={value ? { token: { colorPrimary: CHECK_COLOR[value] } } : undefined}>
      <Radio.Group
        id={id}
        aria-label={label}
        block
        optionType="button"
        buttonStyle="solid"
        size="large"
        value={value}
        onChange={(e) => onChange?.(e.target.value as CheckStatus)}
        options={STATUSES.map((s) => ({ value: s, label: t(`visits.check.${s}`), style: { height: 44, lineHeight: '42px', fontSize: 16 } }))}
      />
    </ConfigProvider>
  );
}

/**
 * The service checklist as a vertical list: one block per item, a segmented choice, and a note
 * field that appears for 需关注. `strict` (a ref read at validation time) is true when submitting:
 * then every item needs a choice and every 需关注 a note; a draft may be incomplete.
 */
export function ChecklistInput({ rows, strict }: { rows: CheckRow[]; strict: RefObject<boolean> }) {
  const t = useT();
  return (
    <Flex vertical>
      {rows.map((row, i) => (
        <section
          key={row.code}
          aria-label={row.label}
          data-check={row.code}
          style={{ padding: '12px 0', borderTop: i === 0 ? undefined : '1px solid #f0f0f0' }}
        >
          <Typography.Text strong style={{ fontSize: 16 }}>
            {row.label}
          </Typography.Text>
          {row.retired ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' '}
              {t('visits.form.retired')}
            </Typography.Text>
          ) : null}
          {row.hint ? (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '2px 0 8px' }}>
              {row.hint}
            </Typography.Paragraph>
          ) : (
            <div style={{ height: 8 }} />
          )}
          <Form.Item
            name={['checklist', row.code, 'status']}
            style={{ marginBottom: 0 }}
            rules={[
              {
                validator: async (_, v) => {
                  if (strict.current && !v) throw new Error(t('visits.form.choiceRequired'));
                },
              },
            ]}
          >
            <CheckChoice label={row.label} />
          </Form.Item>
          <Form.Item noStyle dependencies={[['checklist', row.code, 'status']]}>
            {({ getFieldValue }) =>
              getFieldValue(['checklist', row.code, 'status']) === 'attention' ? (
                <Form.Item
                  name={['checklist', row.code, 'note']}
                  style={{ marginTop: 8, marginBottom: 0 }}
                  rules={[
                    {
                      validator: async (_, v?: string) => {
                        if (strict.current && !v?.trim()) throw new Error(t('visits.form.noteRequired'));
                      },
                    },
                  ]}
                >
                  <Input.TextArea
                    aria-label={`${row.label} ${t('visits.form.note')}`}
                    placeholder={t('visits.form.notePlaceholder')}
                    autoSize={{ minRows: 2, maxRows: 6 }}
                    maxLength={500}
                    style={{ fontSize: 16 }}
                  />
                </Form.Item>
              ) : null
            }
          </Form.Item>
        </section>
      ))}
    </Flex>
  );
}
