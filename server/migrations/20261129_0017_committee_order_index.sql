-- Lists ordered by committee, then name: each committee's children come out of this index already
-- in name order, so a page of 20 is read without sorting the caller's whole area.
create index children_committee_pinyin on children (committee_id, name_pinyin);
