-- Keys for the drafts a browser keeps of unfinished forms (visit, problem, child file, 督办 report).
-- The browser stores the drafts in IndexedDB encrypted with this per-user key and holds the key in
-- memory only; it gets the key after login and the server deletes it at logout, so drafts left in a
-- browser after a logout cannot be read by anyone, and a device alone (without a login) reveals nothing.
-- The key survives a session timeout on purpose: logging in again restores the unsent form.
create table user_draft_keys (
  user_id uuid primary key references users(id) on delete cascade,
  key_sealed text not null,                 -- 32 random bytes, AES-256-GCM sealed with the field key
  created_at timestamptz not null default now()
);

grant select, insert, delete on user_draft_keys to :app_role;
