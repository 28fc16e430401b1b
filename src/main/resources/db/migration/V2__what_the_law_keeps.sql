-- What the law keeps, the database keeps. A filed VAT return and a period lock are as final as
-- posted vouchers: triggers refuse to change them, and the application's role may not even try.

create trigger vat_returns_immutable before update or delete on vat_returns
    for each row execute function ledgerline_reject_change();
create trigger period_locks_immutable before update or delete on period_locks
    for each row execute function ledgerline_reject_change();

-- A truncate bypasses row triggers; refuse it for every record the bookkeeping law keeps.
create trigger vouchers_no_truncate before truncate on vouchers
    for each statement execute function ledgerline_reject_change();
create trigger entries_no_truncate before truncate on entries
    for each statement execute function ledgerline_reject_change();
create trigger vat_returns_no_truncate before truncate on vat_returns
    for each statement execute function ledgerline_reject_change();
create trigger period_locks_no_truncate before truncate on period_locks
    for each statement execute function ledgerline_reject_change();

-- When the application's role also owns the schema (one role for both), it keeps UPDATE: the
-- foreign key checks on its own tables lock rows FOR KEY SHARE, which needs it. The triggers above
-- refuse every update all the same.
do $$
begin
    if exists (select 1 from pg_tables where schemaname = 'public' and tablename = 'vouchers' and tableowner = '${app_role}') then
        revoke delete, truncate on vouchers, entries, vat_returns, period_locks from ${app_role};
    else
        revoke update, delete, truncate on vouchers, entries, vat_returns, period_locks from ${app_role};
    end if;
end $$;

-- Two locks of one company never overlap. The application checks too, but only under the fiscal
-- years' row locks, which a range outside every fiscal year does not take. (company_id as a
-- one-point range, so the constraint needs no btree_gist extension.)
alter table period_locks add constraint period_locks_do_not_overlap
    exclude using gist (int8range(company_id, company_id, '[]') with =, daterange(from_date, to_date, '[]') with &&);

-- The VAT return tells the kinds of VAT apart by account: each role has an account of its own.
alter table vat_settings add constraint vat_settings_accounts_distinct check (
    sales_vat_account not in (purchase_vat_account, goods_abroad_vat_account, services_abroad_vat_account, settlement_account, rounding_account)
    and purchase_vat_account not in (goods_abroad_vat_account, services_abroad_vat_account, settlement_account, rounding_account)
    and goods_abroad_vat_account not in (services_abroad_vat_account, settlement_account, rounding_account)
    and services_abroad_vat_account not in (settlement_account, rounding_account)
    and settlement_account <> rounding_account);

------------------------------------------------------------------------------------------------
-- Idempotency records are tenant data too: they hold a company's responses. Each carries its
-- caller and, when the request addressed one, its company; row-level security checks both.
alter table idempotency_keys
    add column user_id         bigint,
    add column company_id      bigint,
    -- a replayed sign-up starts a session for this user again; the session token itself is never stored
    add column session_user_id bigint;
update idempotency_keys set user_id = substring(scope from 6)::bigint where scope like 'user:%';

create function ledgerline_maintenance() returns text
    language sql stable
    as $$ select nullif(current_setting('ledgerline.maintenance', true), '') $$;

alter table idempotency_keys enable row level security;
alter table idempotency_keys force row level security;
create policy idempotency_keys_caller on idempotency_keys
    using (user_id is not distinct from ledgerline_user() and (company_id is null or company_id = ledgerline_company()))
    with check (user_id is not distinct from ledgerline_user() and (company_id is null or company_id = ledgerline_company()));
-- Forgetting expired keys is the one job that works across callers.
create policy idempotency_keys_expiry on idempotency_keys
    using (ledgerline_maintenance() = 'expire-idempotency-keys');

grant execute on function ledgerline_maintenance() to ${app_role};
