import { useState } from 'react';
import { Button, Card, Result, Select, Tabs } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { queryClient } from '../../api/queryClient';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { WEB_MODULES } from '../../modules/registry';
import { ACCESS_REASON_REQUIRED } from '../access/api';
import { GrantBanner } from '../access/GrantBanner';
import { ReasonGate } from '../access/ReasonGate';
import { BasicInfoTab } from './BasicInfoTab';
import { CategoriesTab } from './CategoriesTab';
import { ChildQuickActions } from './ChildQuickActions';
import { FileHeader } from './FileHeader';
import { HistoryTab } from './HistoryTab';
import { MembersTab } from './MembersTab';
import { childKeys, childrenApi, FILE_STALE_TIME } from './api';

/** One child's file (一人一档): key facts and actions on top, then one tab per part of the file. */
export default function ChildDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const { data: file, isLoading: loading, error } = useQuery({ queryKey: childKeys.file(id), queryFn: () => childrenApi.get(id), staleTime: FILE_STALE_TIME });
  // After a change anywhere on the page: the file, its history and the lists are read again.
  const reload = () => void queryClient.invalidateQueries({ queryKey: childKeys.all });
  // ?tab= opens a given tab (links from work lists, e.g. "children without a mentor" → ?tab=mentor).
  const [params] = useSearchParams();
  const [tab, setTab] = useState(() => {
    const wanted = params.get('tab');
    if (!wanted) return 'basic';
    return ['basic', 'members', 'categories', 'history'].includes(wanted) ? wanted : `m:${wanted}`;
  });
  // The history tab reloads whenever the file changes (its version moves with every change).
  const version = file?.version ?? 0;

  if (loading && !file) return <FullPageSpin />;
  // 越权查阅: the caller's role opens a file only with a reason (the audit administrator is told).
  if (!file && error instanceof ApiError && error.code === ACCESS_REASON_REQUIRED) return <ReasonGate childId={id} onGranted={reload} />;
  // Out of scope and non-existent look the same on purpose (the server answers 404 for both).
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return (
      <Result
        status="404"
        title={t('children.notFound')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/children')}>
            {t('children.backToList')}
          </Button>
        }
      />
    );
  }
  if (!file) return <ErrorResult error={error} onRetry={reload} />;

  const moduleTabs = WEB_MODULES.flatMap((m) => m.childTabs ?? []).filter((tb) =>
    tb.permission ? can(tb.permission) : tb.anyPermission ? tb.anyPermission.some((p) => can(p)) : true,
  );
  // Daily work first (visits, problems), the file's reference data after, the history last.
  const ORDER: Record<string, number> = { basic: 0, 'm:visits': 1, 'm:problems': 2, members: 3, categories: 4, history: 99 };
  const items = [
    { key: 'basic', label: t('children.tab.basic'), children: <BasicInfoTab file={file} /> },
    { key: 'members', label: t('children.tab.members', { count: file.members.length }), children: <MembersTab file={file} onChanged={reload} /> },
    { key: 'categories', label: t('children.tab.categories'), children: <CategoriesTab file={file} onChanged={reload} /> },
    { key: 'history', label: t('children.tab.history'), children: <HistoryTab childId={file.id} version={version} /> },
    ...moduleTabs.map((tb) => ({ key: `m:${tb.key}`, label: t(tb.label), children: tb.render({ childId: file.id, onChanged: reload }) })),
  ].sort((a, b) => (ORDER[a.key] ?? 50) - (ORDER[b.key] ?? 50));

  // On a phone eleven tabs do not fit in a strip (seven were off-screen): the sections are a menu,
  // and the daily actions sit in the header, on the first screen.
  const openSection = (key: string) => {
    setTab(key);
    window.setTimeout(() => document.getElementById('child-sections')?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
  };
  if (mobile) {
    const current = items.find((i) => i.key === tab) ?? items[0]!;
    return (
      <>
        <GrantBanner childId={file.id} onEnded={() => navigate('/children')} />
        <FileHeader file={file} onChanged={reload} actions={<ChildQuickActions file={file} onSection={openSection} />} />
        <Card id="child-sections" size="small" styles={{ body: { paddingTop: 12 } }}>
          <Select
            aria-label={t('childFile.section')}
            size="large"
            value={current.key}
            onChange={setTab}
            options={items.map((i) => ({ value: i.key, label: i.label }))}
            style={{ width: '100%', marginBottom: 12 }}
            listHeight={400}
            // A dozen sections: all in the page (no virtual list), so a screen reader and a search find each.
            virtual={false}
          />
          <div key={current.key}>{current.children}</div>
        </Card>
      </>
    );
  }

  return (
    <>
      <GrantBanner childId={file.id} onEnded={() => navigate('/children')} />
      <FileHeader file={file} onChanged={reload} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs activeKey={tab} onChange={setTab} items={items} destroyOnHidden />
      </Card>
    </>
  );
}
