-- 150-customer-overview.sql
-- Creates: CUSTOMER_OVERVIEW, one row per customer with their latest order and their open alerts.
-- Why: the support and risk desk's lookup: one pull query by USER_ID answers "what did they order last, and are
-- they under suspicion?" (queries/pull-customer-overview.sql). A table-table LEFT JOIN on the primary keys: a
-- customer without alerts still has a row, with OPEN_ALERTS 0; subjects that are not customers (card fingerprints)
-- find no order row and do not appear.

CREATE TABLE CUSTOMER_OVERVIEW WITH (
    KAFKA_TOPIC = 'ksql-customer-overview',
    KEY_FORMAT = 'KAFKA',
    VALUE_FORMAT = 'AVRO',
    PARTITIONS = 4
) AS SELECT
    L.USER_ID AS USER_ID,
    L.LAST_ORDER_ID AS LAST_ORDER_ID,
    L.LAST_ORDER_STATUS AS LAST_ORDER_STATUS,
    L.LAST_ORDER_AMOUNT AS LAST_ORDER_AMOUNT,
    L.LAST_ORDER_CURRENCY AS LAST_ORDER_CURRENCY,
    L.LAST_ORDER_TIME AS LAST_ORDER_TIME,
    COALESCE(A.OPEN_ALERTS, CAST(0 AS BIGINT)) AS OPEN_ALERTS,
    A.ALERT_IDS AS OPEN_ALERT_IDS,
    A.LAST_SEVERITY AS LAST_ALERT_SEVERITY,
    A.LAST_DETECTION_TIME AS LAST_ALERT_TIME
FROM CUSTOMER_LATEST_ORDER L
LEFT JOIN CUSTOMER_OPEN_ALERTS A ON L.USER_ID = A.ALERT_SUBJECT
EMIT CHANGES;
