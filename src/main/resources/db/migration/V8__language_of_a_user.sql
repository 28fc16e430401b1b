-- Each user reads the pages in their own language; Danish unless they switch. A constant default
-- adds the column without rewriting the table, and the check is added NOT VALID (the old rows all
-- hold the default), so nothing scans or locks the users for long.
alter table users add column language text not null default 'da';
alter table users add constraint users_language check (language in ('da', 'en')) not valid;
