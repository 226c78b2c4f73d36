-- 免申即享, the batch path of the district run: each stored result keeps a fingerprint of what it
-- was computed from (the child's profile, the date-dependent quantities the policies read — age,
-- months since/until a parent's status date —, the pack and the standards in force). The run
-- evaluates every child with the batch evaluator and recomputes the full single-child result only
-- where the result code or this fingerprint changed. Null = not known (written by the per-child
-- re-match): the next run recomputes that child.
alter table eligibility_results add column basis text;
