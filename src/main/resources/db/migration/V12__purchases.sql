-- Purchases: suppliers (kreditorer), their invoices and credit notes as drafts and booked vouchers,
-- and payments of them. An invoice is known by the supplier's own number: the same invoice received
-- twice (an e-invoice sent again, say) is found, not booked twice.

create table suppliers (
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
    payment_days integer     not null default 30 check (payment_days between 0 and 365),
    vat_zone     text        not null check (vat_zone in ('DOMESTIC', 'EU', 'OUTSIDE_EU')),
    vat_number   text        check (length(vat_number) <= 20),
    created_at   timestamptz not null,
    primary key (company_id, id),
    unique (company_id, number)
);
create index suppliers_by_cvr on suppliers (company_id, cvr) where cvr is not null;
create index suppliers_by_ean on suppliers (company_id, ean) where ean is not null;

create table supplier_invoices (
    company_id      bigint      not null references companies (id),
    id              bigint      generated always as identity,
    kind            text        not null check (kind in ('INVOICE', 'CREDIT_NOTE')),
    status          text        not null check (status in ('DRAFT', 'BOOKED')),
    supplier_id     bigint      not null,
    supplier_number text        not null check (length(supplier_number) between 1 and 100),
    issue_date      date        not null,
    due_date        date        not null,
    net             bigint      not null,
    vat             bigint      not null,
    total           bigint      not null,
    source          text        not null check (source in ('MANUAL', 'PEPPOL', 'OIOUBL')),
    document_sha256 bytea,
    voucher_year    date,
    voucher_number  integer,
    created_at      timestamptz not null,
    booked_at       timestamptz,
    primary key (company_id, id),
    unique (company_id, supplier_id, kind, supplier_number),
    foreign key (company_id, supplier_id) references suppliers (company_id, id),
    foreign key (company_id, document_sha256) references documents (company_id, sha256),
    foreign key (company_id, voucher_year, voucher_number) references vouchers (company_id, fiscal_year, number),
    check ((status = 'BOOKED') = (voucher_number is not null)),
    check (due_date >= issue_date)
);

create table supplier_invoice_lines (
    company_id  bigint  not null,
    invoice_id  bigint  not null,
    line        integer not null check (line between 1 and 500),
    description text    not null check (length(description) between 1 and 250),
    net         bigint  not null,
    account     integer,
    vat_code    text,
    primary key (company_id, invoice_id, line),
    foreign key (company_id, invoice_id) references supplier_invoices (company_id, id) on delete cascade,
    foreign key (company_id, account) references accounts (company_id, number)
);

create table supplier_payments (
    company_id     bigint      not null,
    invoice_id     bigint      not null,
    id             bigint      generated always as identity,
    paid_on        date        not null,
    amount         bigint      not null check (amount <> 0),
    voucher_year   date        not null,
    voucher_number integer     not null,
    created_at     timestamptz not null,
    primary key (company_id, invoice_id, id),
    foreign key (company_id, invoice_id) references supplier_invoices (company_id, id),
    foreign key (company_id, voucher_year, voucher_number) references vouchers (company_id, fiscal_year, number)
);

-- A booked supplier invoice is as final as its voucher.
create function ledgerline_supplier_invoice_booked() returns trigger
    language plpgsql
    as $$ begin
        if old.status = 'BOOKED' then raise exception 'a booked supplier invoice is final' using errcode = 'P0001'; end if;
        return case when tg_op = 'DELETE' then old else new end;
    end $$;
create trigger supplier_invoices_final before update or delete on supplier_invoices
    for each row execute function ledgerline_supplier_invoice_booked();
create function ledgerline_supplier_invoice_line_booked() returns trigger
    language plpgsql
    as $$ begin
        if exists (select 1 from supplier_invoices i where i.company_id = coalesce(old.company_id, new.company_id)
                   and i.id = coalesce(old.invoice_id, new.invoice_id) and i.status = 'BOOKED') then
            raise exception 'the lines of a booked supplier invoice are final' using errcode = 'P0001';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
    end $$;
create trigger supplier_invoice_lines_final before insert or update or delete on supplier_invoice_lines
    for each row execute function ledgerline_supplier_invoice_line_booked();

do $$
declare
    t text;
begin
    foreach t in array array['suppliers', 'supplier_invoices', 'supplier_invoice_lines', 'supplier_payments']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy %I on %I using (company_id = ledgerline_company()) with check (company_id = ledgerline_company())',
                       t || '_tenant', t);
    end loop;
end $$;

grant select, insert, update, delete on suppliers, supplier_invoices, supplier_invoice_lines to ${app_role};
grant select, insert on supplier_payments to ${app_role};
grant execute on function ledgerline_supplier_invoice_booked(), ledgerline_supplier_invoice_line_booked() to ${app_role};
