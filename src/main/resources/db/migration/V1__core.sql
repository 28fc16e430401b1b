-- Ledgerline core schema. Every company-owned table starts its primary key with company_id,
-- and row-level security compares company_id with the transaction's ledgerline.company_id.

create function ledgerline_company() returns bigint
    language sql stable
    as $$ select nullif(current_setting('ledgerline.company_id', true), '')::bigint $$;

create function ledgerline_user() returns bigint
    language sql stable
    as $$ select nullif(current_setting('ledgerline.user_id', true), '')::bigint $$;

-- Posted vouchers and entries never change: a correction is a reversal voucher.
create function ledgerline_reject_change() returns trigger
    language plpgsql
    as $$ begin raise exception '% is immutable once posted', tg_table_name using errcode = 'P0001'; end $$;

------------------------------------------------------------------------------------------------
-- identity
create table users (
    id            bigint generated always as identity primary key,
    email         text        not null,
    name          text        not null,
    password_hash text        not null,
    created_at    timestamptz not null,
    constraint users_email_lower check (email = lower(email))
);
create unique index users_email on users (email);

create sequence company_ids;

create table companies (
    id                      bigint      primary key,
    name                    text        not null,
    cvr                     char(8)     not null,
    vat_period              text        not null check (vat_period in ('MONTH', 'QUARTER', 'HALF_YEAR')),
    fiscal_year_start_month smallint    not null check (fiscal_year_start_month between 1 and 12),
    created_at              timestamptz not null,
    created_by              bigint      not null references users (id)
);

create table memberships (
    company_id bigint      not null references companies (id),
    user_id    bigint      not null references users (id),
    role       text        not null check (role in ('OWNER', 'BOOKKEEPER', 'VIEWER')),
    created_at timestamptz not null,
    primary key (company_id, user_id)
);
create index memberships_by_user on memberships (user_id, company_id);

-- A company is visible inside its own tenant context, or to a user who is a member of it.
alter table companies enable row level security;
alter table companies force row level security;
create policy companies_tenant on companies
    using (id = ledgerline_company()
           or id in (select m.company_id from memberships m where m.user_id = ledgerline_user()))
    with check (id = ledgerline_company());

alter table memberships enable row level security;
alter table memberships force row level security;
create policy memberships_tenant on memberships
    using (company_id = ledgerline_company() or user_id = ledgerline_user())
    with check (company_id = ledgerline_company());

------------------------------------------------------------------------------------------------
-- ledger
create table fiscal_years (
    company_id          bigint  not null references companies (id),
    start_date          date    not null,
    end_date            date    not null,
    closed              boolean not null default false,
    -- the next voucher number; updating it locks the year's row, which keeps numbers gapless
    next_voucher_number integer not null default 1,
    primary key (company_id, start_date),
    check (end_date > start_date)
);

create table accounts (
    company_id       bigint      not null references companies (id),
    number           integer     not null check (number between 1 and 99999999),
    name             text        not null check (length(name) between 1 and 200),
    type             text        not null check (type in ('REVENUE', 'EXPENSE', 'ASSET', 'LIABILITY', 'EQUITY')),
    vat_code         text,
    standard_account integer,
    created_at       timestamptz not null,
    primary key (company_id, number)
);

create table period_locks (
    company_id bigint      not null references companies (id),
    from_date  date        not null,
    to_date    date        not null,
    reason     text        not null,
    locked_at  timestamptz not null,
    locked_by  bigint      not null,
    primary key (company_id, from_date),
    check (to_date >= from_date)
);

create table vouchers (
    company_id          bigint      not null,
    fiscal_year         date        not null,
    number              integer     not null,
    date                date        not null,
    text                text        not null,
    currency            char(3)     not null default 'DKK',
    exchange_rate       numeric(14, 6),
    source              text        not null,
    registered_at       timestamptz not null,
    registered_by       bigint      not null,
    reverses_year       date,
    reverses_number     integer,
    primary key (company_id, fiscal_year, number),
    foreign key (company_id, fiscal_year) references fiscal_years (company_id, start_date),
    check (currency = 'DKK' or exchange_rate is not null)
);
create index vouchers_by_date on vouchers (company_id, date, fiscal_year, number);
create unique index vouchers_reversal_once on vouchers (company_id, reverses_year, reverses_number)
    where reverses_number is not null;

