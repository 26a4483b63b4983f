-- The tables as protocolbot created them before it had migrations (CREATE TABLE IF NOT EXISTS at every start).
-- A database made by that code is baselined at version 0 and then runs this file, which leaves its tables and
-- rows as they are and only adds a table an older version did not have yet (seen). Valid SQL for SQLite and
-- PostgreSQL alike.
CREATE TABLE IF NOT EXISTS votes (article_id VARCHAR(200) PRIMARY KEY,
    up BIGINT NOT NULL DEFAULT 0, down BIGINT NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS counters (name VARCHAR(50) PRIMARY KEY, value BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS unanswered (asked_on VARCHAR(10) NOT NULL, question TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seen (seen_key VARCHAR(300) PRIMARY KEY, expires_at BIGINT NOT NULL);
