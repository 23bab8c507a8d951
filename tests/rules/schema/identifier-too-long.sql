CREATE TABLE this_table_name_is_far_too_long_for_postgresql_identifiers_really (id bigint PRIMARY KEY);
-- expect: error identifier-too-long

CREATE TABLE fine_name (id bigint PRIMARY KEY, a_column_name_of_exactly_sixty_three_bytes_xxxxxxxxxxxxxxxxxxxx int);
