-- migration
DROP DATABASE staging;
-- expect: error ban-drop-database
DROP SCHEMA IF EXISTS scratch;
