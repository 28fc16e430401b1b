-- What a company's invoices say about it beyond its name and CVR: where it is, how it is paid.
-- One row per company, written when the owner first saves it; an invoice without one still has
-- the company's name and CVR, and no payment details.

create table invoicing_profiles (
    company_id   bigint      primary key references companies (id),
    address      text        not null default '' check (length(address) <= 200),
    postal_code  text        not null default '' check (length(postal_code) <= 20),
    city         text        not null default '' check (length(city) <= 100),
    country      char(2)     not null default 'DK' check (country ~ '^[A-Z]{2}$'),
    email        text        check (length(email) <= 254),
    phone        text        check (length(phone) <= 30),
    bank_reg     text        check (bank_reg ~ '^[0-9]{4}$'),
    bank_account text        check (bank_account ~ '^[0-9]{1,10}$'),
    iban         text        check (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$'),
    bic          text        check (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
    fik_creditor text        check (fik_creditor ~ '^[0-9]{8}$'),
    updated_at   timestamptz not null,
    check ((bank_reg is null) = (bank_account is null))
);

alter table invoicing_profiles enable row level security;
alter table invoicing_profiles force row level security;
create policy invoicing_profiles_tenant on invoicing_profiles
    using (company_id = ledgerline_company()) with check (company_id = ledgerline_company());

grant select, insert, update on invoicing_profiles to ${app_role};
