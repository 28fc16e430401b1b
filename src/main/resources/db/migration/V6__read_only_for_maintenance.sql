-- An operator's switch that makes every node read-only for planned maintenance: one row, read by
-- each node when it starts listening and again whenever a node announces a change
-- (NOTIFY ledgerline_maintenance). A new table: nothing that serves traffic is locked.
create table maintenance (
    only_row         boolean     primary key default true check (only_row),
    read_only_reason text        check (length(read_only_reason) between 1 and 500),
    changed_at       timestamptz not null
);
grant select, insert, update on maintenance to ${app_role};
