CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
-- migration
ALTER TABLE events DETACH PARTITION events_2023;
-- expect: warning require-concurrent-partition-detach
ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;
