-- A year of a busy company, loaded straight into the tables as posting would leave them: vouchers
-- numbered without gaps, three entries each (a sale with output VAT or a purchase with input VAT),
-- and the monthly balances the entries sum to. Variables: company, vouchers.
\set ON_ERROR_STOP on
begin;
insert into vouchers (company_id, fiscal_year, number, date, text, source, registered_at, registered_by)
select :company, date '2026-01-01', n, date '2026-01-01' + ((n - 1)::bigint * 365 / :vouchers)::int, 'Bilag ' || n, 'API', now(),
       (select user_id from memberships where company_id = :company limit 1)
from generate_series(1, :vouchers) n;

insert into entries (company_id, fiscal_year, voucher_number, line_number, date, account, amount, vat_code, text)
select v.company_id, v.fiscal_year, v.number, l.line, v.date, l.account, l.amount * (1 + v.number % 97), l.vat_code, ''
from vouchers v
cross join lateral (values (1, 6190, 12500, null, 0), (2, 1010, -10000, 'U25', 0), (3, 7680, -2500, 'U25', 0),
                           (1, 2030, 4000, 'I25', 1), (2, 7740, 1000, 'I25', 1), (3, 6480, -5000, null, 1))
     as l(line, account, amount, vat_code, shape)
where v.company_id = :company and l.shape = v.number % 2;

insert into account_balances (company_id, account, month, vat_code, debit, credit)
select company_id, account, date_trunc('month', date)::date, coalesce(vat_code, ''),
       sum(greatest(amount, 0)), sum(least(amount, 0))
from entries where company_id = :company
group by 1, 2, 3, 4;

update fiscal_years set next_voucher_number = :vouchers + 1 where company_id = :company and start_date = date '2026-01-01';
commit;
vacuum analyze vouchers;
vacuum analyze entries;
vacuum analyze account_balances;
