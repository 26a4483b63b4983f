-- Kept question texts get an ID (so that one can be listed and deleted) and a kind: a question that found
-- nothing, or one whose answer got a thumbs down (then with the articles voted down). Never who asked.
-- ${id_column} is the auto-increment key of the database at hand (see FeedbackStore).
CREATE TABLE kept_questions (
    id ${id_column},
    kind VARCHAR(20) NOT NULL,
    asked_on VARCHAR(10) NOT NULL,
    question TEXT NOT NULL,
    article_ids VARCHAR(2000) NOT NULL DEFAULT '');
INSERT INTO kept_questions (kind, asked_on, question)
    SELECT 'unanswered', asked_on, question FROM unanswered ORDER BY asked_on;
DROP TABLE unanswered;
-- expired claims are purged by time
CREATE INDEX seen_expires_at ON seen (expires_at);
