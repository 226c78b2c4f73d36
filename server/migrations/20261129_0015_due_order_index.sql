-- "Most overdue first" across the whole district: an index in due-date order lets the scan stop
-- after one page instead of sorting every overdue file (the per-street index serves street users).
create index children_due_all on children (next_visit_due) where status = 'active';
