-- Invoicing: customers, products, sales invoices and credit notes, and payments against them.
-- Every table is a company's own: its key starts with company_id and row-level security compares it
-- with the transaction's company, as for the ledger.

create table customers (
    company_id   bigint      not null references companies (id),
    id           bigint      generated always as identity,
    number       integer     not null check (number between 1 and 99999999),
    name         text        not null check (length(name) between 1 and 200),
    cvr          text        check (cvr ~ '^[0-9]{8}$'),
    ean          text        check (ean ~ '^[0-9]{13}$'),
    address      text        not null default '' check (length(address) <= 200),
    postal_code  text        not null default '' check (length(postal_code) <= 20),
    city         text        not null default '' check (length(city) <= 100),
    country      char(2)     not null default 'DK' check (country ~ '^[A-Z]{2}$'),
    email        text        check (length(email) <= 254),
    payment_days integer     not null default 8 check (payment_days between 0 and 365),
    vat_zone     text        not null check (vat_zone in ('DOMESTIC', 'EU', 'OUTSIDE_EU')),
    vat_number   text        check (length(vat_number) <= 20),
    created_at   timestamptz not null,
    primary key (company_id, id),
    unique (company_id, number)
);

create table products (
    company_id      bigint      not null references companies (id),
    id              bigint      generated always as identity,
    number          text        not null check (length(number) between 1 and 40),
    name            text        not null check (length(name) between 1 and 200),
    unit            text        not null default 'stk.' check (length(unit) between 1 and 20),
    unit_price      bigint      not null check (unit_price between 0 and 99999999999999),
    kind            text        not null check (kind in ('GOODS', 'SERVICES')),
    revenue_account integer,
    created_at      timestamptz not null,
    primary key (company_id, id),
    unique (company_id, number),
    foreign key (company_id, revenue_account) references accounts (company_id, number)
);

-- The next invoice number of a company: taken under this row's lock as a booking's last statements,
-- so booked invoices and credit notes are numbered without gaps.
create table invoice_series (
    company_id  bigint  primary key references companies (id),
    next_number integer not null default 1 check (next_number >= 1)
);

create table invoices (
    company_id       bigint      not null references companies (id),
    id               bigint      generated always as identity,
    kind             text        not null check (kind in ('INVOICE', 'CREDIT_NOTE')),
    status           text        not null check (status in ('DRAFT', 'BOOKED')),
    number           integer,
    customer_id      bigint      not null,
    issue_date       date        not null,
    due_date         date        not null,
    credits_id       bigint,
    note             text        not null default '' check (length(note) <= 1000),
    net              bigint      not null default 0,
    vat              bigint      not null default 0,
    total            bigint      not null default 0,
    voucher_year     date,
    voucher_number   integer,
    created_at       timestamptz not null,
    booked_at        timestamptz,
    primary key (company_id, id),
    unique (company_id, number),
    foreign key (company_id, customer_id) references customers (company_id, id),
    foreign key (company_id, credits_id) references invoices (company_id, id),
    foreign key (company_id, voucher_year, voucher_number) references vouchers (company_id, fiscal_year, number),
    check ((status = 'BOOKED') = (number is not null)),
    check ((kind = 'CREDIT_NOTE') = (credits_id is not null)),
    check (due_date >= issue_date)
);
create index invoices_by_customer on invoices (company_id, customer_id, issue_date);

create table invoice_lines (
    company_id  bigint  not null,
    invoice_id  bigint  not null,
    line        integer not null check (line between 1 and 500),
    product_id  bigint,
    description text    not null check (length(description) between 1 and 250),
    quantity    numeric(12, 3) not null check (quantity > 0),
    unit_price  bigint  not null check (unit_price between 0 and 99999999999999),
    net         bigint  not null,
    vat_code    text,
    account     integer not null,
    primary key (company_id, invoice_id, line),
    foreign key (company_id, invoice_id) references invoices (company_id, id) on delete cascade,
    foreign key (company_id, product_id) references products (company_id, id),
    foreign key (company_id, account) references accounts (company_id, number)
);

create table invoice_payments (
    company_id     bigint      not null,
    invoice_id     bigint      not null,
    id             bigint      generated always as identity,
    paid_on        date        not null,
    amount         bigint      not null check (amount <> 0),
    voucher_year   date        not null,
    voucher_number integer     not null,
    created_at     timestamptz not null,
    primary key (company_id, invoice_id, id),
    foreign key (company_id, invoice_id) references invoices (company_id, id),
    foreign key (company_id, voucher_year, voucher_number) references vouchers (company_id, fiscal_year, number)
);

-- A booked invoice is as final as its voucher: its figures and lines never change.
create function ledgerline_invoice_booked() returns trigger
    language plpgsql
    as $$ begin
        if old.status = 'BOOKED' then raise exception 'a booked invoice is final' using errcode = 'P0001'; end if;
        return case when tg_op = 'DELETE' then old else new end;
    end $$;
create trigger invoices_final before update or delete on invoices
    for each row execute function ledgerline_invoice_booked();
create function ledgerline_invoice_line_booked() returns trigger
    language plpgsql
    as $$ begin
        if exists (select 1 from invoices i where i.company_id = coalesce(old.company_id, new.company_id)
                   and i.id = coalesce(old.invoice_id, new.invoice_id) and i.status = 'BOOKED') then
            raise exception 'the lines of a booked invoice are final' using errcode = 'P0001';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
    end $$;
create trigger invoice_lines_final before insert or update or delete on invoice_lines
    for each row execute function ledgerline_invoice_line_booked();

do $$
declare
    t text;
begin
    foreach t in array array['customers', 'products', 'invoice_series', 'invoices', 'invoice_lines', 'invoice_payments']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy %I on %I using (company_id = ledgerline_company()) with check (company_id = ledgerline_company())',
                       t || '_tenant', t);
    end loop;
end $$;

grant select, insert, update, delete on customers, products, invoice_series, invoices, invoice_lines to ${app_role};
grant select, insert on invoice_payments to ${app_role};
grant execute on function ledgerline_invoice_booked(), ledgerline_invoice_line_booked() to ${app_role};
