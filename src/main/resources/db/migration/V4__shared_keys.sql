-- Random keys every replica shares, made once on first use (for example the key that signs the web page's forms),
-- so that a form one replica rendered is accepted by another. Base64 text; never logged.
CREATE TABLE shared_keys (name VARCHAR(50) PRIMARY KEY, key_value VARCHAR(100) NOT NULL);
