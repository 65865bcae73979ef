-- 140-customer-open-alerts.sql
-- Creates: CUSTOMER_OPEN_ALERTS, per alert subject (the Alert's `key`: a user id for account and order patterns,
-- a card fingerprint for card patterns) the number of alerts, their ids and rules, and the latest one.
-- Why: the "open alerts" half of the customer overview (150). The platform has no event that closes an alert (the
-- alerts topic only ever receives new detections, exactly once), so every alert read counts as open; when a
-- closing event exists, filter it out here. Grouping by the subject makes the result key ALERT_SUBJECT, the same key as
-- CUSTOMER_LATEST_ORDER's USER_ID, so 150 can join the two tables on their primary keys.

CREATE TABLE CUSTOMER_OPEN_ALERTS WITH (
    KAFKA_TOPIC = 'ksql-customer-open-alerts',
    KEY_FORMAT = 'KAFKA',
    VALUE_FORMAT = 'AVRO',
    PARTITIONS = 4
) AS SELECT
    `KEY` AS ALERT_SUBJECT,
    COUNT(*) AS OPEN_ALERTS,
    COLLECT_SET(ALERT_ID) AS ALERT_IDS,
    COLLECT_SET(RULE_ID) AS RULE_IDS,
    LATEST_BY_OFFSET(SEVERITY) AS LAST_SEVERITY,
    LATEST_BY_OFFSET(SUMMARY) AS LAST_SUMMARY,
    MAX(ROWTIME) AS LAST_DETECTION_TIME
FROM ALERTS
GROUP BY `KEY`
EMIT CHANGES;
