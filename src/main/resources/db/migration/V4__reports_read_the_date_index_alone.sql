-- The partial months at a report's edges are summed from the entries. With the columns that sum
-- needs in the date index, it is an index-only scan rather than a visit to each entry's row.
-- Built concurrently (so outside a transaction, see the .conf beside this file): posting goes on
-- while a large ledger's index is built.
create index concurrently if not exists entries_by_date_with_amounts on entries (company_id, date) include (account, vat_code, amount);
drop index concurrently if exists entries_by_date;
