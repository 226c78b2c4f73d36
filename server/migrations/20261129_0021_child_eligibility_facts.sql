-- 免申即享: facts of the child file the policy engine needs and the file did not hold. Each is
-- three-valued: true 是, false 否, null 未知 (unknown stays unknown: the engine answers "data
-- needed", never "not eligible").
--
-- HIV infection is a restricted health fact, like the mental-health note: read and written only
-- with the permission children.health, stored encrypted by the application (AES-256-GCM bound to
-- the column "children.hiv_infected"; the plaintext is '1' or '0', the same length either way, so
-- the ciphertext does not tell one from the other). The database never sees it in clear.

alter table children
  add column adopted boolean,               -- 被依法收养
  add column autism boolean,                -- 孤独症
  add column caregiver_can_raise boolean,   -- 照料人（父母以外）有抚养能力
  add column hiv_infected_enc text;         -- 感染艾滋病病毒, restricted: children.health

comment on column children.adopted is '被依法收养：true 是 / false 否 / null 未知';
comment on column children.autism is '孤独症：true 是 / false 否 / null 未知';
comment on column children.caregiver_can_raise is '父母以外的监护人或实际照料人有抚养能力：true 是 / false 否 / null 未知';
comment on column children.hiv_infected_enc is '感染艾滋病病毒（受限，children.health）：应用层加密的 1 / 0，null 未知';
