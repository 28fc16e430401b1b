-- Sessions that can end before their tokens expire. Tokens issued before a user's
-- sessions_valid_from no longer count (a changed password, "end all my sessions"); a token ended
-- by logging out is listed until it would have expired anyway. A nullable column without a
-- default changes only the catalog: no rewrite of users.
alter table users add column sessions_valid_from timestamptz;

create table ended_tokens (
    token_id   text        primary key,
    user_id    bigint      not null references users (id),
    expires_at timestamptz not null
);
create index ended_tokens_by_user on ended_tokens (user_id, expires_at);
grant select, insert, delete on ended_tokens to ${app_role};
