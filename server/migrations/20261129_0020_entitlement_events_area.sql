-- Entitlement events move with their child (transfer, committee merge) like the other append-only
-- tables: UPDATE on the area keys only.
grant update (street_code, committee_id) on entitlement_events to :app_role;