create table entries (
    company_id      bigint   not null,
    fiscal_year     date     not null,
    voucher_number  integer  not null,
    line_number     smallint not null,
    date            date     not null,
    account         integer  not null,
    amount          bigint   not null,
    currency_amount bigint,
    vat_code        text,
    text            text     not null,
    primary key (company_id, fiscal_year, voucher_number, line_number),
    foreign key (company_id, fiscal_year, voucher_number) references vouchers (company_id, fiscal_year, number),
    foreign key (company_id, account) references accounts (company_id, number)
);
create index entries_by_account on entries (company_id, account, date, fiscal_year, voucher_number, line_number);
create index entries_by_date on entries (company_id, date);

create trigger vouchers_immutable before update or delete on vouchers
    for each row execute function ledgerline_reject_change();
create trigger entries_immutable before update or delete on entries
    for each row execute function ledgerline_reject_change();

-- Balances per account, month and VAT code, maintained in the posting transaction so that
-- reports and the VAT return read a few rows per account instead of every entry.
create table account_balances (
    company_id bigint  not null,
    account    integer not null,
    month      date    not null check (extract(day from month) = 1),
    vat_code   text    not null default '',
    debit      bigint  not null default 0 check (debit >= 0),
    credit     bigint  not null default 0 check (credit <= 0),
    primary key (company_id, account, month, vat_code),
    foreign key (company_id, account) references accounts (company_id, number)
);

-- Draft journals (kassekladde): freely editable until posted.
create table journals (
    company_id bigint      not null references companies (id),
    id         bigint      generated always as identity,
    name       text        not null,
    created_at timestamptz not null,
    created_by bigint      not null,
    primary key (company_id, id)
);

create table journal_lines (
    company_id     bigint  not null,
    journal_id     bigint  not null,
    id             bigint  generated always as identity,
    document       integer not null check (document > 0),
    date           date    not null,
    text           text    not null,
    account        integer not null,
    amount         bigint  not null,
    vat_code       text,
    contra_account integer,
    primary key (company_id, journal_id, id),
    foreign key (company_id, journal_id) references journals (company_id, id) on delete cascade
);

------------------------------------------------------------------------------------------------
-- vat
create table vat_settings (
    company_id                    bigint  primary key references companies (id),
    sales_vat_account             integer not null,
    purchase_vat_account          integer not null,
    goods_abroad_vat_account      integer not null,
    services_abroad_vat_account   integer not null,
    settlement_account            integer not null,
    rounding_account              integer not null
);

-- What was filed: a settled return is frozen as it was settled.
create table vat_returns (
    company_id                      bigint      not null references companies (id),
    period                          text        not null,
    from_date                       date        not null,
    to_date                         date        not null,
    sales_vat                       bigint      not null,
    purchase_vat                    bigint      not null,
    vat_on_goods_purchases_abroad   bigint      not null,
    vat_on_service_purchases_abroad bigint      not null,
    rubrik_a_goods                  bigint      not null,
    rubrik_a_services               bigint      not null,
    rubrik_b_goods_reported         bigint      not null,
    rubrik_b_goods_not_reported     bigint      not null,
    rubrik_b_services               bigint      not null,
    rubrik_c                        bigint      not null,
    vat_payable                     bigint      not null,
    voucher_fiscal_year             integer, -- the fiscal year's label, as vouchers are named
    voucher_number                  integer,
    settled_at                      timestamptz not null,
    settled_by                      bigint      not null,
    primary key (company_id, period)
);

------------------------------------------------------------------------------------------------
-- admission: idempotency keys, scoped per caller
create table idempotency_keys (
    scope          text        not null,
    key            text        not null,
    request_hash   bytea       not null,
    request_path   text        not null,
    request_body   bytea       not null,
    status         smallint    not null,
    content_type   text,
    location       text,
    body           bytea       not null,
    created_at     timestamptz not null,
    primary key (scope, key)
);
create index idempotency_keys_by_age on idempotency_keys (created_at);

------------------------------------------------------------------------------------------------
-- row-level security on every company-owned table
do $$
declare
    t text;
begin
    foreach t in array array['fiscal_years', 'accounts', 'period_locks', 'vouchers', 'entries',
                             'account_balances', 'journals', 'journal_lines', 'vat_settings', 'vat_returns']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy %I on %I using (company_id = ledgerline_company()) with check (company_id = ledgerline_company())',
                       t || '_tenant', t);
    end loop;
end $$;

grant usage on schema public to ${app_role};
grant select, insert, update, delete on all tables in schema public to ${app_role};
grant usage, select on all sequences in schema public to ${app_role};
grant execute on all functions in schema public to ${app_role};
