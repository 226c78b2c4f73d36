-- Wrong second-factor codes are counted per account, beside the password failures, so that the
-- same lockout applies to both steps of a login. The counter survives a successful password
-- (otherwise logging in again would reset it) and is cleared by a correct code or an unlock.
alter table login_failures add column mfa_failures int not null default 0;
