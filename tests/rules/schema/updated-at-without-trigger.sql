CREATE TABLE posts (id bigint PRIMARY KEY, updated_at timestamptz);
-- expect: info updated-at-without-trigger

CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;

CREATE TABLE pages (id bigint PRIMARY KEY, updated_at timestamptz);
CREATE TRIGGER pages_touch BEFORE UPDATE ON pages FOR EACH ROW EXECUTE FUNCTION touch();

CREATE TABLE tags (id bigint PRIMARY KEY, created_at timestamptz);
