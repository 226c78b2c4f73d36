import { Children, useState, type ReactNode } from 'react';
import { Button, Card, Col, Form, Row, Space, type FormInstance } from 'antd';
import { DownOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import { useT } from '../i18n/useT';

interface FilterFormProps<V> {
  form: FormInstance<V>;
  onSearch: (values: V) => void;
  onReset?: () => void;
  /** Form.Item elements; those beyond the first row are hidden until expanded (ui.md). */
  children: ReactNode;
  initialValues?: Partial<V>;
  visibleCount?: number;
}

/** The filter form above every list: one row by default, the rest behind "展开". */
export function FilterForm<V extends object>({ form, onSearch, onReset, children, initialValues, visibleCount = 3 }: FilterFormProps<V>) {
  const [expanded, setExpanded] = useState(false);
  const items = Children.toArray(children);
  const collapsible = items.length > visibleCount;

  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" onFinish={onSearch} initialValues={initialValues} className="filter-form">
        {/* Top-aligned: a taller field must not push its neighbours down. */}
        <Row gutter={16} align="top">
          {items.map((item, i) => (
            <Col key={i} xs={24} sm={12} lg={8} xl={6} style={collapsible && !expanded && i >= visibleCount ? { display: 'none' } : undefined}>
              {item}
            </Col>
          ))}
          <Col xs={24} sm={12} lg={8} xl={6}>
            <Form.Item label=" " colon={false}>
              <FilterActions form={form} onReset={onReset} collapsible={collapsible} expanded={expanded} onToggle={() => setExpanded((v) => !v)} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

/** The buttons of a filter form: search, reset (clears the fields, then `onReset`), expand/collapse. */
export function FilterActions({
  form,
  onReset,
  collapsible,
  expanded,
  onToggle,
}: {
  form: FormInstance;
  onReset?: () => void;
  collapsible: boolean;
  expanded: boolean;
  onToggle: () => void;
}) {
  const t = useT();
  return (
    <Space wrap>
      <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
        {t('common.search')}
      </Button>
      <Button
        onClick={() => {
          form.resetFields();
          onReset?.();
        }}
      >
        {t('common.reset')}
      </Button>
      {collapsible ? (
        <Button type="link" onClick={onToggle} icon={expanded ? <UpOutlined /> : <DownOutlined />}>
          {expanded ? t('common.collapse') : t('common.expand')}
        </Button>
      ) : null}
    </Space>
  );
}
