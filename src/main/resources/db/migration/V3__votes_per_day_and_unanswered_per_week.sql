-- Counts over time for the management page's charts: 👍/👎 votes per day, and questions that found nothing per
-- week (keyed by the week's Monday). Dates are ISO (yyyy-mm-dd) in UTC, as elsewhere. No question text, no asker.
CREATE TABLE vote_days (day VARCHAR(10) PRIMARY KEY,
    up BIGINT NOT NULL DEFAULT 0, down BIGINT NOT NULL DEFAULT 0);
CREATE TABLE unanswered_weeks (monday VARCHAR(10) PRIMARY KEY, n BIGINT NOT NULL);
