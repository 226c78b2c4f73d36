-- Attachments sent with a referral (a photo, a school's letter) are child attachments the sender
-- could see, linked in referral_attachments. The receiving unit reads exactly those, through its
-- referral: the attachments policy gains an arm for attachments linked to a referral addressed to
-- the caller's unit whose child is in the caller's referral scope (set only on referral routes).
drop policy attachments_in_scope on attachments;
create policy attachments_in_scope on attachments for all to :app_role
  using (street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
         or child_id = any ((select app_assigned_children())::uuid[])
         or (child_id = any ((select app_referral_children('identity'))::uuid[])
             and exists (select 1 from referral_attachments ra join referrals r on r.id = ra.referral_id
                          where ra.attachment_id = attachments.id and r.to_unit = (select app_unit()))))
  with check (street_code = any ((select app_streets())::text[]) or committee_id = any ((select app_committees())::uuid[])
              or child_id = any ((select app_assigned_children())::uuid[]));
