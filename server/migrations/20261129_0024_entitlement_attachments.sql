-- Evidence on the verification step of an entitlement (免申即享): the caseworker uploads files
-- (entity 'entitlement', checked by content like every attachment, scoped by the child's area),
-- then saves the step with their ids, which links them to that step's event. A linked attachment
-- is part of the history: the application role may set the link once, never change the content.
alter table attachments drop constraint attachments_entity_check;
alter table attachments add constraint attachments_entity_check
  check (entity in ('child', 'visit', 'problem', 'assistance', 'care_plan', 'entitlement'));
alter table attachments add column entitlement_event_id bigint references entitlement_events(id) on delete cascade;
alter table attachments add constraint attachments_event_is_entitlement check (entitlement_event_id is null or entity = 'entitlement');
create index attachments_entitlement_event on attachments (entitlement_event_id) where entitlement_event_id is not null;
grant update (entitlement_event_id) on attachments to :app_role;
