-- Spinner telemetry: what browsers report about spinners that stayed visible for more than a second,
-- and the server's own timing of slow requests, joined by request id on the operators' page. Both
-- are platform data (no row-level security: only the operators' page reads them), written in
-- batches off the request path and forgotten after a retention period.
create table spinner_reports (
    id          bigint generated always as identity primary key,
    reported_at timestamptz not null,
    request_id  text        not null check (length(request_id) between 1 and 64),
    page        text        not null check (length(page) between 1 and 200),
    action      text        not null check (length(action) between 1 and 100),
    company_id  bigint,
    user_id     bigint      not null,
    duration_ms integer     not null check (duration_ms between 0 and 3600000),
    outcome     text        not null check (outcome in ('ok', 'error', 'timeout', 'offline', 'abandoned'))
);
create index spinner_reports_time on spinner_reports (reported_at);
create index spinner_reports_request on spinner_reports (request_id);

-- Only requests that took long enough to matter: the fast majority costs nothing here. The path
-- is kept with its ids replaced, as spinner reports keep their page; with the user it finds a
-- page load the browser stopped, whose request id the browser never knew.
create table slow_requests (
    request_id  text        not null check (length(request_id) between 1 and 64),
    finished_at timestamptz not null,
    method      text        not null check (length(method) between 1 and 10),
    path        text        not null check (length(path) between 1 and 200),
    user_id     bigint,
    status      integer     not null,
    duration_ms integer     not null check (duration_ms >= 0)
);
create index slow_requests_request on slow_requests (request_id);
create index slow_requests_time on slow_requests (finished_at);
create index slow_requests_user on slow_requests (user_id, path, finished_at);

-- A platform operator (Ledgerline's own staff) sees the operators' pages; a role of the user, not
-- of any company, and granted only through the operators' API.
alter table users add column platform_operator boolean not null default false;

grant select, insert, delete on spinner_reports, slow_requests to ${app_role};
grant usage on sequence spinner_reports_id_seq to ${app_role};
