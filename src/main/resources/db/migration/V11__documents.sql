-- Voucher documents (bilag): the PDF or image a voucher is booked from, and e-invoices as they came.
-- Kept in the database beside the books (decision 0008): content-addressed by SHA-256 per company,
-- so the same file is stored once however often it is attached; written once and never changed or
-- removed by the application, whose role may only read and insert them.

create table documents (
    company_id  bigint      not null references companies (id),
    sha256      bytea       not null check (length(sha256) = 32),
    media_type  text        not null check (media_type in ('application/pdf', 'image/png', 'image/jpeg', 'application/xml')),
    size        integer     not null check (size between 1 and 10485760),
    content     bytea       not null,
    file_name   text        not null check (length(file_name) between 1 and 255),
    uploaded_at timestamptz not null,
    uploaded_by bigint      not null references users (id),
    primary key (company_id, sha256),
    check (length(content) = size)
);
-- The content is compressed already (PDF, PNG, JPEG) or small (XML): kept out of line without a second compression.
alter table documents alter column content set storage external;

create table voucher_documents (
    company_id     bigint      not null,
    fiscal_year    date        not null,
    voucher_number integer     not null,
    sha256         bytea       not null,
    attached_at    timestamptz not null,
    attached_by    bigint      not null references users (id),
    primary key (company_id, fiscal_year, voucher_number, sha256),
    foreign key (company_id, fiscal_year, voucher_number) references vouchers (company_id, fiscal_year, number),
    foreign key (company_id, sha256) references documents (company_id, sha256)
);
create index voucher_documents_by_document on voucher_documents (company_id, sha256);

-- Neither changes once written, whoever asks: the bookkeeping law keeps a voucher's documents as they were.
create function ledgerline_document_final() returns trigger
    language plpgsql
    as $$ begin
        raise exception 'a voucher''s document is kept as it was written' using errcode = 'P0001';
    end $$;
create trigger documents_final before update or delete on documents
    for each row execute function ledgerline_document_final();
create trigger voucher_documents_final before update or delete on voucher_documents
    for each row execute function ledgerline_document_final();

do $$
declare
    t text;
begin
    foreach t in array array['documents', 'voucher_documents']
    loop
        execute format('alter table %I enable row level security', t);
        execute format('alter table %I force row level security', t);
        execute format('create policy %I on %I using (company_id = ledgerline_company()) with check (company_id = ledgerline_company())',
                       t || '_tenant', t);
    end loop;
end $$;

grant select, insert on documents, voucher_documents to ${app_role};
grant execute on function ledgerline_document_final() to ${app_role};
