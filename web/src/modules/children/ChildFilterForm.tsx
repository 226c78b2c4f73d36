import { Children, useState, type ReactNode } from 'react';
import { Card, Col, Form, Row, type FormInstance } from 'antd';
import { useIsMobile } from '../../hooks/useIsMobile';
import { FilterActions } from '../../components/FilterForm';

/**
 * The list's filter form: like the shared FilterForm (one row, the rest behind "展开"), but the
 * keyword box is wider so that its hint — name, pinyin, initials or identity digits — can be read.
 */
export function ChildFilterForm<V extends object>({
  form,
  onSearch,
  onReset,
  children,
  initialValues,
  visibleCount,
  expandedInitially = false,
}: {
  form: FormInstance<V>;
  onSearch: (values: V) => void;
  onReset: () => void;
  children: ReactNode;
  initialValues: Partial<V>;
  visibleCount: number;
  /** Open when a filter behind "展开" is already set (e.g. arriving from a dashboard figure). */
  expandedInitially?: boolean;
}) {
  const mobile = useIsMobile();
  const [expanded, setExpanded] = useState(expandedInitially);
  const items = Children.toArray(children);
  const collapsible = items.length > visibleCount;
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" onFinish={onSearch} initialValues={initialValues} className="filter-form">
        {/* Top-aligned: a taller field (the row of checkboxes) must not push its neighbours down. */}
        <Row gutter={16} align="top">
          {items.map((item, i) => (
            <Col
              key={i}
              xs={24}
              // The first (keyword) and the last (the checkboxes of 其他条件) get room to stay on one line.
              sm={i === 0 || i === items.length - 1 ? 24 : 12}
              lg={i === 0 || i === items.length - 1 ? 12 : 6}
              xl={i === 0 || i === items.length - 1 ? 8 : 5}
              style={collapsible && !expanded && i >= visibleCount ? { display: 'none' } : undefined}
            >
              {item}
            </Col>
          ))}
          <Col xs={24} sm={24} lg={12} xl={6} style={{ marginInlineStart: 'auto' }}>
            <Form.Item label={mobile ? undefined : ' '} colon={false}>
              <FilterActions form={form} onReset={onReset} collapsible={collapsible} expanded={expanded} onToggle={() => setExpanded((v) => !v)} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
