-- 130-customer-latest-order.sql
-- Creates: CUSTOMER_LATEST_ORDER, per customer the most recent order event (which order, its status and amount)
-- and how many order events the customer has had.
-- Why: "what is this customer's last order doing?" is a lookup, so it is a materialized table that answers pull
-- queries by USER_ID. LATEST_BY_OFFSET takes the last event read after ksqlDB re-keys orders by USER_ID; events of
-- one order keep their order (same source partition), events of different orders within milliseconds may not.

CREATE TABLE CUSTOMER_LATEST_ORDER WITH (
    KAFKA_TOPIC = 'ksql-customer-latest-order',
    KEY_FORMAT = 'KAFKA',
    VALUE_FORMAT = 'AVRO',
    PARTITIONS = 4
) AS SELECT
    USER_ID,
    LATEST_BY_OFFSET(ORDER_ID) AS LAST_ORDER_ID,
    LATEST_BY_OFFSET(STATUS) AS LAST_ORDER_STATUS,
    LATEST_BY_OFFSET(AMOUNT) AS LAST_ORDER_AMOUNT,
    LATEST_BY_OFFSET(CURRENCY) AS LAST_ORDER_CURRENCY,
    MAX(ROWTIME) AS LAST_ORDER_TIME,
    COUNT(*) AS ORDER_EVENTS
FROM ORDERS
GROUP BY USER_ID
EMIT CHANGES;
