-- A draft's problems (raised, not yet submitted) get their own column. They were kept inside the
-- checklist snapshot as a reserved entry {"code": "__problems", "problems": [...]}, which every
-- reader of the checklist had to filter out. On submit each becomes a problem record and the
-- column is emptied, as the reserved entry was removed before.
alter table visits add column draft_problems jsonb not null default '[]'
  check (jsonb_typeof(draft_problems) = 'array');

-- Existing drafts: move the reserved entry out of the checklist (the other lines keep their order).
update visits v set
  draft_problems = coalesce((select e->'problems' from jsonb_array_elements(v.checklist) e where e->>'code' = '__problems' limit 1), '[]'::jsonb),
  checklist = coalesce((select jsonb_agg(e order by i) from jsonb_array_elements(v.checklist) with ordinality as t(e, i)
                        where e->>'code' is distinct from '__problems'), '[]'::jsonb)
where v.checklist @> '[{"code": "__problems"}]';
