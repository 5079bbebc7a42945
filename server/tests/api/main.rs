//! Black-box tests: each starts the real server on port 0 with a fresh
//! SQLite file and talks to it over HTTP.

mod admin_users;
mod admission;
mod annotations;
mod anonymous;
mod assets;
mod audit;
mod bruteforce;
mod dashboards;
mod expiry;
mod helpers;
mod limits;
mod login;
mod marks;
mod matrix;
mod openapi;
mod outage;
mod platform;
mod roles;
mod saved;
mod shares;
mod ssrf;
mod tokens;
