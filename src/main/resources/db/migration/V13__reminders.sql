-- Reminders (rykkere) of overdue invoices, with the fee the Danish interest act allows
-- (renteloven § 9 b: at most 100 kr. each, at most three, at least ten days apart). A fee is
-- booked as a claim on the customer and is part of what the invoice has open.

create table invoice_reminders (
    company_id     bigint      not null,
    invoice_id     bigint      not null,
    number         smallint    not null check (number between 1 and 3),
    sent_on        date        not null,
    fee            bigint      not null check (fee between 0 and 10000),
    voucher_year   date,
    voucher_number integer,
    created_at     timestamptz not null,
    primary key (company_id, invoice_id, number),
    foreign key (company_id, invoice_id) references invoices (company_id, id),
    foreign key (company_id, voucher_year, voucher_number) references vouchers (company_id, fiscal_year, number),
    check ((fee = 0) = (voucher_number is null))
);

alter table invoice_reminders enable row level security;
alter table invoice_reminders force row level security;
create policy invoice_reminders_tenant on invoice_reminders
    using (company_id = ledgerline_company()) with check (company_id = ledgerline_company());

grant select, insert on invoice_reminders to ${app_role};
