CREATE TABLE events (happened_at timestamptz, payload jsonb);
CREATE TABLE logs (line text NOT NULL);
CREATE UNIQUE INDEX CONCURRENTLY logs_line_key ON logs (line);
-- migration
ALTER TABLE events ADD COLUMN id bigserial;
-- expect: warning adding-serial-primary-key-field
ALTER TABLE events ADD PRIMARY KEY (happened_at);
-- expect: warning adding-serial-primary-key-field
ALTER TABLE logs ADD CONSTRAINT logs_pkey PRIMARY KEY USING INDEX logs_line_key;
ALTER TABLE events ADD COLUMN note text;
