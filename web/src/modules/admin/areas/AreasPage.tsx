import { useEffect, useState } from 'react';
import { Badge, Card, Col, Menu, Row, Select } from 'antd';
import { ErrorResult } from '../../../components/ErrorResult';
import { PageHeader } from '../../../components/PageHeader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useLocalName } from '../../../hooks/useLocalName';
import { useT } from '../../../i18n/useT';
import { useRefreshAdmin, useStreets } from '../hooks';
import { CommitteePanel } from './CommitteePanel';

/** Streets on the left (a select on phones), the chosen street's committees on the right. */
export default function AreasPage() {
  const t = useT();
  const name = useLocalName();
  const mobile = useIsMobile();
  const streets = useStreets();
  const refresh = useRefreshAdmin();
  const [street, setStreet] = useState<string | undefined>(undefined);

  // Open on the first street so the page never starts empty.
  useEffect(() => {
    if (!street && streets.data?.items[0]) setStreet(streets.data.items[0].code);
  }, [street, streets.data]);

  if (streets.error && !streets.data) return <ErrorResult error={streets.error} onRetry={() => void streets.refetch()} />;
  const items = streets.data?.items ?? [];
  const current = items.find((s) => s.code === street);

  return (
    <>
      <PageHeader title={t('areas.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={7} xl={5}>
          {mobile ? (
            <Select
              style={{ width: '100%' }}
              value={street}
              onChange={setStreet}
              loading={streets.isLoading}
              options={items.map((s) => ({ value: s.code, label: `${name(s)} · ${t('areas.committeeCount', { count: s.committeeCount })}` }))}
            />
          ) : (
            <Card title={t('areas.streets')} size="small" loading={streets.isLoading} styles={{ body: { padding: 4 } }}>
              <Menu
                mode="inline"
                selectedKeys={street ? [street] : []}
                onClick={({ key }) => setStreet(key)}
                style={{ borderInlineEnd: 'none' }}
                items={items.map((s) => ({
                  key: s.code,
                  label: (
                    <span style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
                      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{name(s)}</span>
                      <Badge count={s.committeeCount} showZero color="#8c8c8c" overflowCount={999} />
                    </span>
                  ),
                }))}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} md={17} xl={19}>
          {current ? <CommitteePanel key={current.code} street={current} onChanged={refresh} /> : <Card>{t('areas.pickStreet')}</Card>}
        </Col>
      </Row>
    </>
  );
}
