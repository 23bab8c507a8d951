CREATE TABLE ok (id bigint PRIMARY KEY);

CREATE TABEL broken (id int);
-- expect: error syntax-error

SELECT 1 FROM ok WHERE id = ;
-- expect: error syntax-error

-- Valid despite the semicolon in the string and the dollar-quoted body.
INSERT INTO ok VALUES (1) ON CONFLICT DO NOTHING;
SELECT 'a;b' AS s;
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
