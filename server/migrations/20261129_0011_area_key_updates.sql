-- When a file moves to another street or committee (transfer, committee merge), every row of the
-- child's data moves with it. Append-only tables get UPDATE on their area keys only: their content
-- stays immutable for the application role.
grant update (street_code, committee_id) on child_history, problem_events, attachments to :app_role;
