/**
 * The mapping editor: one row per source column — its header as the department writes it, the field
 * of the child file it fills, and the department's own words mapped to ours (刑满释放 → 健在, 一级 → 1).
 * Rows and value pairs are added and removed in place; the server's messages show under the field
 * they are about (see `mappingErrors`).
 */
import { Button, Empty, Flex, Form, Input, Select, Table, Typography, type FormInstance } from 'antd';
import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { DISABILITY_TYPES, MEMBER_STATUSES, SCHOOL_STAGES } from '@common/values';
import { useT } from '../../i18n/useT';
import { type ColumnRow } from './logic';
import { FEED_FIELDS, type FeedField } from './types';

/** Our values a field takes, when it has a fixed list (the value map then offers them). */
function ourValues(field: FeedField | undefined): { value: string; label: string }[] | null {
  switch (field) {
    case 'status':
      return Object.entries(MEMBER_STATUSES).map(([value, label]) => ({ value, label: `${label}（${value}）` }));
    case 'disabilityType':
      return DISABILITY_TYPES.map((v) => ({ value: v, label: v }));
    case 'disabilityGrade':
      return ['1', '2', '3', '4'].map((v) => ({ value: v, label: `${v}级` }));
    case 'schoolStage':
      return SCHOOL_STAGES.map((v) => ({ value: v, label: v }));
    default:
      return null;
  }
}

function ValueMap({ form, index, disabled }: { form: FormInstance; index: number; disabled: boolean }) {
  const t = useT();
  const field = Form.useWatch<FeedField | undefined>(['columns', index, 'field'], form);
  const options = ourValues(field);
  return (
    <Form.List name={[index, 'values']}>
      {(pairs, { add, remove }) => (
        <Flex vertical gap={4}>
          {pairs.length === 0 ? <Typography.Text type="secondary">{t('feeds.mapping.noValues')}</Typography.Text> : null}
          {pairs.map((pair) => (
            <Flex key={pair.key} gap={4} align="start">
              <Form.Item
                name={[pair.name, 'from']}
                style={{ marginBottom: 0, flex: 1 }}
                rules={[{ required: true, whitespace: true, message: t('feeds.mapping.valueRequired') }]}
              >
                <Input aria-label={t('feeds.mapping.valueSource')} placeholder={t('feeds.mapping.valueSource')} disabled={disabled} />
              </Form.Item>
              <span style={{ lineHeight: '32px' }}>→</span>
              <Form.Item
                name={[pair.name, 'to']}
                style={{ marginBottom: 0, flex: 1 }}
                rules={[{ required: true, whitespace: true, message: t('feeds.mapping.valueRequired') }]}
              >
                {options ? (
                  <Select
                    aria-label={t('feeds.mapping.valueOurs')}
                    placeholder={t('feeds.mapping.valueOurs')}
                    options={options}
                    disabled={disabled}
                    popupMatchSelectWidth={false}
                  />
                ) : (
                  <Input aria-label={t('feeds.mapping.valueOurs')} placeholder={t('feeds.mapping.valueOurs')} disabled={disabled} />
                )}
              </Form.Item>
              {!disabled ? <Button type="text" aria-label={t('common.delete')} icon={<MinusCircleOutlined />} onClick={() => remove(pair.name)} /> : null}
            </Flex>
          ))}
          {!disabled ? (
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ from: '', to: undefined })} style={{ alignSelf: 'flex-start' }}>
              {t('feeds.mapping.addValue')}
            </Button>
          ) : null}
        </Flex>
      )}
    </Form.List>
  );
}

/** The rows of `columns` in the enclosing form, as a table. */
export function MappingEditor({ form, disabled }: { form: FormInstance<{ columns?: ColumnRow[] }>; disabled: boolean }) {
  const t = useT();
  return (
    <Form.List name="columns">
      {(rows, { add, remove }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 760 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('feeds.mapping.empty')} /> }}
            columns={[
              {
                title: t('feeds.mapping.header'),
                key: 'header',
                width: 220,
                render: (_, row) => (
                  <Form.Item
                    name={[row.name, 'header']}
                    style={{ marginBottom: 0 }}
                    rules={[
                      { required: true, whitespace: true, message: t('feeds.mapping.headerRequired') },
                      {
                        validator: async (_rule, value: unknown) => {
                          const rowsNow = form.getFieldsValue().columns ?? [];
                          const mine = typeof value === 'string' ? value.trim() : '';
                          if (mine && rowsNow.filter((r) => (r?.header ?? '').trim() === mine).length > 1)
                            throw new Error(t('feeds.mapping.headerDuplicate', { header: mine }));
                        },
                      },
                    ]}
                  >
                    <Input aria-label={`${t('feeds.mapping.header')} ${row.name + 1}`} disabled={disabled} />
                  </Form.Item>
                ),
              },
              {
                title: t('feeds.mapping.field'),
                key: 'field',
                width: 200,
                render: (_, row) => (
                  <Form.Item name={[row.name, 'field']} style={{ marginBottom: 0 }} rules={[{ required: true, message: t('feeds.mapping.fieldRequired') }]}>
                    <Select
                      aria-label={`${t('feeds.mapping.field')} ${row.name + 1}`}
                      disabled={disabled}
                      options={FEED_FIELDS.map((f) => ({ value: f, label: t(`feeds.field.${f}`) }))}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('feeds.mapping.values'),
                key: 'values',
                render: (_, row) => <ValueMap form={form} index={row.name} disabled={disabled} />,
              },
              ...(disabled
                ? []
                : [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 70,
                      render: (_: unknown, row: { name: number }) => (
                        <Button danger type="text" aria-label={t('feeds.mapping.remove')} icon={<DeleteOutlined />} onClick={() => remove(row.name)} />
                      ),
                    },
                  ]),
            ]}
          />
          {!disabled ? (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ header: '', field: undefined, values: [] })} style={{ marginTop: 8 }} block>
              {t('feeds.mapping.add')}
            </Button>
          ) : null}
        </>
      )}
    </Form.List>
  );
}
