-- Home visits (走访) on schedule: configurable interval rules, the service-content and duty
-- checklists as data, visit records (drafts kept), and the next-due computation.
create table visit_rules (
  id uuid primary key default gen_random_uuid(),
  risk_level text check (risk_level in ('high', 'medium', 'low')),
  category text,
  interval_days int not null check (interval_days between 1 and 366),
  label text not null,
  active boolean not null default true,
  updated_at timestamptz not null default now(),
  check (risk_level is not null or category is not null)
);
-- Defaults stated in the product: high risk monthly, medium every two months, low quarterly;
-- scattered orphans and de-facto unsupported children at least monthly.
insert into visit_rules (risk_level, category, interval_days, label) values
  ('high', null, 30, '高风险儿童每月走访一次'),
  ('medium', null, 60, '中风险儿童每两个月走访一次'),
  ('low', null, 90, '低风险儿童每季度走访一次'),
  (null, 'orphan_scattered', 30, '散居孤儿每月走访一次'),
  (null, 'defacto_unsupported', 30, '事实无人抚养儿童每月走访一次');

create table checklist_items (
  id uuid primary key default gen_random_uuid(),
  list text not null check (list in ('service', 'duty')),
  code text not null,
  label text not null,
  hint text,
  sort int not null default 0,
  active boolean not null default true,
  updated_at timestamptz not null default now(),
  unique (list, code)
);
insert into checklist_items (list, code, label, hint, sort) values
  ('service', 'living', '基本生活', '衣食住行是否有保障，居住环境是否安全卫生', 1),
  ('service', 'safety', '安全保护', '有无受侵害、被忽视、意外伤害风险', 2),
  ('service', 'health', '医疗康复', '健康状况、就医与康复情况', 3),
  ('service', 'schooling', '教育就学', '入学、出勤、学业情况，有无辍学风险', 4),
  ('service', 'guardianship', '监护照料', '监护人履职情况，照料是否到位', 5),
  ('service', 'psychology', '心理关爱', '情绪、行为、心理状况', 6),
  ('service', 'policy', '政策落实', '应享保障政策是否已落实', 7),
  ('duty', 'survey', '全面摸排', '掌握辖区困境儿童基本情况，建立一人一档', 1),
  ('duty', 'visit', '定期走访', '按计划走访，记录走访情况', 2),
  ('duty', 'report', '及时报告', '发现问题及时报告街道和相关部门', 3),
  ('duty', 'link', '资源链接', '链接政策和社会资源，协助落实帮扶', 4),
  ('duty', 'record', '档案管理', '及时更新儿童档案信息', 5);

create table visits (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references children(id) on delete cascade,
  street_code text not null,
  committee_id uuid not null,
  visited_on date not null,
  kind text not null check (kind in ('home', 'phone', 'video', 'school')),
  visitor_id uuid references users(id),
  visitor_name text not null,
  people_met text,
  checklist jsonb not null default '[]',   -- snapshot: [{code, label, status: ok|attention|na, note}]
  findings text,
  status text not null default 'draft' check (status in ('draft', 'submitted')),
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz
);
create index visits_child on visits (child_id, visited_on desc);
create index visits_area on visits (street_code, visited_on desc);
create index visits_visitor on visits (visitor_id, status);
create trigger visits_area before insert or update on visits for each row execute function copy_area_from_child();
alter table visits enable row level security;
create policy visits_in_scope on visits for all to :app_role
  using (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()))
  with check (street_code = any (app_streets()) or committee_id = any (app_committees()) or child_id = any (app_assigned_children()));

grant select on visit_rules, checklist_items to :app_role;
grant insert, update on visit_rules, checklist_items to :app_role;
grant select, insert, update, delete on visits to :app_role;

-- The next visit due for a child: last submitted visit (or registration) + the shortest interval
-- among the active rules matching its risk level or any of its current categories. Called
-- explicitly by the server after a visit is submitted and after risk or categories change.
create or replace function recompute_next_visit(p_child uuid) returns date language sql volatile as $$
  update children c set
    last_visit_on = v.last_on,
    next_visit_due = case when c.status = 'active' then coalesce(v.last_on, c.registered_on) + r.days end
  from (select max(visited_on) as last_on from visits where child_id = p_child and status = 'submitted') v,
       (select min(interval_days) as days from visit_rules vr, children ch
        where ch.id = p_child and vr.active and (vr.risk_level = ch.risk_level
           or vr.category in (select category from child_categories cc where cc.child_id = p_child and cc.until is null))) r
  where c.id = p_child
  returning c.next_visit_due
$$;
grant execute on function recompute_next_visit(uuid) to :app_role;
