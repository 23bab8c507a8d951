CREATE TABLE bookings (id bigint PRIMARY KEY, during tstzrange);
-- migration
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&);
-- expect: warning add-exclusion-constraint
CREATE TABLE slots (id bigint PRIMARY KEY, during tstzrange, EXCLUDE USING gist (during WITH &&));
