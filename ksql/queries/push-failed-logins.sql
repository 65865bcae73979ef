-- push-failed-logins.sql: failed logins as they happen, with where they came from.
-- Run in the ksql CLI; it streams until Ctrl-C (or LIMIT). Start from the beginning of the topic with
-- SET 'auto.offset.reset' = 'earliest'; first, else only new events show.
--
-- Expected shape (one row per failed login):
-- +--------+------------------------+--------+-------------+----------+
-- |USER_ID |EVENT_TIME              |COUNTRY |IP           |DEVICE_ID |
-- +--------+------------------------+--------+-------------+----------+
-- |u-0042  |2026-01-01T00:01:00.000 |BR      |203.0.113.9  |d-981     |
-- |u-0042  |2026-01-01T00:01:05.000 |BR      |203.0.113.9  |d-981     |

SELECT USER_ID, EVENT_TIME, COUNTRY, IP, DEVICE_ID
FROM USER_EVENTS
WHERE `TYPE` = 'LOGIN_FAILED'
EMIT CHANGES;
