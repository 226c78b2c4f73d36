import { Button, Card, Descriptions, Flex, Result, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api, seg } from '../../api/client';
import type { ChildDetail } from '../../api/types';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { ageOf, formatDate } from '../../components/format';
import { useApi } from '../../hooks/useApi';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { isMessageKey } from '../../locales/zh-CN';
import { ChildStatusTag } from './childStatus';
import { GuardiansTable } from './GuardiansTable';
import { UnmaskButton } from './UnmaskButton';

/** One child's file: key facts on top (readable on a phone), then one tab per part of the file. */
export default function ChildDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const { can } = useAuth();
  const { data: child, loading, error, reload } = useApi(() => api.get<ChildDetail>(`/api/children/${seg(id)}`), [id]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/children')}>
      {t('children.backToList')}
    </Button>
  );

  if (loading && !child) return <FullPageSpin />;
  // Out of scope and non-existent look the same on purpose (the server answers 404 for both).
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return <Result status="404" title={t('children.notFound')} extra={back} />;
  }
  if (error || !child) return <ErrorResult error={error} onRetry={reload} />;

  const age = ageOf(child.birthDate);
  const hukouLabel = (value: string) => {
    const key = `children.hukou.${value}`;
    return isMessageKey(key) ? t(key) : value || '—';
  };
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Flex align="center" gap={12} wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {child.name}
            </Typography.Title>
            <ChildStatusTag status={child.status} />
            <Tag>{t(`children.sex.${child.sex}`)}</Tag>
            {age !== null ? <Tag>{t('children.ageValue', { age })}</Tag> : null}
          </Flex>
          {mobile ? null : back}
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'birth', label: t('children.birthDate'), children: formatDate(child.birthDate) },
            {
              key: 'id',
              label: t('children.idNumber'),
              children: (
                <Flex wrap gap={8} align="center">
                  <span className="mono">{child.idNumberMasked ?? '—'}</span>
                  {can('children.unmask') && child.idNumberMasked ? <UnmaskButton childId={child.id} /> : null}
                </Flex>
              ),
            },
            { key: 'hukou', label: t('children.hukou'), children: hukouLabel(child.hukou) },
            { key: 'area', label: t('children.area'), children: `${child.streetName} · ${child.committeeName}` },
          ]}
        />
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          items={[
            {
              key: 'guardians',
              label: t('children.tab.guardians'),
              children: <GuardiansTable guardians={child.guardians} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
