-- Searches that can use an index under row-level security. PostgreSQL applies a user's condition
-- through an index before the RLS check only if its operator is leakproof: LIKE and functions such
-- as right() are not, the text_pattern_ops range operators (~>=~, ~<~) are. So a prefix search is
-- written as a range, and "the last 4-6 digits of the identity number" as a prefix of the reversed
-- tail, stored for that purpose.
alter table children add column id_tail_rev text generated always as (reverse(id_number_tail)) stored;
create index children_id_tail_rev on children (id_tail_rev text_pattern_ops);
drop index children_id_tail4;
drop index children_id_tail5;
drop index children_id_tail;
