-- The locked ranges of a fiscal year, kept on the year's own row as well as in period_locks. Posting
-- takes its voucher number with one UPDATE of that row that also refuses a locked date: a lock that
-- commits while a posting waits for the row is seen by it, because PostgreSQL rechecks the row's
-- newest version after the wait (a subquery on period_locks would still read the old snapshot).
alter table fiscal_years add column locked datemultirange not null default '{}';

-- The backfill must see every company's rows, also when the migration's role owns the tables.
alter table fiscal_years no force row level security;
alter table period_locks no force row level security;
update fiscal_years f set locked = coalesce((
        select range_agg(daterange(l.from_date, l.to_date, '[]'))
        from period_locks l
        where l.company_id = f.company_id and l.from_date <= f.end_date and l.to_date >= f.start_date), '{}');
alter table fiscal_years force row level security;
alter table period_locks force row level security;
